package dev.logbridge;

/**
 * Why a record did not reach OpenTelemetry. Every reason has its own counter in {@link BridgeStats}.
 *
 * <p>The first two reasons describe records that were <em>blocked</em> before they were accepted
 * (they are not part of {@link BridgeStats#accepted()}); the others describe accepted records that
 * were dropped afterwards.
 *
 * @since 0.1
 */
public enum DropReason {
  /** Logged by a thread that was already inside the bridge (a {@code toString()} that logs, say). */
  RECURSION("recursion", false),
  /**
   * Logged by the telemetry pipeline itself: logbridge's own threads, loggers under an excluded
   * prefix ({@code io.opentelemetry}, {@code dev.logbridge}), or a context in which OpenTelemetry
   * suppresses instrumentation.
   */
  SELF_ORIGIN("self_origin", false),
  /** The adapter failed to capture the record (a bug or a hostile framework event). */
  CAPTURE_ERROR("capture_error", false),
  /**
   * A copy of a record another logbridge adapter had already captured on the same thread, handed
   * on by a framework bridge (jul-to-slf4j's {@code SLF4JBridgeHandler}, log4j-jul's {@code
   * Log4jBridgeHandler}); see {@link dev.logbridge.spi.HandOff}. Not a loss: the original is
   * accepted once.
   */
  FORWARDED("forwarded", false),
  /** The queue was full while an OpenTelemetry instance was available. */
  QUEUE_FULL("queue_full", true),
  /** Logged after {@code shutdown}, or still queued when the shutdown deadline passed. */
  SHUTDOWN("shutdown", true),
  /** The queue was full before any OpenTelemetry instance was available. */
  PRE_INSTALL_OVERFLOW("pre_install_overflow", true),
  /** The OpenTelemetry {@code emit()} call threw. */
  EMIT_ERROR("emit_error", true),
  /**
   * Handed on after the OpenTelemetry SDK's logger provider had been shut down (the SDK closed
   * before logbridge's queue drained, or records logged after that): the SDK's {@code emit()}
   * would have returned without doing anything, so the record is counted here, never as emitted.
   */
  SDK_SHUTDOWN("sdk_shutdown", true);

  private final String metricName;
  private final boolean afterAcceptance;

  DropReason(String metricName, boolean afterAcceptance) {
    this.metricName = metricName;
    this.afterAcceptance = afterAcceptance;
  }

  /** The lower-case name used in metrics and summaries, for example {@code queue_full}. */
  public String metricName() {
    return metricName;
  }

  /** Whether records with this reason had been counted as accepted before they were dropped. */
  public boolean isAfterAcceptance() {
    return afterAcceptance;
  }
}
