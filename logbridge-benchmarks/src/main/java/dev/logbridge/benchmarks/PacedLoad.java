package dev.logbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: {@code threads} threads offer a fixed total rate for a fixed window. Thread
 * {@code t}'s {@code i}-th call is due at {@code start + (t / threads + i) * period}; a thread
 * parks until its next call is due, and one that has fallen behind (a slow call, a descheduled
 * thread) calls back-to-back until it catches up. It never skips a due call, so a slow call shows
 * up as fewer calls made than due (the rate the caller could not offer), not as a lower rate the
 * harness quietly chose. Every thread stops at the window's end, whatever is still due.
 *
 * <p>A thread that is ahead parks until its next call is due ({@link #run(int, double, Duration,
 * Duration, Call, long[][])}), or, with a tick, for at least one tick and then makes every call
 * that fell due meanwhile back to back ({@link #runTicked}): the same offered rate in small
 * bursts, with one park per tick instead of one per call. A park and its wake-up cost the caller
 * about 2–3 µs of CPU here, which at 100,000 calls/s per thread is most of what the process
 * spends; ticks make that overhead small and alike for every bridge, so CPU per record compares
 * bridges rather than parking.
 *
 * <p>Optionally records each call's duration ({@link System#nanoTime()} around the call) into a
 * per-thread {@code long[]}: no allocation, no lock and no shared write on the calling path.
 *
 * <p>Thread-safety: {@link #run} may be called from one thread at a time; it joins its threads
 * before returning and throws if one is still in a call more than {@code joinGrace} after the
 * window (the caller's {@link Watchdog} then ends the process).
 */
final class PacedLoad {
  private PacedLoad() {}

  /** One log call; {@code thread} is the calling thread's index. */
  @FunctionalInterface
  interface Call {
    void run(int thread);
  }

  /**
   * What was offered.
   *
   * @param due calls scheduled within the window, all threads
   * @param made calls made (made &lt; due: the caller could not keep the rate)
   * @param recorded per thread, how many durations were written to its array
   * @param callerCpuNanos CPU time the calling threads used in all (calls, parking, the
   *     harness's clock reads), read by each thread before it ends; -1 if the JVM cannot tell
   */
  record Result(
      long due,
      long made,
      int[] recorded,
      double ratePerSecond,
      Duration window,
      long callerCpuNanos) {
    /** Whether at least 99% of the due calls were made. */
    boolean keptRate() {
      return made >= due * 0.99;
    }

    /** Every recorded call duration of {@code latencies} (as passed to {@link #run}), sorted. */
    long[] sortedLatencies(long[][] latencies) {
      long[] all = new long[Arrays.stream(recorded).sum()];
      int at = 0;
      for (int t = 0; t < latencies.length; t++) {
        System.arraycopy(latencies[t], 0, all, at, recorded[t]);
        at += recorded[t];
      }
      Arrays.sort(all);
      return all;
    }
  }

  /** The nearest-rank percentile of sorted values; 0 when there are none. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /**
   * Runs the load.
   *
   * @param latencies null, or one array per thread for call durations in nanoseconds; a thread
   *     stops recording (not calling) when its array is full
   */
  static Result run(
      int threads,
      double ratePerSecond,
      Duration window,
      Duration joinGrace,
      Call call,
      long[][] latencies)
      throws InterruptedException {
    return runTicked(threads, ratePerSecond, window, joinGrace, Duration.ZERO, call, latencies);
  }

  /**
   * As {@link #run(int, double, Duration, Duration, Call, long[][])}, but a thread that is ahead
   * parks for at least {@code tick} (zero: until its next call is due).
   */
  static Result runTicked(
      int threads,
      double ratePerSecond,
      Duration window,
      Duration joinGrace,
      Duration tick,
      Call call,
      long[][] latencies)
      throws InterruptedException {
    if (threads <= 0 || ratePerSecond <= 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("threads, rate and window must be positive");
    }
    long period = Math.max(1, (long) (threads * 1e9 / ratePerSecond));
    long tickNanos = tick.toNanos();
    // All threads share one start a little ahead, so none gets a head start while others spawn.
    long start = System.nanoTime() + 20_000_000L;
    long end = start + window.toNanos();
    long[] made = new long[threads];
    int[] recorded = new int[threads];
    long[] cpu = new long[threads];
    long due = 0;
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int index = t;
      long first = start + period * t / threads;
      due += (end - first + period - 1) / period;
      long[] mine = latencies == null ? null : latencies[t];
      workers[t] =
          new Thread(
              () -> {
                Outcome outcome = loop(index, first, period, end, tickNanos, call, mine);
                made[index] = outcome.made;
                recorded[index] = outcome.recorded;
                cpu[index] = outcome.cpuNanos;
              },
              "paced-load-" + t);
      workers[t].setDaemon(true);
    }
    for (Thread worker : workers) {
      worker.start();
    }
    long joinDeadline = end + joinGrace.toNanos();
    for (Thread worker : workers) {
      long left = joinDeadline - System.nanoTime();
      if (left > 0) {
        worker.join(Math.max(1, left / 1_000_000));
      }
      if (worker.isAlive()) {
        throw new IllegalStateException(
            worker.getName()
                + " is still in a log call "
                + joinGrace.toSeconds()
                + " s after the window ended");
      }
    }
    long total = 0;
    for (long m : made) {
      total += m;
    }
    long callerCpu = 0;
    for (long c : cpu) {
      callerCpu = c < 0 || callerCpu < 0 ? -1 : callerCpu + c;
    }
    return new Result(due, total, recorded, ratePerSecond, window, callerCpu);
  }

  private static Outcome loop(
      int thread, long first, long period, long end, long tick, Call call, long[] latencies) {
    long next = first;
    long made = 0;
    int recorded = 0;
    while (true) {
      long before = System.nanoTime();
      if (before >= end) {
        break;
      }
      if (before < next) {
        LockSupport.parkNanos(Math.max(next - before, tick));
        continue;
      }
      call.run(thread);
      if (latencies != null && recorded < latencies.length) {
        latencies[recorded++] = System.nanoTime() - before;
      }
      made++;
      next += period;
    }
    // The thread's whole life is the load: its CPU time so far is what the load cost.
    return new Outcome(
        made, recorded, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
  }

  private record Outcome(long made, int recorded, long cpuNanos) {}
}
