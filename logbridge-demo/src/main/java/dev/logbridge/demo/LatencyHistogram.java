package dev.logbridge.demo;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A log-linear histogram of nanosecond durations with one writer thread and any number of readers.
 *
 * <p>Design: values below 16 ns have a bucket each; above, every power of two is split into 16
 * linear sub-buckets, so a bucket's width is at most 1/16 of its lower bound (6.25% relative
 * error) and 1,024 buckets cover every positive {@code long}. Each worker thread owns one
 * histogram ({@link LatencyRecorder} hands them out), so {@link #record} needs no lock and no
 * atomic read-modify-write: the single writer reads its own counter and publishes the increment
 * with a release store ({@code lazySet}); readers on the progress thread see a recent, possibly
 * slightly stale, count. Wait-free for the writer and the readers.
 *
 * <p>Thread-safety: {@link #record} from the owning thread only; {@link #addTo} from any thread.
 */
final class LatencyHistogram {
  static final int SUB_BUCKET_BITS = 4;
  static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
  static final int BUCKETS = 64 * SUB_BUCKETS;

  // Written by the owning thread only (release stores); read by snapshot readers (volatile loads).
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  // Same single-writer discipline as counts.
  private final AtomicLongArray max = new AtomicLongArray(1);

  /** Counts one duration; negative values (a clock step) count as zero. Owning thread only. */
  void record(long nanos) {
    long value = Math.max(0, nanos);
    int index = indexOf(value);
    counts.lazySet(index, counts.get(index) + 1);
    if (value > max.get(0)) {
      max.lazySet(0, value);
    }
  }

  /** Adds this histogram's counts into {@code target} (length {@link #BUCKETS}); returns its max. */
  long addTo(long[] target) {
    for (int i = 0; i < BUCKETS; i++) {
      target[i] += counts.get(i);
    }
    return max.get(0);
  }

  /** The bucket of {@code value} (non-negative). */
  static int indexOf(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int sub = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
    return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
  }

  /** The largest value that falls into bucket {@code index}. */
  static long highestValueIn(int index) {
    if (index < SUB_BUCKETS) {
      return index;
    }
    int exponent = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
    int sub = index % SUB_BUCKETS;
    int shift = exponent - SUB_BUCKET_BITS;
    long lowest = (long) (SUB_BUCKETS + sub) << shift;
    return lowest + (1L << shift) - 1;
  }
}
