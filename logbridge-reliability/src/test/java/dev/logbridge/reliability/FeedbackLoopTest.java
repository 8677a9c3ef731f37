package dev.logbridge.reliability;

import static dev.logbridge.reliability.Reliability.bound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.Frontend;
import dev.logbridge.reliability.Reliability.LoadResult;
import dev.logbridge.testing.BodyTally;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-thread feedback loop: the collector is down, the SDK reports each failed export
 * through java.util.logging (from its HTTP client's and batch worker's threads), and the
 * application bridges JUL into its logging with jul-to-slf4j, so every warning heads back into
 * logbridge. The pipeline must create no records of its own: what the bridge accepts is exactly
 * what the application logged, and the warnings are counted as {@code self_origin}.
 *
 * <p>Logback-only: jul-to-slf4j is specific to SLF4J, bound to Logback here. (With the JUL and
 * Log4j 2 front ends the SDK's JUL warnings are cut the same way, directly by the JUL handler
 * or not at all, and the collector-fault scenarios run through them.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedbackLoopTest {
  private static final int THREADS = 4;
  private static final Duration LOAD = bound(Duration.ofMillis(2500), Duration.ofSeconds(30));
  private static final int MAX_PER_THREAD = 1_000_000;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.logbridge.reliability.Reliability#logbackOnly")
  void theSdksWarningsBridgedBackAreCutAndCreateNoRecords(Frontend frontend) throws Exception {
    // Retries off and a short schedule delay: the SDK fails, and says so, many times per second.
    // What logbridge emitted into the SDK, by content: only the app's "t<thread>-<i>" records
    // may arrive; a record the pipeline created (an SDK warning come back) would be unexpected.
    BodyTally emittedIntoSdk = new BodyTally(THREADS, MAX_PER_THREAD);
    OpenTelemetrySdk sdk =
        TestOpenTelemetry.sdkWith(
            SimpleLogRecordProcessor.create(emittedIntoSdk),
            BatchLogRecordProcessor.builder(
                    OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(
                            "http://127.0.0.1:" + Reliability.closedLoopbackPort() + "/v1/logs")
                        .setTimeout(Duration.ofMillis(500))
                        .setRetryPolicy(null)
                        .build())
                .setScheduleDelay(Duration.ofMillis(50))
                .build());
    AutoCloseable julBridged = Reliability.bridgeJulIntoSlf4j();
    BridgeStats last = null;
    try {
      frontend.configure(Map.of());
      LogBridge.install(sdk);
      AppLogger app = frontend.logger("com.example.Checkout");

      LoadResult load =
          Reliability.runLoad(
              THREADS,
              LOAD,
              MAX_PER_THREAD,
              (thread, i) -> {
                app.info("t" + thread + "-" + i);
                if (i % 100 == 99) {
                  LockSupport.parkNanos(
                      TimeUnit.MILLISECONDS.toNanos(5)); // a steady app, not a flood
                }
              });

      LogBridge.flush(Duration.ofSeconds(2)); // false, truthfully: the SDK cannot flush
      BridgeStats stats = Reliability.quiescentStats();
      assertThat(stats.accepted())
          .as("records the pipeline created: " + stats.summary())
          .isEqualTo(load.calls);
      assertThat(stats.dropped(DropReason.SELF_ORIGIN))
          .as("SDK warnings that came back")
          .isPositive();
      assertThat(load.maxQueueSize).isLessThanOrEqualTo(stats.queueCapacity());
      last = frontend.tearDown();
      assertThat(last.pending()).isZero();
      // Calls made = the app's records the SDK received, by content, + drops; nothing else
      // arrived (no record created by the pipeline's own warnings).
      emittedIntoSdk.reconcile(load.calls, last).assertReconciled();
      Reliability.report(
          "feedback: SDK JUL warnings via jul-to-slf4j, collector down (" + frontend.name() + ")",
          THREADS + " threads x " + LOAD.toMillis() + " ms",
          load,
          last,
          "pipeline_records_per_app_record=" + (last.accepted() - load.calls));
    } finally {
      julBridged.close();
      if (last == null) {
        frontend.tearDown();
      }
      Reliability.shutdownQuietly(sdk, Duration.ofSeconds(3));
    }
  }
}
