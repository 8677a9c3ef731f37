package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void everyValueFallsIntoABucketWhoseUpperEdgeIsWithinOneSixteenthAbove() {
    long[] samples = {
      0,
      1,
      15,
      16,
      17,
      31,
      32,
      33,
      1_000,
      65_535,
      1_000_000,
      123_456_789,
      Long.MAX_VALUE / 3,
      Long.MAX_VALUE
    };
    for (long value : samples) {
      int index = LatencyHistogram.indexOf(value);
      assertThat(index).isBetween(0, LatencyHistogram.BUCKETS - 1);
      long upper = LatencyHistogram.highestValueIn(index);
      assertThat(upper).as("upper edge for %d", value).isGreaterThanOrEqualTo(value);
      assertThat((double) (upper - value)).isLessThanOrEqualTo(value / 16.0 + 1);
      if (index > 0) {
        assertThat(LatencyHistogram.highestValueIn(index - 1)).isLessThan(value);
      }
    }
  }

  @Test
  void percentilesOfMergedThreadHistograms() {
    LatencyRecorder recorder = new LatencyRecorder();
    LatencyHistogram a = recorder.register();
    LatencyHistogram b = recorder.register();
    for (int i = 1; i <= 990; i++) {
      a.record(1_000);
    }
    for (int i = 1; i <= 10; i++) {
      b.record(1_000_000);
    }

    LatencySnapshot snapshot = recorder.snapshot();
    assertThat(snapshot.count()).isEqualTo(1_000);
    assertThat(snapshot.quantileNanos(0.5)).isBetween(1_000L, 1_063L);
    assertThat(snapshot.quantileNanos(0.99)).isBetween(1_000L, 1_063L);
    assertThat(snapshot.quantileNanos(0.999)).isBetween(1_000_000L, 1_000_000L);
    assertThat(snapshot.maxNanos()).isEqualTo(1_000_000);
  }

  @Test
  void intervalSnapshotsCountOnlyWhatCameAfter() {
    LatencyRecorder recorder = new LatencyRecorder();
    LatencyHistogram h = recorder.register();
    h.record(10);
    LatencySnapshot first = recorder.snapshot();
    h.record(5_000);
    h.record(5_000);

    LatencySnapshot interval = recorder.snapshot().since(first);
    assertThat(interval.count()).isEqualTo(2);
    assertThat(interval.quantileNanos(0.5)).isBetween(5_000L, 5_312L);
    assertThat(LatencySnapshot.EMPTY.quantileNanos(0.99)).isZero();
  }
}
