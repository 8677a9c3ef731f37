package dev.logbridge.demo;

import java.time.OffsetDateTime;

/**
 * The simulated service's log calls, written once per logging framework: each method is exactly
 * one log call, which {@link RequestHandler} times and counts, so the report's "every log call
 * reached logbridge" check holds whichever framework carries them.
 *
 * <p>Every call hands the framework the seed's hostile values ({@link HostileValues}) in that
 * framework's own idiom: key-values for SLF4J, message parameters for JUL, MapMessage entries for
 * Log4j 2.
 *
 * <p>Thread-safety: implementations are thread-safe; every worker thread calls them.
 */
interface ServiceLog {
  /** Logs that {@code request} arrived at {@code receivedAt} (INFO). */
  void requestStarted(DemoRequest request, OffsetDateTime receivedAt);

  /** Logs that {@code request} was answered with 200 (INFO). */
  void requestHandled(DemoRequest request);

  /** Logs that {@code request} failed with {@code error} (ERROR). */
  void requestFailed(DemoRequest request, Throwable error);
}
