package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReturnedCapturesTest {
  private static final int CAPACITY = 256;
  private final BridgeSettings settings = BridgeSettings.defaults();
  private final Accounting accounting = new Accounting();
  private final CaptureSupport support = new CaptureSupport(settings, accounting);

  private CaptureSlot stamped(long stamp) {
    return TestCaptures.stamped(support, stamp);
  }

  @Test
  void theOwnerTakesReturnedCapturesInTheOrderTheyCameAndNothingWhenEmpty() {
    ReturnedCaptures returned = new ReturnedCaptures(CAPACITY);
    CaptureSlot[] slots = returned.slots();
    CaptureSlot first = stamped(1);
    CaptureSlot second = stamped(2);

    assertThat(ReturnedCaptures.take(slots, 0)).isNull();
    assertThat(returned.offer(first)).isTrue();
    assertThat(returned.offer(second)).isTrue();

    assertThat(ReturnedCaptures.take(slots, 0)).isSameAs(first);
    assertThat(ReturnedCaptures.take(slots, 1)).isSameAs(second);
    assertThat(ReturnedCaptures.take(slots, 2)).isNull();
  }

  @Test
  void theCapacityMustBeAPowerOfTwo() {
    assertThat(new ReturnedCaptures(4).slots()).hasSize(4);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new ReturnedCaptures(3));
  }

  @Test
  void aFullQueueRefusesACaptureUntilTheOwnerTakesOne() {
    ReturnedCaptures returned = new ReturnedCaptures(CAPACITY);
    for (int i = 0; i < CAPACITY; i++) {
      assertThat(returned.offer(stamped(i))).as("offer %d", i).isTrue();
    }
    CaptureSlot refused = stamped(-1);
    assertThat(returned.offer(refused)).isFalse();

    CaptureSlot oldest = ReturnedCaptures.take(returned.slots(), 0);
    assertThat(oldest.timestampEpochNanos()).isZero(); // stamp 0 went in first
    assertThat(returned.offer(refused)).isTrue();
    // The refused capture now waits behind the other CAPACITY - 1, in the slot just emptied.
    assertThat(ReturnedCaptures.take(returned.slots(), CAPACITY)).isSameAs(refused);
  }

  /**
   * The pipeline thread returns captures as fast as it can while their owner takes them: every
   * capture offered must be taken exactly once, in order, and none taken that was not offered.
   */
  @Test
  @Timeout(60)
  void concurrentReturnsAndTakesHandEachCaptureOverOnceInOrder() throws Exception {
    int captures = 2_000_000;
    ReturnedCaptures returned = new ReturnedCaptures(CAPACITY);
    AtomicLong offered = new AtomicLong();
    Thread pipeline =
        new Thread(
            () -> {
              for (int i = 0; i < captures; i++) {
                CaptureSlot capture = stamped(i);
                while (!returned.offer(capture)) {
                  Thread.onSpinWait();
                }
                offered.incrementAndGet();
              }
            },
            "returning-pipeline");
    pipeline.start();

    CaptureSlot[] slots = returned.slots();
    long taken = 0;
    long outOfOrder = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
    while (taken < captures && System.nanoTime() < deadline) {
      CaptureSlot capture = ReturnedCaptures.take(slots, taken);
      if (capture == null) {
        Thread.onSpinWait();
        continue;
      }
      if (capture.timestampEpochNanos() != taken) {
        outOfOrder++;
      }
      taken++;
    }
    pipeline.join(TimeUnit.SECONDS.toMillis(5));

    assertThat(taken).isEqualTo(captures);
    assertThat(offered.get()).isEqualTo(captures);
    assertThat(outOfOrder).isZero();
    assertThat(ReturnedCaptures.take(slots, taken)).isNull();
  }

  @Test
  void aBridgeGrantsQueuesToAFewLiveThreadsAndReclaimsThoseOfEndedOnes() throws Exception {
    ReturnedCapturesQuota quota = new ReturnedCapturesQuota(1024);
    List<Thread> holders = new ArrayList<>();
    CountDownLatch end = new CountDownLatch(1);
    for (int i = 0; i < ReturnedCapturesQuota.QUEUES; i++) {
      Thread holder = new Thread(() -> TestCaptures.awaitQuietly(end), "holder-" + i);
      holder.start();
      holders.add(holder);
      ReturnedCaptures granted = quota.tryGrant(holder);
      assertThat(granted).as("grant %d", i).isNotNull();
      assertThat(granted.slots()).hasSize(1024);
    }
    Thread current = Thread.currentThread();
    assertThat(quota.tryGrant(current)).as("every grant held by a live thread").isNull();

    quota.release(holders.get(0));
    assertThat(quota.tryGrant(current)).as("a released grant").isNotNull();
    assertThat(quota.tryGrant(current)).isNull();

    end.countDown();
    for (Thread holder : holders) {
      holder.join(TimeUnit.SECONDS.toMillis(10));
    }
    // The holders have ended: their grants go to whoever asks next.
    for (int i = 1; i < ReturnedCapturesQuota.QUEUES; i++) {
      assertThat(quota.tryGrant(current)).as("reclaimed grant %d", i).isNotNull();
    }
    assertThat(quota.tryGrant(current)).isNull();
  }

  @Test
  void aQueueIsAsLargeAsTheRingUpToACap() {
    assertThat(new ReturnedCapturesQuota(64).tryGrant(Thread.currentThread()).slots()).hasSize(64);
    assertThat(new ReturnedCapturesQuota(1 << 28).tryGrant(Thread.currentThread()).slots())
        .hasSize(ReturnedCapturesQuota.MAX_QUEUE_CAPACITY);
  }
}
