package dev.logbridge.demo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Watches the service for a freeze and explains it: {@link WatchdogStallDetector} (logbridge's
 * stall watchdog), or {@link ProgressStallDetector} where the watchdog cannot see the threads.
 *
 * <p>Implementations run on their own daemon thread, never log through a logging framework (the
 * framework may be what is frozen), and stop when closed.
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
interface StallDetector extends AutoCloseable {
  /** A short name for the report, for example "simple progress detector". */
  String name();

  /** The verdict line for the final report when no stall happened, with what was watched. */
  String watchdogVerdict();

  /**
   * How many diagnostic events ({@code logbridge.stall}) the detector handed to logbridge; they
   * are counted as accepted there, beside the service's log calls.
   */
  default long diagnosticEvents() {
    return 0;
  }

  /**
   * Starts watching. {@code progress} grows while the service does useful work; the returned
   * future completes with a human-readable explanation once it has not grown for {@code
   * window}, and never completes otherwise.
   */
  CompletableFuture<String> watch(LongSupplier progress, Duration window);

  /** Stops watching; idempotent. */
  @Override
  void close();
}
