package dev.logbridge.benchmarks;

import dev.logbridge.sdk.PipelineBatchProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The OpenTelemetry side every benchmark shares: an SDK whose only log processor is the SDK's
 * {@link BatchLogRecordProcessor} over the exporter given, plus a {@link SdkMeterProvider} with an
 * in-memory reader wired into the processor and the exporter. Without a MeterProvider the SDK's
 * drops are invisible; with one, its "legacy" internal telemetry counts them: {@code
 * processedLogs{dropped=true}} (queue full) and {@code *.exporter.exported{success=false}}.
 *
 * <p>Thread-safety: {@link #sdk()} and {@link #losses()} may be used from any thread; build and
 * close from one.
 */
final class OtelRig implements AutoCloseable {
  /** The SDK's default batch-processor queue; the rig only overrides it when asked to. */
  static final int SDK_DEFAULT_QUEUE = 2048;

  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
  private static final AttributeKey<Boolean> SUCCESS = AttributeKey.booleanKey("success");

  private final SdkMeterProvider meterProvider;
  private final InMemoryMetricReader metrics;
  private final OpenTelemetrySdk sdk;

  private OtelRig(Function<MeterProvider, LogRecordExporter> exporter, int maxQueueSize) {
    this(
        meters -> {
          BatchLogRecordProcessorBuilder batch =
              BatchLogRecordProcessor.builder(exporter.apply(meters)).setMeterProvider(meters);
          if (maxQueueSize != SDK_DEFAULT_QUEUE) {
            batch.setMaxQueueSize(maxQueueSize);
          }
          return batch.build();
        });
  }

  private OtelRig(Function<MeterProvider, LogRecordProcessor> processor) {
    metrics = InMemoryMetricReader.create();
    meterProvider = SdkMeterProvider.builder().registerMetricReader(metrics).build();
    sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(processor.apply(meterProvider))
                    .build())
            .build();
  }

  /** The SDK's default batch processor over an exporter that counts and discards. */
  static OtelRig discarding(DiscardingExporter exporter) {
    return new OtelRig(meters -> exporter, SDK_DEFAULT_QUEUE);
  }

  /** logbridge's {@link PipelineBatchProcessor} (defaults) over an exporter that discards. */
  static OtelRig discardingPipeline(DiscardingExporter exporter) {
    return new OtelRig(meters -> PipelineBatchProcessor.builder(exporter).build());
  }

  /** A batch processor with {@code maxQueueSize} over OTLP/HTTP (protobuf) to {@code endpoint}. */
  static OtelRig otlp(String endpoint, OtlpSender sender, int maxQueueSize) {
    return new OtelRig(
        meters ->
            OtlpHttpLogRecordExporter.builder()
                .setEndpoint(endpoint)
                .setComponentLoader(sender.loader())
                .setMeterProvider(meters)
                .build(),
        maxQueueSize);
  }

  /**
   * OTLP/HTTP to {@code endpoint} through logbridge's {@link PipelineBatchProcessor} (batches of
   * 512 exported on logbridge's pipeline thread, {@code exportsInFlight} at a time), the setup
   * logbridge recommends.
   */
  static OtelRig otlpPipeline(String endpoint, OtlpSender sender, int exportsInFlight) {
    return new OtelRig(
        meters ->
            PipelineBatchProcessor.builder(
                    OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(endpoint)
                        .setComponentLoader(sender.loader())
                        .setMeterProvider(meters)
                        .build())
                .setMaxConcurrentExports(exportsInFlight)
                .build());
  }

  OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** The SDK's own loss counters since the rig was built. */
  SdkLosses losses() {
    long queueFull = 0;
    long exportFailed = 0;
    for (MetricData metric : metrics.collectAllMetrics()) {
      if (metric.getType() != MetricDataType.LONG_SUM) {
        continue;
      }
      boolean processed = metric.getName().equals("processedLogs");
      boolean exported = metric.getName().endsWith(".exporter.exported");
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        Attributes attributes = point.getAttributes();
        if (processed && Boolean.TRUE.equals(attributes.get(DROPPED))) {
          queueFull += point.getValue();
        } else if (exported && Boolean.FALSE.equals(attributes.get(SUCCESS))) {
          exportFailed += point.getValue();
        }
      }
    }
    return new SdkLosses(queueFull, exportFailed);
  }

  /** Exports everything queued; false when that took longer than {@code timeout} or failed. */
  boolean flush(Duration timeout) {
    return sdk.getSdkLoggerProvider()
        .forceFlush()
        .join(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .isSuccess();
  }

  /** Shuts the SDK down, waiting at most about ten seconds (an export may be hanging). */
  @Override
  public void close() {
    sdk.getSdkLoggerProvider().shutdown().join(10, TimeUnit.SECONDS);
    meterProvider.shutdown().join(1, TimeUnit.SECONDS);
  }

  /**
   * Records the SDK lost, by where.
   *
   * @param queueFull dropped by the batch processor because its queue was full
   * @param exportFailed handed to the exporter in a batch that failed (timeout, error, refused)
   */
  record SdkLosses(long queueFull, long exportFailed) {
    SdkLosses minus(SdkLosses earlier) {
      return new SdkLosses(queueFull - earlier.queueFull, exportFailed - earlier.exportFailed);
    }
  }
}
