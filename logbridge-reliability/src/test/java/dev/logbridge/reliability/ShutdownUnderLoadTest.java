package dev.logbridge.reliability;

import static dev.logbridge.reliability.Reliability.bound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.Fault;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.ChildResult;
import dev.logbridge.reliability.Reliability.Frontend;
import dev.logbridge.reliability.Reliability.LoadResult;
import dev.logbridge.testing.BodyTally;
import dev.logbridge.testing.Reconciliation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shutdown while the application is busy: the bridge's own accounting is exact (every accepted
 * record emitted or dropped by reason, nothing pending), what it emitted reaches the collector
 * unless the SDK says it dropped it, and a {@code main} that logs and returns exits promptly
 * even when the collector hangs.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShutdownUnderLoadTest {
  private static final int THREADS = 4;
  private static final Duration LOAD = bound(Duration.ofSeconds(3), Duration.ofSeconds(10));
  private static final int MAX_PER_THREAD = bound(300_000, 2_000_000);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.logbridge.reliability.Reliability#frontends")
  void shutdownUnderLoadAccountsForEveryRecord(Frontend frontend) throws Exception {
    InMemoryMetricReader sdkMetrics = InMemoryMetricReader.create();
    // The receiver keeps every record (some thousands), to match them by content.
    try (OtlpReceiver receiver = OtlpReceiver.builder().maxRecords(200_000).build().start()) {
      SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(sdkMetrics).build();
      // What logbridge emitted into the SDK, by content, ahead of the SDK's batch processor.
      BodyTally emittedIntoSdk = new BodyTally(THREADS, MAX_PER_THREAD);
      OpenTelemetrySdk sdk =
          OpenTelemetrySdk.builder()
              .setMeterProvider(meters)
              .setLoggerProvider(
                  SdkLoggerProvider.builder()
                      .addLogRecordProcessor(SimpleLogRecordProcessor.create(emittedIntoSdk))
                      .addLogRecordProcessor(
                          BatchLogRecordProcessor.builder(
                                  Reliability.otlpExporter(
                                      receiver.endpoint(), Duration.ofSeconds(10)))
                              .setMeterProvider(meters)
                              .build())
                      .build())
              .build();
      try {
        frontend.configure(Map.of());
        LogBridge.install(sdk);
        AppLogger app = frontend.logger("com.example.Orders");

        // The shutdown comes from another thread a third into the load, as an application's
        // lifecycle would call it while request threads still log. "A third" is counted in
        // calls, not time: a fast machine can make all the calls before a timed third is up.
        AtomicLong shutdownNanos = new AtomicLong(-1);
        CountDownLatch aThirdLogged = new CountDownLatch(1);
        Thread stopper =
            new Thread(
                () -> {
                  try {
                    aThirdLogged.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  long start = System.nanoTime();
                  LogBridge.shutdown(SHUTDOWN_TIMEOUT);
                  shutdownNanos.set(System.nanoTime() - start);
                },
                "stopper");
        stopper.start();
        // A third of the calls or of the time, whichever comes first: on a loaded machine the
        // load may hit its time bound before a third of the calls, and the shutdown would then
        // come after the last call (seen at load average 15: no record logged after shutdown).
        long aThirdOfTheTime = System.nanoTime() + LOAD.toNanos() / 3;
        LoadResult load =
            Reliability.runLoad(
                THREADS,
                LOAD,
                MAX_PER_THREAD,
                (thread, i) -> {
                  if (thread == 0
                      && (i == MAX_PER_THREAD / 3
                          || ((i & 1023) == 0 && System.nanoTime() >= aThirdOfTheTime))) {
                    aThirdLogged.countDown();
                  }
                  app.info("t" + thread + "-" + i);
                });
        aThirdLogged.countDown(); // the time bound ended the load first: shut down now
        stopper.join();

        BridgeStats stats = LogBridge.stats();
        assertThat(shutdownNanos.get())
            .as("shutdown took (ns)")
            .isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(1).toNanos());
        assertThat(stats.pending()).as(stats.summary()).isZero();
        assertThat(LogBridge.global().queueSize()).isZero();
        assertThat(stats.accepted()).isEqualTo(load.calls);
        // Every call is a record the SDK received from logbridge (by content, once) or a drop.
        Reconciliation intoSdk = emittedIntoSdk.reconcile(load.calls, stats).assertReconciled();
        assertThat(stats.dropped(DropReason.SHUTDOWN))
            .as("records logged after shutdown")
            .isPositive();

        // The SDK's side: its batch processor drops silently when its queue is full; the count
        // exists only in its metrics. Everything else the bridge emitted must reach the receiver.
        // The logger provider first (it flushes), then the metrics, before the meter provider
        // shuts down with the rest of the SDK.
        boolean sdkFlushed =
            sdk.getSdkLoggerProvider().shutdown().join(20, TimeUnit.SECONDS).isSuccess();
        long sdkDropped = sdkDroppedRecords(sdkMetrics.collectAllMetrics());
        long received = receiver.stats().recordsReceived();
        List<String> bodies =
            receiver.records().stream()
                .map(r -> String.valueOf(r.body()))
                .collect(Collectors.toList());
        assertThat(bodies).as("kept every record received").hasSize((int) received);
        // The collector, by content: records logbridge emitted, each once; and the chain closes:
        // what the SDK received from logbridge = what the collector received + the SDK's drops.
        assertThat(bodies).doesNotHaveDuplicates().allMatch(emittedIntoSdk::arrived);
        assertThat(received + sdkDropped)
            .as(
                "collector %d + SDK dropped %d vs SDK received %d",
                received, sdkDropped, intoSdk.distinct())
            .isEqualTo(intoSdk.distinct());
        Reliability.report(
            "shutdown under load (" + frontend.name() + ")",
            THREADS
                + " threads x "
                + LOAD.toMillis()
                + " ms, shutdown("
                + SHUTDOWN_TIMEOUT.toSeconds()
                + " s) a third into the calls",
            load,
            stats,
            "shutdown_took="
                + shutdownNanos.get() / 1_000_000
                + "ms sdk_dropped="
                + sdkDropped
                + " sdk_flushed="
                + sdkFlushed
                + " sdk_received="
                + intoSdk.distinct()
                + " collector_received="
                + received);
      } finally {
        frontend.tearDown();
        Reliability.shutdownQuietly(sdk, Duration.ofSeconds(3));
      }
    }
  }

  /** Records the SDK's batch processor dropped, from its legacy or semantic-convention metric. */
  private static long sdkDroppedRecords(Iterable<MetricData> metrics) {
    long dropped = 0;
    for (MetricData metric : metrics) {
      boolean legacy = metric.getName().equals("processedLogs");
      boolean semconv = metric.getName().equals("otel.sdk.processor.log.processed");
      if ((!legacy && !semconv) || metric.getType() != MetricDataType.LONG_SUM) {
        continue;
      }
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        boolean isDrop =
            legacy
                ? Boolean.TRUE.equals(point.getAttributes().get(AttributeKey.booleanKey("dropped")))
                : point.getAttributes().get(AttributeKey.stringKey("error.type")) != null;
        if (isDrop) {
          dropped += point.getValue();
        }
      }
    }
    return dropped;
  }

  /**
   * The child: an SDK exporting to the hanging collector ({@code args[0]}), the front end
   * {@code args[1]} with the bridge's shutdown hook, 1000 records, and main returns.
   */
  public static final class LogsAndReturns {
    public static void main(String[] args) {
      OpenTelemetrySdk sdk = Reliability.otlpSdk(args[0], Duration.ofSeconds(10));
      Frontend frontend = Reliability.frontend(args[1]);
      frontend.configure(Map.of("shutdownHook", "true"));
      LogBridge.install(sdk);
      AppLogger app = frontend.logger("com.example.Main");
      for (int i = 0; i < 1000; i++) {
        app.info("record {}", i);
      }
      System.out.println("main returns");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.logbridge.reliability.Reliability#frontends")
  void aMainThatLogsAndReturnsExitsPromptlyWithTheCollectorHanging(
      Frontend frontend, @TempDir Path dir) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().fault(Fault.hang()).build().start()) {
      ChildResult child =
          Reliability.runChild(
              Reliability.currentJavaHome(),
              dir,
              Duration.ofSeconds(30),
              List.of(),
              LogsAndReturns.class,
              receiver.endpoint(),
              frontend.name());

      assertThat(child.exited).as(child.toString()).isTrue();
      assertThat(child.exitCode).as(child.toString()).isZero();
      assertThat(child.stdout).contains("main returns");
      // JVM start and Logback configuration take a few seconds on this loaded machine; the
      // bridge's hook waits at most its 2 s timeout; the SDK's threads are daemons.
      assertThat(child.elapsed).as(child.toString()).isLessThan(Duration.ofSeconds(12));
      // By content: whatever the hanging collector took in is the child's records, each once.
      List<String> bodies =
          receiver.records().stream()
              .map(r -> String.valueOf(r.body()))
              .collect(Collectors.toList());
      assertThat(bodies).doesNotHaveDuplicates().allMatch(b -> b.matches("record \\d+"));
      Reliability.report(
          "main returns, collector hanging (" + frontend.name() + ")",
          "child JVM deadline 30 s",
          null,
          null,
          "exit_after="
              + child.elapsed.toMillis()
              + "ms exit_code="
              + child.exitCode
              + " collector_received="
              + bodies.size()
              + " hook_summary="
              + child.stderr.stream()
                  .filter(l -> l.contains("at JVM shutdown"))
                  .findFirst()
                  .orElse("none"));
    }
  }
}
