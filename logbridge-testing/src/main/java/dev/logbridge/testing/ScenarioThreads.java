package dev.logbridge.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The named daemon threads a test starts to act out a scenario (a lock holder and the threads
 * blocked behind it, say), and the one latch that lets them finish: {@link #close()} releases the
 * latch and joins every thread, each for at most the join timeout, so a test that fails half-way
 * leaves no thread holding a lock.
 *
 * <p>Thread-safety: thread-safe; threads may be started and the latch awaited or released from
 * any thread.
 *
 * @since 0.1
 */
public final class ScenarioThreads implements AutoCloseable {
  /** How long {@link #awaitRelease()} waits at most, so that no scenario thread outlives a run. */
  private static final Duration MAX_HOLD = Duration.ofSeconds(30);

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final Duration joinTimeout;

  /** Threads joined for at most {@code joinTimeout} each when released. */
  public ScenarioThreads(Duration joinTimeout) {
    this.joinTimeout = joinTimeout;
  }

  /** Starts {@code body} on a new daemon thread named {@code name}. */
  public Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return thread;
  }

  /** The latch {@link #releaseAndJoin()} counts down, for code that waits on it itself. */
  public CountDownLatch releaseLatch() {
    return release;
  }

  /**
   * Waits, on a scenario thread, until the scenario is released (30 s at most); an interrupt ends
   * the wait and is kept as the thread's interrupt status.
   */
  public void awaitRelease() {
    try {
      release.await(MAX_HOLD.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Releases the latch and joins every thread started so far, each for the join timeout. */
  public void releaseAndJoin() throws InterruptedException {
    release.countDown();
    for (Thread thread : threads) {
      thread.join(joinTimeout.toMillis());
    }
  }

  /** As {@link #releaseAndJoin()}. */
  @Override
  public void close() throws InterruptedException {
    releaseAndJoin();
  }
}
