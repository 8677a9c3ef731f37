package dev.logbridge.demo;

import java.util.Locale;

/** Which bridge carries the service's log records into OpenTelemetry. */
enum BridgeKind {
  /** logbridge's Logback appender: lock-free capture, own thread, exact accounting. */
  LOGBRIDGE("logback.xml with dev.logbridge.logback.LogBridgeAppender", "/logback-demo.xml"),
  /** {@link NaiveBridgeAppender}: the seed's bug in Java terms, freezes on the first odd value. */
  NAIVE(
      "a naive bridge that locks while translating and warns through logging",
      "/logback-naive.xml");

  private final String description;
  private final String logbackResource;

  BridgeKind(String description, String logbackResource) {
    this.description = description;
    this.logbackResource = logbackResource;
  }

  String description() {
    return description;
  }

  /** The bundled Logback configuration that wires this bridge to the root logger. */
  String logbackResource() {
    return logbackResource;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
