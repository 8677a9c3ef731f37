package dev.logbridge.reliability;

import java.util.logging.Logger;

/**
 * A program that uses logbridge with no code at all: java.util.logging configured by a {@code
 * logging.properties} that names logbridge's handler with {@code autoconfigure = true}, the
 * OpenTelemetry SDK described by {@code otel.*} system properties. It logs five records and
 * returns at once. Run in its own JVM by {@link AutoconfiguredMainTest}.
 */
public final class AutoconfiguredMain {
  static final int RECORDS = 5;

  private AutoconfiguredMain() {}

  public static void main(String[] args) {
    Logger log = Logger.getLogger("com.example.Autoconfigured");
    for (int i = 0; i < RECORDS; i++) {
      log.info("autoconfigured-" + i);
    }
  }
}
