package dev.logbridge;

import java.util.concurrent.TimeUnit;

/**
 * How long the pipeline thread naps when a drain has emptied its queue: short while records come
 * fast, longer while they trickle in.
 *
 * <p>Why: on the 2-vCPU VM where logbridge is measured, every wake-up of a parked thread costs it
 * some 30–50 µs of CPU, whatever it then does. A fixed 1 ms nap therefore cost the pipeline about
 * 31 ms of CPU per second whenever records trickled in, at 1,000 records/s as at 100,000 (the
 * SDK's batch processor, which wakes per 512 records or per second, spent 0.5 ms there; see
 * docs/BENCHMARKS.md). So the nap doubles, up to a maximum, while a wake-up finds fewer than half
 * of {@code targetPerWake} records, and halves, down to {@value #MIN_NAP_MILLIS} ms, while it
 * finds more than twice as many.
 *
 * <p>A long nap must not let a burst overflow the queue: the {@link Pipeline} advertises it with a
 * wake slot (half the queue past what is drained, at most 4,096 slots), and the producer that
 * claims it unparks the consumer. The wake-up then finds many records and the nap shortens.
 *
 * <p>Thread-safety: confined to the pipeline thread.
 */
final class AdaptiveNap {
  static final long MIN_NAP_MILLIS = 1;
  static final long DEFAULT_MAX_NAP_MILLIS = 64;

  private static final long SHORT_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_NAP_MILLIS);

  private final long minNanos;
  private final long maxNanos;
  private final int targetPerWake;
  private long napNanos;
  private int drainedSinceNap;
  // Naps taken; written by the pipeline thread only, read by tests.
  private volatile long naps;

  /**
   * @param targetPerWake records a wake-up should find for its fixed cost to be small per record
   * @param minNanos the shortest nap, {@value #MIN_NAP_MILLIS} ms but in tests
   * @param maxNanos the longest nap: the longest a record waits in the queue at a trickle
   */
  AdaptiveNap(int targetPerWake, long minNanos, long maxNanos) {
    this.targetPerWake = Math.max(1, targetPerWake);
    this.minNanos = minNanos;
    this.maxNanos = Math.max(minNanos, maxNanos);
    this.napNanos = minNanos;
  }

  /** Counts records drained since the last nap. */
  void drained(int records) {
    drainedSinceNap += records;
  }

  /** The next nap's length, adapted to what the wake-up that ends here found. */
  long nextNapNanos() {
    int found = drainedSinceNap;
    drainedSinceNap = 0;
    naps = naps + 1; // one writer: no lost update

    if (found < targetPerWake / 2) {
      napNanos = Math.min(maxNanos, napNanos * 2);
    } else if (found > targetPerWake * 2) {
      napNanos = Math.max(minNanos, napNanos / 2);
    }
    return napNanos;
  }

  /** Naps taken so far (tests). */
  long naps() {
    return naps;
  }

  /**
   * Whether the current nap is the longest there is: wake-ups at that length still find few
   * records, so records trickle in (at most a quarter of the target per nap).
   */
  boolean isLongest() {
    return napNanos >= maxNanos;
  }

  /**
   * Whether the current nap is longer than {@value #MIN_NAP_MILLIS} ms, so that producers must be
   * able to end it.
   */
  boolean isLong() {
    return napNanos > SHORT_NAP_NANOS;
  }
}
