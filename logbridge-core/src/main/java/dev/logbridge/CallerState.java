package dev.logbridge;

/**
 * What logbridge keeps per logging thread, behind one {@link ThreadLocal} read per log call: the
 * re-entry mark, whether the thread belongs to the telemetry pipeline (decided once, from the
 * thread's type and name), and the {@link CaptureSlot} the thread fills next (see {@link
 * CaptureRing}: captures are exchanged, never allocated per record).
 *
 * <p>The re-entry mark is the one bridge-wide guard: a record logged while logbridge is capturing
 * another one on this thread (a {@code toString()} that logs, an MDC value that logs, a framework
 * bridged into another) is blocked instead of bridged again. Every adapter (JUL, Logback, Log4j 2)
 * shares it, so a record that crosses from one framework into another while being captured is
 * bridged once.
 *
 * <p>Per thread, virtual threads included: a {@link ThreadLocal} is per virtual thread, not per
 * carrier.
 *
 * <p>Thread-safety: each instance is touched only by its own thread.
 */
final class CallerState extends CallerStateFields {
  private static final ThreadLocal<CallerState> CURRENT = ThreadLocal.withInitial(CallerState::new);

  // Padding after the fields (see CallerStateLeadingPadding).
  @SuppressWarnings("unused")
  private long p10, p11, p12, p13, p14, p15, p16, p17;

  private CallerState() {}

  /** The current thread's state. */
  public static CallerState current() {
    return CURRENT.get();
  }

  /** Marks the thread as inside logbridge; returns false, changing nothing, if it already was. */
  public boolean tryEnter() {
    if (inside) {
      return false;
    }
    inside = true;
    return true;
  }

  /** Marks the thread as outside again; call only after a successful {@link #tryEnter()}. */
  public void exit() {
    inside = false;
  }

  public boolean isInside() {
    return inside;
  }

  /**
   * Whether this is one of logbridge's threads or of the OpenTelemetry SDK's workers, whose
   * records are never bridged (see {@link OriginFilter}).
   */
  public boolean isTelemetryThread() {
    if (telemetryThread == 0) {
      Thread thread = Thread.currentThread();
      telemetryThread =
          thread instanceof LogBridgeThread || OriginFilter.isSdkThreadName(thread.getName())
              ? (byte) 1
              : (byte) 2;
    }
    return telemetryThread == 1;
  }

  /**
   * Takes this thread's cleared capture for the bridge that owns {@code support}, making one if
   * the thread has none for it yet. Give it back with {@link #giveBack}.
   */
  public CaptureSlot takeCapture(CaptureSupport support) {
    CaptureSlot capture = spareCapture;
    spareCapture = null;
    if (capture == null || !capture.belongsTo(support)) {
      capture = new CaptureSlot(support);
    }
    return capture;
  }

  /** Keeps {@code capture} (cleared, or null: none to keep) for this thread's next record. */
  public void giveBack(CaptureSlot capture) {
    spareCapture = capture;
  }

  /** Clears {@code capture}, whose record went nowhere, and keeps it for the next record. */
  public void recycle(CaptureSlot capture) {
    capture.clear();
    spareCapture = capture;
  }
}

/**
 * Padding before {@link CallerState}'s fields. Every log call writes them, and the garbage
 * collector tends to copy a thread's state next to the capture it references — which then goes
 * to the pipeline thread and is written there. Measured: without the padding the thread-local
 * read of this state was a third of a Logback call's cost (a cache line shared with the
 * pipeline thread); superclass fields come first in the layout, so the fields sit between two
 * 64-byte pads.
 */
abstract class CallerStateLeadingPadding {
  @SuppressWarnings("unused")
  private long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The fields of {@link CallerState}; confined to its thread. */
abstract class CallerStateFields extends CallerStateLeadingPadding {
  boolean inside;
  // 0: not decided yet, 1: a telemetry thread, 2: an application thread.
  byte telemetryThread;
  // Cleared while at rest; null while this thread's capture is in use or not yet made.
  CaptureSlot spareCapture;
}
