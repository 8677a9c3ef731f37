package dev.logbridge.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads golden dumps captured from real JVMs (see src/test/resources/dumps). Stateless and thread-safe. */
final class Dumps {
  private Dumps() {}

  static String text(String name) {
    try (InputStream in = Dumps.class.getResourceAsStream("/dumps/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden dump " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ThreadDump parse(String name) {
    return ThreadDumpParser.autoDetect().parse(text(name));
  }
}
