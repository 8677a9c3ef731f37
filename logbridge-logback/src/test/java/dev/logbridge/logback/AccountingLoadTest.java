package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.BodyTally;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four threads × 100,000 records through real Logback: with a tiny queue drops happen and the
 * accounting identity holds in every snapshot; with a queue larger than the load nothing is
 * dropped and every record arrives exactly once, checked by content.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccountingLoadTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 100_000;
  private static final Logger APP = LoggerFactory.getLogger("com.example.Load");

  private OpenTelemetrySdk sdk;

  @AfterEach
  void tearDown() {
    LogbackFixture.tearDown();
    if (sdk != null) {
      sdk.close();
    }
  }

  private BodyTally startWithQueue(int capacity) {
    BodyTally tally = new BodyTally(THREADS, PER_THREAD);
    sdk = TestOpenTelemetry.sdkExportingTo(tally);
    LogbackFixture.configure("<queueCapacity>" + capacity + "</queueCapacity>");
    LogBridge.install(sdk);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> LogBridge.global().isInstalled());
    return tally;
  }

  /** Starts the loggers; each counts a call in {@code begun} before it and {@code done} after. */
  private static List<Thread> startLoggers(AtomicLong begun, AtomicLong done) {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                for (int i = 0; i < PER_THREAD; i++) {
                  begun.incrementAndGet();
                  APP.info(BodyTally.body(thread, i));
                  done.incrementAndGet();
                }
              },
              "load-" + t);
      threads.add(worker);
      worker.start();
    }
    return threads;
  }

  @Test
  void withATinyQueueDropsAreCountedAndEveryCallIsReceivedByContentOrDropped() throws Exception {
    BodyTally tally = startWithQueue(16);

    AtomicLong begun = new AtomicLong();
    AtomicLong done = new AtomicLong();
    List<Thread> threads = startLoggers(begun, done);
    // While they log, the counters must agree with the calls the loggers counted, and pending
    // with where a pending record can be: the ring, the consumer's batch, or a call under way.
    long held = LogBridge.global().queueCapacity() + LogBridge.global().settings().batchSize();
    long snapshots = 0;
    while (threads.stream().anyMatch(Thread::isAlive)) {
      long doneBefore = done.get();
      BridgeStats stats = LogBridge.stats();
      long begunAfter = begun.get();
      assertThat(stats.accepted()).as(stats.summary()).isBetween(doneBefore, begunAfter);
      assertThat(stats.pending())
          .as(stats.summary())
          .isBetween(0L, held + (begunAfter - doneBefore));
      snapshots++;
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }

    assertThat(LogBridge.flush(Duration.ofSeconds(30))).isTrue();
    BridgeStats stats = LogBridge.stats();
    assertThat(snapshots).isPositive();
    assertThat(stats.accepted()).isEqualTo(THREADS * PER_THREAD);
    assertThat(stats.pending()).isZero();
    assertThat(stats.dropped(DropReason.QUEUE_FULL)).isPositive();
    assertThat(stats.emitted() + stats.dropped(DropReason.QUEUE_FULL))
        .isEqualTo(THREADS * PER_THREAD);
    assertThat(tally.arrivedOnce()).isEqualTo(stats.emitted());
    assertThat(tally.duplicated()).isZero();
    assertThat(tally.unexpected()).isZero();
    assertThat(LogBridge.global().queueSize()).isZero();
    tally.reconcile(stats).assertReconciled();
  }

  @Test
  void withALargeQueueEveryRecordArrivesExactlyOnce() throws Exception {
    BodyTally tally = startWithQueue(1 << 19);

    for (Thread thread : startLoggers(new AtomicLong(), new AtomicLong())) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }

    assertThat(LogBridge.flush(Duration.ofSeconds(60))).isTrue();
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.accepted()).isEqualTo(THREADS * PER_THREAD);
    assertThat(stats.emitted()).isEqualTo(THREADS * PER_THREAD);
    assertThat(stats.droppedAfterAcceptance()).isZero();
    assertThat(tally.arrivedOnce()).isEqualTo(THREADS * PER_THREAD);
    assertThat(tally.missing()).isZero();
    assertThat(tally.duplicated()).isZero();
  }
}
