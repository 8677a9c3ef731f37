package dev.logbridge.spi;

/**
 * The implementation of {@link dev.logbridge.spi.HandOff}: the per-thread hand-off between two
 * logbridge adapters whose frameworks are chained by a framework bridge, so that a record is
 * exported once, not once per framework it passes through.
 *
 * <p>The problem: with jul-to-slf4j's {@code SLF4JBridgeHandler} (or log4j-jul's {@code
 * Log4jBridgeHandler}) and logbridge's JUL handler both on the JUL root logger, one JUL call
 * reaches logbridge twice, one after the other on the same thread: once through the JUL handler,
 * once through the Logback (or Log4j) adapter. The bridge-wide re-entry guard cannot see this,
 * because the two captures are sequential, not nested, and JUL offers no hook at the end of a
 * {@code Logger.log} call that would delimit "one log call".
 *
 * <p>The rule: the <em>first</em> logbridge adapter to capture the record on the thread wins. It
 * leaves a fingerprint (logger name and formatted message) on this thread; the adapter that
 * sees the forwarded copy next on the same thread finds the matching fingerprint, consumes it and
 * marks its capture {@link dev.logbridge.spi.RecordCapture#forwarded() forwarded}, which the
 * bridge counts as {@code forwarded}. Two kinds of fingerprint keep the roles apart:
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
 * <p>Hand-offs nest. When something in the target framework logs back into JUL while the
 * forwarder is still delivering a record (an appender that writes to JUL, closing a loop between
 * the two frameworks), the inner record's hand-off starts and ends inside the outer one's. So the
 * fingerprints form a short per-thread stack: each capture pushes its fingerprint, a claim
 * compares the top one only and pops it on a match, and the inner record's fingerprint is gone
 * again before the outer record's copy is claimed. A single slot would let the inner fingerprint
 * overwrite the outer one and the outer record would be exported twice.
 *
 * <p>Stale fingerprints (the target framework filtered the forwarded copy out, so nobody claimed
 * it) are forgotten when the upstream adapter sees a record with no forwarder or one the
 * downstream adapter did not capture first ({@link #clear}), and the stack keeps the newest
 * {@value #DEPTH} only. Forgetting errs towards exporting twice, as does a mismatch (a forwarder
 * that formats a message differently); neither loses a record.
 *
 * <p>Cost on the logging thread: one thread-local lookup and, when the stack is not empty, two
 * string comparisons. The stack holds only the strings the captures already made.
 *
 * <p>Thread-safety: each thread touches only its own slot; virtual threads have their own.
 *
 */
final class HandOffStack {
  /** How many nested hand-offs one thread remembers; a deeper one forgets the oldest. */
  static final int DEPTH = 4;

  private static final ThreadLocal<Stack> STACK = ThreadLocal.withInitial(Stack::new);

  private HandOffStack() {}

  /** The upstream adapter captured this record and a forwarding handler will run after it. */
  public static void upstreamCaptured(String loggerName, String body) {
    STACK.get().push(Stack.UPSTREAM, loggerName, body);
  }

  /**
   * Whether a downstream record is the forwarded copy of the record the upstream adapter captured
   * last on this thread; if so the fingerprint is consumed.
   */
  public static boolean claimUpstream(String loggerName, String body) {
    return STACK.get().claim(Stack.UPSTREAM, loggerName, body);
  }

  /** A downstream adapter captured this record (it may be a forwarded copy it saw first). */
  public static void downstreamCaptured(String loggerName, String body) {
    STACK.get().push(Stack.DOWNSTREAM, loggerName, body);
  }

  /**
   * Whether the upstream record was already captured, as a forwarded copy, by a downstream adapter
   * on this thread; if so the fingerprint is consumed.
   */
  public static boolean claimDownstream(String loggerName, String body) {
    return STACK.get().claim(Stack.DOWNSTREAM, loggerName, body);
  }

  /** Forgets this thread's fingerprints. */
  public static void clear() {
    STACK.get().clear();
  }

  /** This thread's fingerprints, newest last. Read and written only by the owning thread. */
  private static final class Stack {
    static final int UPSTREAM = 1;
    static final int DOWNSTREAM = 2;

    final int[] kinds = new int[DEPTH];
    final String[] loggerNames = new String[DEPTH];
    final String[] bodies = new String[DEPTH];
    int size;

    void push(int kind, String loggerName, String body) {
      if (size == DEPTH) {
        // Deeper than any real chain: forget the oldest.
        System.arraycopy(kinds, 1, kinds, 0, DEPTH - 1);
        System.arraycopy(loggerNames, 1, loggerNames, 0, DEPTH - 1);
        System.arraycopy(bodies, 1, bodies, 0, DEPTH - 1);
        size--;
      }
      kinds[size] = kind;
      loggerNames[size] = loggerName == null ? "" : loggerName;
      bodies[size] = body;
      size++;
    }

    boolean claim(int wanted, String name, String message) {
      int top = size - 1;
      if (top < 0
          || kinds[top] != wanted
          || !loggerNames[top].equals(name == null ? "" : name)
          || !(bodies[top] == null ? message == null : bodies[top].equals(message))) {
        return false;
      }
      loggerNames[top] = null;
      bodies[top] = null;
      size = top;
      return true;
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        loggerNames[i] = null;
        bodies[i] = null;
      }
      size = 0;
    }
  }
}
