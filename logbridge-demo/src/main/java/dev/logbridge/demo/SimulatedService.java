package dev.logbridge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated service: {@code workers × threads} request loops, named like a gunicorn service
 * ({@code worker-2-thread-3}), each handling synthetic requests until stopped.
 *
 * <p>Every loop is bounded twice: by a deadline and by a request count, so a lost stop signal
 * cannot make it run forever. Threads are daemons, so a service frozen by a broken bridge never
 * keeps the JVM alive.
 *
 * <p>Thread-safety: {@link #start} and {@link #stop} from the controlling thread; the counters
 * and latency recorder may be read from any thread.
 */
final class SimulatedService {
  /** Upper bound of requests per thread, whatever the duration. */
  static final long MAX_REQUESTS_PER_THREAD = 5_000_000;

  private final int workers;
  private final int threadsPerWorker;
  private final boolean virtualThreads;
  private final RequestHandler handler;
  private final ServiceCounters counters = new ServiceCounters();
  private final LatencyRecorder latency = new LatencyRecorder();
  private final List<Thread> threads = new ArrayList<>();
  // Written by the controlling thread, read by every worker loop.
  private volatile boolean stopped;

  SimulatedService(
      int workers, int threadsPerWorker, boolean virtualThreads, RequestHandler handler) {
    this.workers = workers;
    this.threadsPerWorker = threadsPerWorker;
    this.virtualThreads = virtualThreads;
    this.handler = handler;
  }

  /** Starts every thread; they stop by themselves after {@code maxRunNanos}. */
  void start(long maxRunNanos) {
    long deadline = System.nanoTime() + maxRunNanos;
    for (int w = 1; w <= workers; w++) {
      for (int t = 1; t <= threadsPerWorker; t++) {
        String worker = "worker-" + w;
        String name = worker + "-thread-" + t;
        int index = threads.size();
        Runnable loop = () -> run(worker, index, deadline);
        Thread thread =
            virtualThreads
                ? VirtualThreads.unstarted(name, loop).orElseThrow()
                : platformThread(name, loop);
        threads.add(thread);
      }
    }
    threads.forEach(Thread::start);
  }

  /** Asks every loop to stop and waits up to {@code timeoutMillis} in total for them to finish. */
  boolean stop(long timeoutMillis) {
    stopped = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread thread : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      try {
        thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  ServiceCounters counters() {
    return counters;
  }

  LatencyRecorder latency() {
    return latency;
  }

  int threadCount() {
    return workers * threadsPerWorker;
  }

  private void run(String worker, int threadIndex, long deadline) {
    LatencyHistogram histogram = latency.register();
    ServiceCounters.Local local = counters.register();
    for (long i = 0; i < MAX_REQUESTS_PER_THREAD && !stopped && System.nanoTime() < deadline; i++) {
      // Distinct ids without a shared counter: the thread's index in the high bits.
      handler.handle((long) threadIndex << 32 | i, worker, histogram, local);
    }
  }

  private static Thread platformThread(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    return thread;
  }
}
