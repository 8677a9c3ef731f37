package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CaptureRingTest {
  private final BridgeSettings settings = BridgeSettings.defaults();
  private final Accounting accounting = new Accounting();
  private final CaptureSupport support = new CaptureSupport(settings, accounting);

  /** What a producer does: claim, then publish; returns what it gets back, or itself if full. */
  private static CaptureSlot offer(CaptureRing ring, CaptureSlot filled) {
    long slot = ring.claim();
    return slot < 0 ? filled : ring.publish(slot, filled);
  }

  private CaptureSlot filled(long stamp) {
    return TestCaptures.stamped(support, stamp);
  }

  @Test
  void capacityIsRoundedUpToAPowerOfTwo() {
    assertThat(new CaptureRing(5).capacity()).isEqualTo(8);
    assertThat(new CaptureRing(8).capacity()).isEqualTo(8);
    assertThat(new CaptureRing(1).capacity()).isEqualTo(2);
  }

  @Test
  void aFullRingHandsTheRecordBackAndDrainsInOrder() {
    CaptureRing ring = new CaptureRing(4);
    CaptureSlot[] records = {filled(1), filled(2), filled(3), filled(4)};
    for (CaptureSlot record : records) {
      assertThat(offer(ring, record)).isNull(); // first lap: no spare to give yet
    }
    CaptureSlot overflow = filled(5);
    assertThat(offer(ring, overflow)).isSameAs(overflow);
    assertThat(ring.size()).isEqualTo(4);

    CaptureSlot[] batch = new CaptureSlot[3];
    assertThat(ring.drainInto(batch)).isEqualTo(3);
    assertThat(batch).extracting(CaptureSlot::timestampEpochNanos).containsExactly(1L, 2L, 3L);
    assertThat(ring.stoppedAtUnpublished()).isFalse();
    assertThat(ring.size()).isEqualTo(1);
  }

  @Test
  void aProducerGetsBackTheClearedCaptureTheConsumerSwappedIn() {
    CaptureRing ring = new CaptureRing(2);
    offer(ring, filled(1));
    offer(ring, filled(2));
    CaptureSlot[] batch = {new CaptureSlot(support), new CaptureSlot(support)};
    CaptureSlot consumerSpare = batch[0];
    assertThat(ring.drainInto(batch)).isEqualTo(2);

    CaptureSlot next = filled(3);
    assertThat(offer(ring, next)).isSameAs(consumerSpare);
    assertThat(consumerSpare.timestampEpochNanos()).isZero();
    assertThat(ring.drainInto(batch)).isEqualTo(1);
    assertThat(batch[0]).isSameAs(next);
  }

  @Test
  void discardAllClearsWhatIsQueuedAndFreesTheSlots() {
    CaptureRing ring = new CaptureRing(2);
    CaptureSlot first = filled(1);
    offer(ring, first);
    offer(ring, filled(2));
    assertThat(ring.discardAll()).isEqualTo(2);
    assertThat(ring.isEmpty()).isTrue();
    assertThat(first.timestampEpochNanos()).isZero();
    assertThat(offer(ring, filled(3))).isSameAs(first); // cleared in place, now a spare
  }

  /**
   * Four producers and one consumer exchange captures as fast as they can: every record that was
   * not handed back arrives exactly once, each producer's in its order, and a producer never gets
   * back a capture that still holds a record (a capture is never owned by two threads at once).
   */
  @Test
  @Timeout(60)
  void concurrentProducersLoseNothingAndNeverShareACapture() throws Exception {
    int producers = 4;
    int perProducer = 200_000;
    CaptureRing ring = new CaptureRing(64);
    Set<CaptureSlot> seenByConsumer = ConcurrentHashMap.newKeySet();
    AtomicLong handedBackDirty = new AtomicLong();
    long[] dropped = new long[producers];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      Thread thread =
          new Thread(
              () -> {
                TestCaptures.awaitQuietly(start);
                CaptureSlot mine = new CaptureSlot(support);
                for (int i = 0; i < perProducer; i++) {
                  // Producer in the high bits, its sequence number in the low ones.
                  mine.begin("p" + producer, Context.root(), 1L)
                      .timestamp(((long) producer << 32) | i);
                  long slot = ring.claim();
                  if (slot < 0) {
                    dropped[producer]++;
                    mine.clear();
                    continue;
                  }
                  CaptureSlot back = ring.publish(slot, mine);
                  if (back == null) {
                    mine = new CaptureSlot(support);
                  } else {
                    if (back.timestampEpochNanos() != 0 || back.scopeName() != null) {
                      handedBackDirty.incrementAndGet();
                    }
                    mine = back;
                  }
                }
              },
              "ring-producer-" + p);
      threads.add(thread);
      thread.start();
    }
    long[] lastSeen = new long[producers];
    java.util.Arrays.fill(lastSeen, -1);
    long received = 0;
    long outOfOrder = 0;
    CaptureSlot[] batch = new CaptureSlot[16];
    start.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
    while (System.nanoTime() < deadline) {
      int n = ring.drainInto(batch);
      for (int i = 0; i < n; i++) {
        long stamp = batch[i].timestampEpochNanos();
        int producer = (int) (stamp >>> 32);
        long sequence = stamp & 0xffffffffL;
        if (sequence <= lastSeen[producer]) {
          outOfOrder++;
        }
        lastSeen[producer] = sequence;
        seenByConsumer.add(batch[i]);
        batch[i].clear();
        received++;
      }
      if (n == 0 && threads.stream().noneMatch(Thread::isAlive) && ring.isEmpty()) {
        break;
      }
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }
    long totalDropped = java.util.Arrays.stream(dropped).sum();
    assertThat(received + totalDropped).isEqualTo((long) producers * perProducer);
    assertThat(outOfOrder).isZero();
    assertThat(handedBackDirty.get()).isZero();
    // The population of captures stays bounded: ring + batch + one per producer.
    assertThat(seenByConsumer.size()).isLessThanOrEqualTo(64 + 16 + producers);
  }
}
