package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.sdk.PipelineBatchProcessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class PipelineWakeupTest {
  private final BridgeSettings settings = BridgeSettings.builder().queueCapacity(1 << 17).build();
  private final Accounting accounting = new Accounting();
  private final ValueCoercer coercer = new ValueCoercer(settings, accounting);

  private CaptureSlot record() {
    return record("x");
  }

  private CaptureSlot record(String body) {
    CaptureSlot record =
        new CaptureSlot(
            new CaptureSupport(settings, coercer, accounting), "com.example", Context.root(), 1L);
    record.body(body);
    return record;
  }

  @Test
  void aBurstOfRecordsCostsAtMostAFewWakeupsNotOnePerRecord() {
    Pipeline pipeline =
        new Pipeline(
            settings.queueCapacity(),
            settings.batchSize(),
            accounting,
            new StatusChannel(Duration.ofSeconds(30)));
    pipeline.start();
    pipeline.install(OpenTelemetry.noop());
    try {
      for (int i = 0; i < 100_000; i++) {
        accounting.accepted();
        pipeline.offer(record());
      }
      assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();

      assertThat(
              accounting.emittedSoFar()
                  + accounting.droppedSoFar(DropReason.QUEUE_FULL)
                  + accounting.droppedSoFar(DropReason.PRE_INSTALL_OVERFLOW))
          .isEqualTo(100_000);
      assertThat(pipeline.producerWakeups()).isLessThan(100);
    } finally {
      pipeline.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void aTrickleOfRecordsCostsTheConsumerFewNaps() {
    Pipeline pipeline =
        started(
            8192,
            Duration.ofMillis(AdaptiveNap.MIN_NAP_MILLIS),
            Duration.ofMillis(AdaptiveNap.DEFAULT_MAX_NAP_MILLIS));
    try {
      offerOne(pipeline); // the first record settles the instance
      assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();
      long napsBefore = pipeline.naps();
      int offered = 0;
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
      while (System.nanoTime() < end && offered < 1_000) {
        offerOne(pipeline);
        offered++;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing: ~1,000 records/s
      }
      assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();
      long naps = pipeline.naps() - napsBefore;

      assertThat(accounting.emittedSoFar()).isEqualTo(offered + 1);
      // A nap of 1 ms per wake-up would take about one nap per record here; the nap grows to 64
      // ms instead, so 400 ms cost about a dozen naps.
      assertThat(naps).as("naps for %d records", offered).isLessThan(Math.max(10, offered / 4));
    } finally {
      pipeline.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void aTrickleIntoAPartialBatchCostsAWakeupPerBatchSentNotOnePerNap() {
    // logbridge's processor sends a partial batch 2 s after its first record; naps last at most
    // 10 ms. What arrives before the batch is due leaves with it, so the consumer dozes until
    // then instead of waking every 10 ms to move records from the queue into the batch.
    RecordingExporter exporter = new RecordingExporter();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(
                        PipelineBatchProcessor.builder(exporter)
                            .setScheduleDelay(Duration.ofSeconds(2))
                            .build())
                    .build())
            .build();
    Pipeline pipeline = started(8192, Duration.ofMillis(1), Duration.ofMillis(10), sdk);
    try {
      List<String> bodies = new ArrayList<>();
      offerOne(pipeline, "r0", bodies);
      awaitOrDump(() -> accounting.emittedSoFar() == 1, "the first record to start a batch");
      long napsBefore = pipeline.naps();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
      while (System.nanoTime() < end && bodies.size() <= 400) {
        offerOne(pipeline, "r" + bodies.size(), bodies);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing: ~1,000 records/s
      }
      long naps = pipeline.naps() - napsBefore;

      // Napping 10 ms at a time would have taken about 40 naps in these 400 ms.
      assertThat(naps).as("naps while %d records trickled in", bodies.size()).isLessThan(5);
      // No flush: the batch goes out when due, with every record that arrived before it.
      awaitOrDump(
          () -> exporter.exportedBodies.size() >= bodies.size(),
          "the partial batch to be sent when due",
          Duration.ofSeconds(20));
      assertThat(exporter.exportedBodies).containsExactlyElementsOf(bodies);
      assertThat(exporter.exportSizes).as("one batch, not one per nap").hasSize(1);
    } finally {
      pipeline.shutdown(Duration.ofSeconds(5));
      sdk.getSdkLoggerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBurstWakesADozingConsumerOnceHalfTheQueueWaits() {
    int capacity = 1024; // a doze ends when 512 records wait
    Pipeline pipeline = started(capacity, Duration.ofHours(1), Duration.ofHours(1));
    try {
      awaitOrDump(pipeline::isDozing, "the consumer to doze while nothing comes");
      long wakeupsBefore = pipeline.producerWakeups();
      int burst = capacity / 2 + 1; // slots 0 to 512: the last one wakes the consumer
      for (int i = 0; i < burst; i++) {
        offerOne(pipeline);
      }
      // Each nap lasts an hour: without the producer's wake the burst would wait it out.
      awaitOrDump(() -> accounting.emittedSoFar() == burst, "the burst to be emitted");

      assertThat(accounting.droppedSoFar(DropReason.QUEUE_FULL)).isZero();
      assertThat(pipeline.producerWakeups() - wakeupsBefore)
          .as("one producer woke the consumer, not every record")
          .isEqualTo(1);
    } finally {
      pipeline.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void producersRacingDozesNeverLeaveTheConsumerAsleepOverAWaitingWakeSlot() throws Exception {
    // A tiny queue (a doze ends 4 records past what is drained) and hour-long naps: the consumer
    // dozes whenever it empties the queue, so doze and claim race thousands of times. Producers
    // offer only while fewer than 6 records wait, so a missed wake-up stops them for good (a
    // wake slot is always within their reach).
    int capacity = 8;
    int perProducer = 50_000;
    Pipeline pipeline = started(capacity, Duration.ofHours(1), Duration.ofHours(1));
    try {
      Thread[] producers = new Thread[2];
      for (int p = 0; p < producers.length; p++) {
        producers[p] =
            new Thread(
                () -> {
                  for (int i = 0; i < perProducer; i++) {
                    while (pipeline.queueSize() >= capacity - 2) {
                      Thread.onSpinWait();
                    }
                    offerOne(pipeline);
                  }
                },
                "racing-producer-" + p);
        producers[p].setDaemon(true);
        producers[p].start();
      }
      awaitOrDump(
          () -> !producers[0].isAlive() && !producers[1].isAlive(),
          "the producers to finish (a lost wake-up stops them at their limit)",
          Duration.ofSeconds(60));
      // The last few records lie short of a wake slot and would wait out the nap: flush.
      assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();

      assertThat(accounting.emittedSoFar()).isEqualTo(producers.length * perProducer);
      assertThat(accounting.droppedSoFar(DropReason.QUEUE_FULL)).isZero();
    } finally {
      pipeline.shutdown(Duration.ofSeconds(5));
    }
  }

  private Pipeline started(int capacity, Duration minNap, Duration maxNap) {
    return started(capacity, minNap, maxNap, OpenTelemetry.noop());
  }

  private Pipeline started(
      int capacity, Duration minNap, Duration maxNap, OpenTelemetry openTelemetry) {
    Pipeline pipeline =
        new Pipeline(
            capacity,
            settings.batchSize(),
            accounting,
            new StatusChannel(Duration.ofSeconds(30)),
            Pipeline.DEFAULT_INSTALL_WAIT_NOTICE,
            minNap,
            maxNap);
    pipeline.start();
    pipeline.install(openTelemetry);
    return pipeline;
  }

  private void offerOne(Pipeline pipeline) {
    accounting.accepted();
    pipeline.offer(record());
  }

  private void offerOne(Pipeline pipeline, String body, List<String> offered) {
    accounting.accepted();
    pipeline.offer(record(body));
    offered.add(body);
  }

  private static void awaitOrDump(BooleanSupplier condition, String what) {
    awaitOrDump(condition, what, Duration.ofSeconds(10));
  }

  /** Waits up to {@code limit} for {@code condition}; fails with a thread dump if it never holds. */
  private static void awaitOrDump(BooleanSupplier condition, String what, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        StringBuilder dump = new StringBuilder("timed out waiting for " + what + "; threads:\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
          dump.append(info);
        }
        throw new AssertionError(dump.toString());
      }
      Thread.onSpinWait();
    }
  }
}
