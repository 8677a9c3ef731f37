package dev.logbridge.demo;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each worker thread its own {@link LatencyHistogram} and merges them on demand.
 *
 * <p>Registration happens once per thread, before its first request, so the copy-on-write list
 * costs nothing on the measured path; merging reads every histogram without stopping writers.
 *
 * <p>Thread-safety: thread-safe.
 */
final class LatencyRecorder {
  private final CopyOnWriteArrayList<LatencyHistogram> histograms = new CopyOnWriteArrayList<>();

  /** A new histogram for the calling worker thread, included in every later snapshot. */
  LatencyHistogram register() {
    LatencyHistogram histogram = new LatencyHistogram();
    histograms.add(histogram);
    return histogram;
  }

  /** The merged counts of every registered histogram now. */
  LatencySnapshot snapshot() {
    long[] merged = new long[LatencyHistogram.BUCKETS];
    long max = 0;
    for (LatencyHistogram histogram : histograms) {
      max = Math.max(max, histogram.addTo(merged));
    }
    return new LatencySnapshot(merged, max);
  }
}
