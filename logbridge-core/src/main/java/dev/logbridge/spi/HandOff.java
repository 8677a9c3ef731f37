package dev.logbridge.spi;

/**
 * The per-thread hand-off between two logbridge adapters whose frameworks are chained by a
 * framework bridge, so that a record is exported once, not once per framework it passes through.
 *
 * <p>The problem: with jul-to-slf4j's {@code SLF4JBridgeHandler} (or log4j-jul's {@code
 * Log4jBridgeHandler}) and logbridge's JUL handler both on the JUL root logger, one JUL call
 * reaches logbridge twice, one after the other on the same thread: once through the JUL handler,
 * once through the Logback (or Log4j) adapter. The bridge-wide re-entry guard cannot see this,
 * because the two captures are sequential, not nested, and JUL offers no hook at the end of a
 * {@code Logger.log} call that would delimit "one log call".
 *
 * <p>The rule: the <em>first</em> logbridge adapter to capture the record on the thread wins. It
 * leaves a fingerprint (logger name and formatted message) in this thread's slot; the adapter that
 * sees the forwarded copy next on the same thread finds the matching fingerprint, consumes it and
 * marks its capture {@link RecordCapture#forwarded() forwarded}, which the bridge counts as {@code
 * forwarded}. Two kinds of fingerprint keep the roles apart:
 *
 * <ul>
 *   <li>an <em>upstream</em> fingerprint, left by the adapter of the framework the application
 *       called (JUL) when it knows a forwarding handler runs after it, and claimed by the
 *       downstream adapters (Logback, Log4j 2) through {@link #claimUpstream};
 *   <li>a <em>downstream</em> fingerprint, left by every downstream capture ({@link
 *       #downstreamCaptured}), and claimed by the upstream adapter through {@link
 *       #claimDownstream} only when it knows a forwarding handler ran <em>before</em> it for the
 *       same record.
 * </ul>
 *
 * <p>The upstream adapter resets the slot on every record it sees ({@link #upstreamCaptured} or
 * {@link #clear}), so a fingerprint never outlives the next upstream record on its thread. A
 * mismatch (a forwarder that formats a message differently) errs towards exporting twice, never
 * towards losing a record.
 *
 * <p>Cost on the logging thread: one thread-local lookup and, when the slot is set, two string
 * comparisons. The slot holds only the two strings the capture already made.
 *
 * <p>Thread-safety: each thread touches only its own slot; virtual threads have their own.
 *
 * @since 0.1
 */
public final class HandOff {
  private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

  private HandOff() {}

  /** The upstream adapter captured this record and a forwarding handler will run after it. */
  public static void upstreamCaptured(String loggerName, String body) {
    SLOT.get().set(Slot.UPSTREAM, loggerName, body);
  }

  /**
   * Whether a downstream record is the forwarded copy of the record the upstream adapter captured
   * last on this thread; if so the fingerprint is consumed.
   */
  public static boolean claimUpstream(String loggerName, String body) {
    return SLOT.get().claim(Slot.UPSTREAM, loggerName, body);
  }

  /** A downstream adapter captured this record (it may be a forwarded copy it saw first). */
  public static void downstreamCaptured(String loggerName, String body) {
    SLOT.get().set(Slot.DOWNSTREAM, loggerName, body);
  }

  /**
   * Whether the upstream record was already captured, as a forwarded copy, by a downstream adapter
   * on this thread; if so the fingerprint is consumed.
   */
  public static boolean claimDownstream(String loggerName, String body) {
    return SLOT.get().claim(Slot.DOWNSTREAM, loggerName, body);
  }

  /** Forgets this thread's fingerprint. */
  public static void clear() {
    SLOT.get().set(Slot.EMPTY, null, null);
  }

  private static final class Slot {
    static final int EMPTY = 0;
    static final int UPSTREAM = 1;
    static final int DOWNSTREAM = 2;

    // Read and written only by the owning thread.
    int kind;
    String loggerName;
    String body;

    void set(int kind, String loggerName, String body) {
      this.kind = kind;
      this.loggerName = loggerName == null ? "" : loggerName;
      this.body = body;
    }

    boolean claim(int wanted, String name, String message) {
      if (kind != wanted
          || !loggerName.equals(name == null ? "" : name)
          || !(body == null ? message == null : body.equals(message))) {
        return false;
      }
      set(EMPTY, null, null);
      return true;
    }
  }
}
