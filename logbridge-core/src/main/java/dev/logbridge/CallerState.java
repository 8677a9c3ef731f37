package dev.logbridge;

/**
 * What logbridge keeps per logging thread, behind one {@link ThreadLocal} read per log call: the
 * re-entry mark, whether the thread belongs to the telemetry pipeline (decided once, from the
 * thread's type and name), and the {@link CaptureSlot} the thread fills next (see {@link
 * CaptureRing}: captures are exchanged, never allocated per record), and for a thread that logs
 * steadily, the queue through which the pipeline returns its captures ({@link ReturnedCaptures}).
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
   * Takes a cleared capture for this thread's next record for the bridge that owns {@code
   * support}: one the pipeline returned to this thread (warm), else the one the ring handed back
   * last time, else a new one. Give the ring's spare back with {@link #giveBack}.
   */
  public CaptureSlot takeCapture(CaptureSupport support) {
    boolean returnsHere = support == returnsFor;
    if (returnsHere) {
      if (recordsUntilReturns != RECORDS_BEFORE_RETURNS) {
        recordsUntilReturns = RECORDS_BEFORE_RETURNS;
      }
      CaptureSlot returned = ReturnedCaptures.take(returnedSlots, nextReturned);
      if (returned != null) {
        nextReturned++;
        return returned;
      }
    } else if (--recordsUntilReturns == 0) {
      returnsHere = askForReturns(support);
    }
    CaptureSlot capture = spareCapture;
    spareCapture = null;
    if (capture == null || !capture.belongsTo(support)) {
      capture = new CaptureSlot(support);
    }
    capture.returnTo(returnsHere ? returnedCaptures : null);
    return capture;
  }

  /**
   * This thread has logged {@link #RECORDS_BEFORE_RETURNS} records in a row through the bridge
   * that owns {@code support}: busy enough to be worth a queue of its own, if the bridge's quota
   * has one. A queue serves one bridge for good, so that only that bridge's pipeline thread
   * returns captures into it (one producer); a thread that moves to another bridge (a bridge
   * restarted, say) gives its grant back and leaves the old queue to the collector. Returns
   * whether this thread now has a queue for {@code support}.
   */
  private boolean askForReturns(CaptureSupport support) {
    Thread thread = Thread.currentThread();
    ReturnedCaptures granted = support.returnedCapturesQuota().tryGrant(thread);
    if (granted == null) {
      // Every queue is taken by a live thread: ask again in a while.
      recordsUntilReturns = RECORDS_BEFORE_RETURNS * RETRY_FACTOR;
      return false;
    }
    if (returnsFor != null) {
      returnsFor.returnedCapturesQuota().release(thread);
    }
    returnedCaptures = granted;
    returnedSlots = granted.slots();
    nextReturned = 0;
    returnsFor = support;
    recordsUntilReturns = RECORDS_BEFORE_RETURNS;
    return true;
  }

  /**
   * Keeps {@code capture}, a cleared capture the ring handed back (or null: none), for a next
   * record that finds no capture returned to this thread. One is enough: while the thread holds
   * one, another is left to the collector (the pipeline has been returning this thread's
   * captures to it, so the ring has fewer to hand out; see ReturnedCaptures).
   */
  public void giveBack(CaptureSlot capture) {
    if (spareCapture == null) {
      spareCapture = capture;
    }
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
  // Records still to log through a bridge other than returnsFor before this thread's returned
  // captures queue moves to that bridge (or, with none yet, is made): a thread that logs a few
  // records (a virtual thread per request, say) never allocates one.
  int recordsUntilReturns = RECORDS_BEFORE_RETURNS;
  // The queue the pipeline of one bridge (the one whose CaptureSupport is returnsFor) returns
  // this thread's captures to, once made; the owner's side of it is the slot array and the index
  // of the next slot to take from. A thread logging through several bridges in turn keeps the
  // queue of the one it first logged steadily through; the others' captures go through their
  // rings as before.
  CaptureSupport returnsFor;
  ReturnedCaptures returnedCaptures;
  CaptureSlot[] returnedSlots;
  long nextReturned;

  static final int RECORDS_BEFORE_RETURNS = 64;
  // A refused thread asks again after RECORDS_BEFORE_RETURNS * RETRY_FACTOR records.
  static final int RETRY_FACTOR = 16;
}
