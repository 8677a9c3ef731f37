package dev.logbridge.demo;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completed requests and log calls of the simulated service, counted per worker thread and summed
 * on demand.
 *
 * <p>Each worker owns a {@link Local}: single writer, release stores, so counting costs a plain
 * load and store with no contention between workers. Readers (progress line, stall detector,
 * report) sum the locals with volatile loads and may be a few counts behind.
 *
 * <p>Thread-safety: thread-safe; each {@link Local} is written by its owning thread only.
 */
final class ServiceCounters {
  private final CopyOnWriteArrayList<Local> locals = new CopyOnWriteArrayList<>();

  /** A new per-thread counter pair for the calling worker. */
  Local register() {
    Local local = new Local();
    locals.add(local);
    return local;
  }

  /** Requests completed so far. */
  long requests() {
    long sum = 0;
    for (Local local : locals) {
      sum += local.requests.get();
    }
    return sum;
  }

  /** Log calls that returned so far. */
  long logCalls() {
    long sum = 0;
    for (Local local : locals) {
      sum += local.logCalls.get();
    }
    return sum;
  }

  /** One worker thread's counters. Thread-safety: written by the owning thread only. */
  static final class Local {
    // Single writer (the owning worker), release stores; read by any thread.
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong logCalls = new AtomicLong();

    void requestDone() {
      requests.lazySet(requests.get() + 1);
    }

    void logCall() {
      logCalls.lazySet(logCalls.get() + 1);
    }
  }
}
