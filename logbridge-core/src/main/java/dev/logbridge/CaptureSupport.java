package dev.logbridge;

/**
 * What every {@link CaptureSlot} of one bridge shares: the limits it applies
 * while it is filled, the coercer and the accounting (and, for the logging threads that take
 * captures, the quota of {@link ReturnedCaptures} queues). One reference per capture instead of five
 * fields keeps the object a log call allocates small.
 *
 * <p>Thread-safety: immutable (the coercer and accounting are thread-safe).
 */
final class CaptureSupport {
  private final ValueCoercer coercer;
  private final Accounting accounting;
  private final int maxAttributes;
  private final int maxBodyLength;
  private final int maxStackTraceLength;
  private final ReturnedCapturesQuota returnedCapturesQuota;

  public CaptureSupport(BridgeSettings settings, ValueCoercer coercer, Accounting accounting) {
    this.coercer = coercer;
    this.accounting = accounting;
    this.maxAttributes = settings.maxAttributes();
    this.maxBodyLength = settings.maxBodyLength();
    this.maxStackTraceLength = settings.maxStackTraceLength();
    this.returnedCapturesQuota =
        new ReturnedCapturesQuota(CaptureRing.capacityFor(settings.queueCapacity()));
  }

  /**
   * A support with a coercer of its own over {@code settings} (for code that drives captures
   * without a bridge: tests, models and benchmarks of the ring).
   */
  CaptureSupport(BridgeSettings settings, Accounting accounting) {
    this(settings, new ValueCoercer(settings, accounting), accounting);
  }

  /** Which of this bridge's logging threads may have captures returned to them directly. */
  public ReturnedCapturesQuota returnedCapturesQuota() {
    return returnedCapturesQuota;
  }

  public ValueCoercer coercer() {
    return coercer;
  }

  public Accounting accounting() {
    return accounting;
  }

  public int maxAttributes() {
    return maxAttributes;
  }

  public int maxBodyLength() {
    return maxBodyLength;
  }

  public int maxStackTraceLength() {
    return maxStackTraceLength;
  }
}
