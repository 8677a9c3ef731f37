package dev.logbridge.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The demo's fallback where logbridge's stall watchdog cannot see (virtual threads, which
 * {@code ThreadMXBean} does not list): a daemon thread that samples a progress
 * counter and, when it has not moved for the window, dumps the threads with {@code ThreadMXBean}
 * and explains who waits for whom ({@link StuckThreads}).
 *
 * <p>The sampling thread polls every {@value #POLL_MILLIS} ms and ends after one verdict, on
 * {@link #close()}, or after {@link #MAX_WATCH} at the latest. It never logs.
 *
 * <p>Thread-safety: thread-safe; {@link #watch} once per instance.
 */
final class ProgressStallDetector implements StallDetector {
  static final long POLL_MILLIS = 200;

  /** Upper bound of one watch, whatever happens to the caller. */
  static final Duration MAX_WATCH = Duration.ofHours(1);

  private final CompletableFuture<String> verdict = new CompletableFuture<>();
  // Written by the caller of close(), read by the sampling thread.
  private volatile boolean closed;

  @Override
  public String name() {
    return "simple progress detector (demo)";
  }

  @Override
  public String watchdogVerdict() {
    return "the stall watchdog cannot see virtual threads (ThreadMXBean lists platform threads"
        + " only); the demo's "
        + name()
        + " saw no stall";
  }

  @Override
  public CompletableFuture<String> watch(LongSupplier progress, Duration window) {
    Thread sampler = new Thread(() -> sample(progress, window.toNanos()), "demo-stall-detector");
    sampler.setDaemon(true);
    sampler.start();
    return verdict;
  }

  private void sample(LongSupplier progress, long windowNanos) {
    long start = System.nanoTime();
    long last = progress.getAsLong();
    long lastChange = start;
    while (!closed && System.nanoTime() - start < MAX_WATCH.toNanos()) {
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long current = progress.getAsLong();
      if (current != last) {
        last = current;
        lastChange = now;
      } else if (now - lastChange >= windowNanos) {
        verdict.complete(explain(now - lastChange));
        return;
      }
    }
  }

  private static String explain(long stalledNanos) {
    // lockedSynchronizers=true walks the heap at a safepoint (tens to hundreds of ms); it is
    // needed to see which thread owns the AQS lock the others wait on. Taken once, at the end.
    ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
    return new StuckThreads(threads)
        .explain(
            String.format(
                "STALL: no request completed for %.1f s: the service is frozen.",
                stalledNanos / 1e9));
  }

  @Override
  public void close() {
    closed = true;
  }
}
