package dev.logbridge.spi;

/**
 * The per-thread hand-off between two logbridge adapters whose frameworks are chained by a
 * framework bridge (jul-to-slf4j's {@code SLF4JBridgeHandler}, log4j-jul's {@code
 * Log4jBridgeHandler}), so that a record is exported once, not once per framework it passes
 * through.
 *
 * <p>The first logbridge adapter to capture a record on a thread wins: it leaves a fingerprint
 * (logger name and formatted message) on the thread, and the adapter that sees the forwarded copy
 * next on the same thread claims the fingerprint and marks its capture {@link
 * RecordCapture#forwarded() forwarded}. An <em>upstream</em> fingerprint is left by the adapter of
 * the framework the application called (JUL) when a forwarding handler runs after it, and claimed
 * by the downstream adapters (Logback, Log4j 2); a <em>downstream</em> fingerprint is left by
 * every downstream capture and claimed by the upstream adapter when a forwarding handler ran
 * before it. Fingerprints nest (a short per-thread stack), and forgetting or a mismatch errs
 * towards exporting twice, never towards losing a record.
 *
 * <p>Thread-safety: each thread touches only its own fingerprints; virtual threads have their
 * own. Cost on the logging thread: one thread-local lookup and at most two string comparisons.
 *
 * @since 0.1
 */
public interface HandOff {
  /** The upstream adapter captured this record and a forwarding handler will run after it. */
  static void upstreamCaptured(String loggerName, String body) {
    HandOffStack.upstreamCaptured(loggerName, body);
  }

  /**
   * Whether a downstream record is the forwarded copy of the record the upstream adapter captured
   * last on this thread; if so the fingerprint is consumed.
   */
  static boolean claimUpstream(String loggerName, String body) {
    return HandOffStack.claimUpstream(loggerName, body);
  }

  /** A downstream adapter captured this record (it may be a forwarded copy it saw first). */
  static void downstreamCaptured(String loggerName, String body) {
    HandOffStack.downstreamCaptured(loggerName, body);
  }

  /**
   * Whether the upstream record was already captured, as a forwarded copy, by a downstream adapter
   * on this thread; if so the fingerprint is consumed.
   */
  static boolean claimDownstream(String loggerName, String body) {
    return HandOffStack.claimDownstream(loggerName, body);
  }

  /** Forgets this thread's fingerprints. */
  static void clear() {
    HandOffStack.clear();
  }
}
