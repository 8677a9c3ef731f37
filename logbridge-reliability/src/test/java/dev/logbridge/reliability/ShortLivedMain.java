package dev.logbridge.reliability;

import dev.logbridge.LogBridge;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.Frontend;
import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;

/**
 * A program as users write them, run in its own JVM by {@link ShortLivedMainTest}: a logging
 * framework with logbridge's adapter, an OTLP/HTTP exporter, {@code LogBridge.install}, a few
 * records, then the SDK closed at once and {@code main} returns. In the {@code log-after-close}
 * variant it keeps logging after closing the SDK, as an application does whose framework destroys
 * the SDK bean before logging stops.
 *
 * <p>Arguments: the receiver's logs endpoint; {@code pipeline} or {@code batch} (the log
 * processor); {@code exit}, {@code log-after-close} or {@code never-install} (no SDK is built or
 * installed: the records wait, overflow the queue and are left pending at exit); how many
 * records to log before the close; and the front end ({@code logback}, {@code jul} or {@code
 * log4j2}, as in {@link Reliability#frontends()}).
 */
public final class ShortLivedMain {
  static final int AFTER_CLOSE = 10;

  private ShortLivedMain() {}

  public static void main(String[] args) {
    String endpoint = args[0];
    boolean pipeline = args[1].equals("pipeline");
    boolean logAfterClose = args[2].equals("log-after-close");
    boolean neverInstall = args[2].equals("never-install");
    int before = Integer.parseInt(args[3]);
    Frontend frontend =
        Reliability.frontends()
            .filter(f -> f.name().equals(args[4]))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no front end " + args[4]));

    // The exit summary comes from logbridge's JVM shutdown hook, on as it is by default.
    frontend.configure(Map.of("shutdownHook", "true"));
    // The JUL front end opens every logger at level ALL; the JDK's own loggers (its HTTP client's
    // TLS set-up, say) would add records the test does not count.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    AppLogger log = frontend.logger("com.example.ShortLived");
    if (neverInstall) {
      for (int i = 0; i < before; i++) {
        log.info("never-installed-" + i);
      }
      return;
    }

    LogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build();
    // The SDK's batch processor counts what it drops (queue full, or handed a record after its
    // own shutdown began) only into a metric: given a reader here, the test can add it in.
    InMemoryMetricReader sdkMetrics = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(sdkMetrics).build();
    LogRecordProcessor processor =
        pipeline
            ? PipelineBatchProcessor.builder(exporter).build()
            : BatchLogRecordProcessor.builder(exporter)
                .setMeterProvider(meters)
                .setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
                .build();
    OpenTelemetrySdk sdk = TestOpenTelemetry.sdkWith(processor);
    LogBridge.install(sdk);

    for (int i = 0; i < before; i++) {
      log.info("before-close-" + i);
    }
    sdk.close();
    if (!pipeline) {
      // Every drop the SDK's batch processor counts happened before close() returned.
      System.err.println("sdk_processor_dropped=" + droppedByTheSdk(sdkMetrics));
    }
    if (logAfterClose) {
      for (int i = 0; i < AFTER_CLOSE; i++) {
        log.info("after-close-" + i);
      }
    }
  }

  /** Records the SDK's batch processor counted as processed with an error (dropped). */
  private static long droppedByTheSdk(InMemoryMetricReader reader) {
    long dropped = 0;
    for (MetricData metric : reader.collectAllMetrics()) {
      if (metric.getName().equals("otel.sdk.processor.log.processed")) {
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          if (point.getAttributes().get(AttributeKey.stringKey("error.type")) != null) {
            dropped += point.getValue();
          }
        }
      }
    }
    return dropped;
  }
}
