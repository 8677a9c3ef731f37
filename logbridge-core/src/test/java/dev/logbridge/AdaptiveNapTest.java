package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveNapTest {
  private static final long MIN = TimeUnit.MILLISECONDS.toNanos(AdaptiveNap.MIN_NAP_MILLIS);
  private static final long MAX = TimeUnit.MILLISECONDS.toNanos(16);

  @Test
  void aTrickleLengthensTheNapUpToTheMaximum() {
    AdaptiveNap nap = new AdaptiveNap(1024, MIN, MAX);
    assertThat(nap.isLong()).isFalse();
    long previous = MIN;
    for (int wake = 0; wake < 4; wake++) {
      assertThat(nap.isLongest()).as("a nap of %d ns", previous).isFalse();
      nap.drained(3);
      long next = nap.nextNapNanos();
      assertThat(next).isEqualTo(previous * 2);
      previous = next;
    }
    assertThat(nap.isLong()).isTrue();
    nap.drained(1);
    assertThat(nap.nextNapNanos()).isEqualTo(MAX);
    assertThat(nap.isLongest()).isTrue();
    assertThat(nap.nextNapNanos()).as("an empty wake-up").isEqualTo(MAX);
  }

  @Test
  void aWakeUpThatFindsManyRecordsShortensTheNapDownToTheMinimum() {
    AdaptiveNap nap = new AdaptiveNap(1024, MIN, MAX);
    for (int wake = 0; wake < 10; wake++) {
      nap.nextNapNanos();
    }
    nap.drained(1500);
    nap.drained(1500); // counted across the drains of one wake-up
    assertThat(nap.nextNapNanos()).isEqualTo(MAX / 2);
    assertThat(nap.isLongest()).as("records no longer trickle").isFalse();
    for (int wake = 0; wake < 10; wake++) {
      nap.drained(5000);
      nap.nextNapNanos();
    }
    assertThat(nap.isLong()).isFalse();
    nap.drained(5000);
    assertThat(nap.nextNapNanos()).isEqualTo(MIN);
  }

  @Test
  void aWakeUpNearTheTargetKeepsTheNap() {
    AdaptiveNap nap = new AdaptiveNap(1024, MIN, MAX);
    nap.drained(10);
    long grown = nap.nextNapNanos();
    for (int wake = 0; wake < 5; wake++) {
      nap.drained(1024);
      assertThat(nap.nextNapNanos()).isEqualTo(grown);
    }
  }
}
