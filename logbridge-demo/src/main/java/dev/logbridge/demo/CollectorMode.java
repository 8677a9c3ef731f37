package dev.logbridge.demo;

import dev.logbridge.receiver.Fault;
import java.time.Duration;
import java.util.Locale;

/** How the embedded collector behaves during the run, through the receiver's fault injection. */
enum CollectorMode {
  HEALTHY("answers every export at once", Fault.none()),
  /**
   * Accepts connections and never answers: the nastiest kind of "down", because each export
   * waits for the exporter's timeout instead of failing fast as a refused connection would.
   */
  DOWN("accepts connections but never answers (hang)", Fault.hang()),
  SLOW("answers every export after 250 ms", Fault.delay(Duration.ofMillis(250))),
  FLAKY(
      "answers 30% of exports with 503 and Retry-After: 1",
      Fault.builder().error(503, 0.3).retryAfter(Duration.ofSeconds(1)).build());

  private final String description;
  private final Fault fault;

  CollectorMode(String description, Fault fault) {
    this.description = description;
    this.fault = fault;
  }

  String description() {
    return description;
  }

  Fault fault() {
    return fault;
  }

  /** How long one export attempt may take; short only where the collector never answers. */
  Duration exportTimeout() {
    return this == DOWN ? DemoTelemetry.SHORT_EXPORT_TIMEOUT : DemoTelemetry.EXPORT_TIMEOUT;
  }

  /** Whether every emitted record is expected to reach the collector. */
  boolean deliversEverything() {
    return this == HEALTHY;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
