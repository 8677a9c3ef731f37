package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineBatchProcessorTest {
  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);
  private static final Duration NEVER = Duration.ofHours(1);

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final List<String> status = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  @Test
  void fullBatchesAreExportedOnThePipelineThreadAndThePartialOneOnFlush() {
    RecordingExporter exporter = new RecordingExporter();
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(exporter)
            .setMaxExportBatchSize(10)
            .setScheduleDelay(NEVER)
            .build();
    Bridge bridge = bridgeOver(processor, BridgeSettings.builder());

    for (int i = 0; i < 35; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> processor.exportedRecords() == 30);
    assertThat(exporter.threads()).containsOnly("logbridge-pipeline");
    // The partial batch waits in the processor (no schedule delay ever passes): taken, unexported.
    await().atMost(Duration.ofSeconds(10)).until(() -> processor.unexportedRecords() == 5);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(processor.unexportedRecords()).isZero();
    assertThat(exporter.sizes()).containsExactly(10, 10, 10, 5);
    assertThat(exporter.bodies()).containsExactlyElementsOf(bodies(35));
    assertThat(processor.exportedRecords()).isEqualTo(35);
    assertThat(processor.failedRecords()).isZero();
    assertThat(processor.foreignRecords()).isZero();
  }

  @Test
  void aPartialBatchIsExportedByThePipelineOnceItHasWaitedTheScheduleDelay() {
    RecordingExporter exporter = new RecordingExporter();
    Duration delay = Duration.ofMillis(200);
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(exporter)
            .setMaxExportBatchSize(100)
            .setScheduleDelay(delay)
            .build();
    Bridge bridge = bridgeOver(processor, BridgeSettings.builder());

    long loggedAt = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    // Nobody flushes: the pipeline's idle loop must send the batch on its own.
    await().atMost(Duration.ofSeconds(10)).until(() -> processor.exportedRecords() == 3);
    assertThat(exporter.sizes()).containsExactly(3);
    assertThat(exporter.threads()).containsOnly("logbridge-pipeline");
    assertThat(exporter.exportTimes.get(0) - loggedAt).isGreaterThanOrEqualTo(delay.toNanos());
  }

  @Test
  void recordsFromOtherThreadsGoToABatchProcessorAndNeverWaitForAnExport() {
    BlockingExporter blocking = new BlockingExporter();
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(blocking.exporter)
            .setScheduleDelay(Duration.ofMillis(10))
            .build();
    OpenTelemetrySdk sdk = sdkWith(processor);

    // The test thread is an application thread using the Logs API directly. The exporter blocks
    // every export until released; emitting must not wait for it.
    for (int i = 0; i < 3; i++) {
      sdk.getLogsBridge().get("com.example.direct").logRecordBuilder().setBody("d" + i).emit();
    }
    assertThat(processor.foreignRecords()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> blocking.entered.get() > 0);
    assertThat(blocking.exporter.threads()).doesNotContain(Thread.currentThread().getName());

    blocking.release.countDown();
    assertThat(processor.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
        .isTrue();
    assertThat(blocking.exporter.bodies()).containsExactly("d0", "d1", "d2");
  }

  @Test
  void aHangingExporterStallsOnlyThePipelineAndEveryRecordIsAccountedFor() {
    BlockingExporter blocking = new BlockingExporter();
    cleanup.add(blocking.release::countDown);
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(blocking.exporter)
            .setMaxExportBatchSize(4)
            .setScheduleDelay(NEVER)
            .setExporterTimeout(Duration.ofMillis(300))
            .build();
    Bridge bridge = bridgeOver(processor, BridgeSettings.builder().queueCapacity(64));
    // Until the pipeline has taken up the SDK, an overflow counts as pre_install_overflow.
    await().atMost(Duration.ofSeconds(10)).until(bridge::isInstalled);

    // The first full batch hangs in the exporter; the pipeline waits, the queue fills, and the
    // application's calls go on, every one of them counted.
    for (int i = 0; i < 1_000; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }
    BridgeStats stats = bridge.stats();
    assertThat(stats.accepted()).isEqualTo(1_000);
    assertThat(stats.dropped(DropReason.QUEUE_FULL)).isPositive();
    // A pending record is in the ring or in the consumer's batch: nowhere else.
    assertThat(stats.pending())
        .isBetween(0L, (long) bridge.queueCapacity() + bridge.settings().batchSize());

    // Each stuck export is given up after the exporter timeout and counted as failed.
    await().atMost(Duration.ofSeconds(10)).until(() -> processor.failedRecords() >= 4);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.stream().anyMatch(s -> s.contains("did not finish within")));

    long start = System.nanoTime();
    assertThat(bridge.flush(Duration.ofMillis(300))).isFalse();
    assertThat(bridge.shutdown(Duration.ofMillis(300))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    // What reached the exporter, by content: each body sent once at most, every one of them
    // counted by the processor as exported or failed, and none beyond what the bridge emitted.
    // Each hung export is given up after the timeout, so the processor's count catches up.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                processor.exportedRecords() + processor.failedRecords()
                    == blocking.exporter.bodies().size());
    List<String> received = blocking.exporter.bodies();
    assertThat(received).doesNotHaveDuplicates().isSubsetOf(bodies(1_000));
    BridgeStats last = bridge.stats();
    assertThat(last.emitted()).isGreaterThanOrEqualTo(received.size());
    assertThat(received.size() + last.droppedAfterAcceptance() + last.pending())
        .as(last.summary())
        .isLessThanOrEqualTo(1_000);
  }

  @Test
  void thePipelineWaitsOnceMaxConcurrentExportsAreInFlight() {
    BlockingExporter blocking = new BlockingExporter();
    cleanup.add(blocking.release::countDown);
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(blocking.exporter)
            .setMaxExportBatchSize(4)
            .setMaxConcurrentExports(2)
            .setScheduleDelay(NEVER)
            .build();
    Bridge bridge = bridgeOver(processor, BridgeSettings.builder());

    for (int i = 0; i < 20; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    // The pipeline parks waiting for the oldest export once two are in flight; no third starts.
    await().atMost(Duration.ofSeconds(10)).until(PipelineBatchProcessorTest::pipelineAwaitsExport);
    assertThat(blocking.entered.get()).isEqualTo(2);

    blocking.release.countDown();
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(processor.exportedRecords()).isEqualTo(20);
    assertThat(blocking.exporter.bodies()).containsExactlyInAnyOrderElementsOf(bodies(20));
  }

  private static boolean pipelineAwaitsExport() {
    for (java.util.Map.Entry<Thread, StackTraceElement[]> thread :
        Thread.getAllStackTraces().entrySet()) {
      if (thread.getKey().getName().equals("logbridge-pipeline")
          && thread.getKey().getState() == Thread.State.TIMED_WAITING
          && java.util.Arrays.stream(thread.getValue())
              .anyMatch(frame -> frame.getMethodName().equals("awaitPipelineExports"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aFailedExportIsCountedAndReported() {
    RecordingExporter failing = new RecordingExporter(batch -> CompletableResultCode.ofFailure());
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(failing)
            .setMaxExportBatchSize(5)
            .setScheduleDelay(NEVER)
            .build();
    Bridge bridge = bridgeOver(processor, BridgeSettings.builder());

    for (int i = 0; i < 5; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> processor.failedRecords() == 5);
    assertThat(processor.exportedRecords()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.stream().anyMatch(s -> s.contains("export of 5 records failed")));
  }

  @Test
  void anExporterThatThrowsIsCountedAsFailedAndThePipelineGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    RecordingExporter throwingOnce =
        new RecordingExporter(
            batch -> {
              if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("exporter bug");
              }
              return CompletableResultCode.ofSuccess();
            });
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(throwingOnce)
            .setMaxExportBatchSize(2)
            .setScheduleDelay(NEVER)
            .build();
    Bridge bridge = bridgeOver(processor, BridgeSettings.builder());

    for (int i = 0; i < 4; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> processor.failedRecords() == 2 && processor.exportedRecords() == 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.stream().anyMatch(s -> s.contains("exporter bug")));
  }

  @Test
  void thePartialBatchIsSentWhenTheBridgeStopsAndLaterRecordsAreCountedAfterShutdown() {
    RecordingExporter exporter = new RecordingExporter();
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(exporter).setScheduleDelay(NEVER).build();
    OpenTelemetrySdk sdk = sdkWith(processor);
    Bridge bridge = newBridge(BridgeSettings.builder());
    bridge.install(sdk);
    for (int i = 0; i < 3; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    // Bridge.shutdown does not flush the SDK: the pipeline's last run must send the batch.
    assertThat(bridge.shutdown(Duration.ofSeconds(10))).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> processor.exportedRecords() == 3);

    assertThat(processor.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
        .isTrue();
    assertThat(exporter.shutdowns.get()).isEqualTo(1);
    sdk.getLogsBridge().get("com.example.late").logRecordBuilder().setBody("late").emit();
    assertThat(processor.droppedAfterShutdown()).isEqualTo(1);
    assertThat(exporter.bodies()).containsExactly("r0", "r1", "r2");
  }

  @Test
  void aSharedExporterIsShutDownOnceEvenWithForeignRecords() {
    RecordingExporter exporter = new RecordingExporter();
    PipelineBatchProcessor processor = PipelineBatchProcessor.builder(exporter).build();
    OpenTelemetrySdk sdk = sdkWith(processor);
    sdk.getLogsBridge().get("com.example.direct").logRecordBuilder().setBody("d").emit();

    assertThat(processor.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
        .isTrue();
    assertThat(exporter.bodies()).containsExactly("d");
    assertThat(exporter.shutdowns.get()).isEqualTo(1);
  }

  @Test
  void theBuilderRejectsSettingsThatCannotWork() {
    RecordingExporter exporter = new RecordingExporter();
    assertThatThrownBy(() -> PipelineBatchProcessor.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("exporter");
    assertThatThrownBy(() -> PipelineBatchProcessor.builder(exporter).setMaxExportBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxExportBatchSize");
    assertThatThrownBy(
            () -> PipelineBatchProcessor.builder(exporter).setScheduleDelay(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheduleDelay");
    assertThatThrownBy(
            () ->
                PipelineBatchProcessor.builder(exporter).setExporterTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exporterTimeout");
  }

  private Bridge bridgeOver(PipelineBatchProcessor processor, BridgeSettings.Builder settings) {
    OpenTelemetrySdk sdk = sdkWith(processor);
    Bridge bridge = newBridge(settings);
    bridge.install(sdk);
    return bridge;
  }

  private Bridge newBridge(BridgeSettings.Builder settings) {
    Bridge bridge = Bridge.start(settings.shutdownHookEnabled(false).build());
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
    // Runs before the SDK's close (cleanup runs in reverse is not needed: shutdown is bounded).
    cleanup.add(0, () -> bridge.shutdown(Duration.ofSeconds(5)));
    return bridge;
  }

  private OpenTelemetrySdk sdkWith(PipelineBatchProcessor processor) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(processor).build())
            .build();
    cleanup.add(
        () -> sdk.getSdkLoggerProvider().shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS));
    return sdk;
  }

  private static List<String> bodies(int n) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bodies.add("r" + i);
    }
    return bodies;
  }

  /** An exporter whose exports complete only once released (never, if it is not). */
  private static final class BlockingExporter {
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final AtomicInteger entered = new AtomicInteger();
    final RecordingExporter exporter =
        new RecordingExporter(
            batch -> {
              entered.incrementAndGet();
              CompletableResultCode result = new CompletableResultCode();
              Thread waiter =
                  new Thread(
                      () -> {
                        try {
                          release.await();
                          result.succeed();
                        } catch (InterruptedException e) {
                          result.fail();
                        }
                      },
                      "blocking-exporter");
              waiter.setDaemon(true);
              waiter.start();
              return result;
            });
  }
}
