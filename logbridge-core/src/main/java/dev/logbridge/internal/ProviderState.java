package dev.logbridge.internal;

/**
 * What logbridge knows about the OpenTelemetry logger provider it emits into, beyond what the
 * Logs API tells: whether the provider has been shut down, and what kind of log processor it runs.
 *
 * <p>Why it matters: after the SDK's {@code SdkLoggerProvider.shutdown()}, {@code emit()} returns
 * normally and does nothing, so a bridge that counted every returned {@code emit()} as emitted
 * would lose records silently whenever the application closes the SDK before logbridge's queue has
 * drained (the end of {@code main}, a Spring bean destroyed first).
 *
 * <p>Not API: may change without notice. Implemented in {@code dev.logbridge.sdk}.
 *
 * <p>Thread-safety: implementations are thread-safe; {@link #isShutDown()} is called by the
 * pipeline thread once per record and by flush callers.
 */
public interface ProviderState {
  /** A provider logbridge cannot look into: not the SDK (a no-op, the agent's bridge). */
  ProviderState OPAQUE = unknown(null);

  /**
   * A provider whose state logbridge cannot tell: never seen as shut down, processors and losses
   * unknown; {@code limitation} (or null) says why, when it is the SDK's.
   */
  static ProviderState unknown(String limitation) {
    return new ProviderState() {
      @Override
      public boolean isShutDown() {
        return false;
      }

      @Override
      public ProcessorKind processorKind() {
        return ProcessorKind.UNKNOWN;
      }

      @Override
      public long lostAfterEmit() {
        return -1;
      }

      @Override
      public long unexported() {
        return -1;
      }

      @Override
      public String limitation() {
        return limitation;
      }
    };
  }

  /** The log processors found in the provider, as far as they matter to logbridge. */
  enum ProcessorKind {
    /** logbridge's {@code PipelineBatchProcessor}: logbridge's queue is the only one. */
    PIPELINE_BATCH,
    /** The SDK's {@code BatchLogRecordProcessor}: a second queue that drops silently. */
    SDK_BATCH,
    /** Other processors only (simple, custom), or none. */
    OTHER,
    /** Not known. */
    UNKNOWN
  }

  /** Whether the provider has been shut down; once true, stays true. */
  boolean isShutDown();

  /** What processes the records logbridge emits. */
  ProcessorKind processorKind();

  /**
   * Records the provider lost after logbridge handed them on (failed exports), or -1 when the
   * provider does not tell (the SDK's own processors count only into metrics, if at all).
   */
  long lostAfterEmit();

  /**
   * Records logbridge handed on that the provider's processors hold and have not exported yet
   * (queued or in an unfinished export), or -1 when the provider does not tell.
   */
  long unexported();

  /**
   * Whether every record emitted into the provider is discarded by the SDK itself: it has no log
   * processor, or only ones over the SDK's no-op exporter (what {@code
   * LogRecordExporter.composite()} of no exporter is, for example Spring Boot's SDK with no log
   * endpoint set). Such records count as emitted, so this is said once, as a warning.
   */
  default boolean exportsNowhere() {
    return false;
  }

  /**
   * Why this provider could not be fully inspected although it is the SDK's (its internals
   * changed, or the class path denies access), or null. Reported once on the status channel.
   */
  String limitation();
}
