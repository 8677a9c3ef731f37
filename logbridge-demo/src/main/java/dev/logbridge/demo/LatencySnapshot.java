package dev.logbridge.demo;

/**
 * The merged counts of every worker's {@link LatencyHistogram} at one instant, with percentiles.
 *
 * <p>Thread-safety: immutable.
 */
final class LatencySnapshot {
  static final LatencySnapshot EMPTY = new LatencySnapshot(new long[LatencyHistogram.BUCKETS], 0);

  private final long[] counts;
  private final long total;
  private final long max;

  LatencySnapshot(long[] counts, long max) {
    this.counts = counts.clone();
    long sum = 0;
    for (long count : counts) {
      sum += count;
    }
    this.total = sum;
    this.max = max;
  }

  /** How many durations were recorded. */
  long count() {
    return total;
  }

  /** The largest duration recorded, in nanoseconds (exact, not bucketed). */
  long maxNanos() {
    return max;
  }

  /**
   * The {@code quantile} (0..1) in nanoseconds: the upper edge of the bucket holding it, so
   * within 6.25% above the true value; 0 when empty.
   */
  long quantileNanos(double quantile) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(LatencyHistogram.highestValueIn(i), max);
      }
    }
    return max;
  }

  /**
   * The durations recorded since {@code earlier}, for per-second figures. The max is this
   * snapshot's overall max, since an interval max cannot be derived from two cumulative ones.
   */
  LatencySnapshot since(LatencySnapshot earlier) {
    long[] delta = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      delta[i] = Math.max(0, counts[i] - earlier.counts[i]);
    }
    return new LatencySnapshot(delta, max);
  }
}
