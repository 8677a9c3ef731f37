package dev.logbridge.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the demo in-process through its command line with captured output, as a user would from
 * the shell. Each run resets Logback and logbridge's global bridge, so runs do not interfere.
 *
 * <p>Not thread-safe: one per test.
 */
final class DemoCli {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  int run(String... args) {
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    return Main.run(out, err, false, args);
  }

  String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  void resetErr() {
    errBytes.reset();
  }
}
