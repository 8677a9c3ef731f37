package dev.logbridge.demo;

import dev.logbridge.sdk.PipelineBatchProcessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK of the demo: tracing for the request spans, and logs through logbridge's
 * {@link PipelineBatchProcessor} and the OTLP/HTTP exporter to the embedded receiver.
 *
 * <p>Choices, and why:
 *
 * <ul>
 *   <li>The exporter uses the JDK HttpClient sender ({@code opentelemetry-exporter-sender-jdk});
 *       the OkHttp sender is excluded in the POM. Measured here, OkHttp reached only ~11k
 *       records/s to a loopback JDK HttpServer (Nagle plus delayed ACK cost ~45 ms per request)
 *       and dropped records when its 5-thread dispatcher pool rejected work; the JDK sender
 *       reached ~100k records/s.
 *   <li>logbridge's {@link PipelineBatchProcessor}, not the SDK's batch processor: it exports
 *       batches of {@value #EXPORT_BATCH} on logbridge's pipeline thread, so logbridge's queue
 *       (65,536 records in the demo's configurations, counted when full) is the only queue, and
 *       there is no second one that drops silently. Records the naive bridge emits on request
 *       threads go to the SDK batch processor inside it, whose drops are counted through the
 *       meter provider {@link SdkPipelineProbe} reads, as are the exporter's failures. While
 *       the collector hangs, records wait in logbridge's queue; the report stops the bridge
 *       after a flush that missed its deadline, so they are counted ({@code shutdown}).
 *   <li>Against a collector that never answers, the export timeout is 2 s instead of the
 *       default 10 s, so that a short run shows the exporter giving up. Otherwise it stays at
 *       10 s: on a loaded machine the first export (HttpClient and JIT warm-up) was measured to
 *       take over 2 s, and an export that times out after the collector stored it is retried,
 *       which makes a duplicate. Retries are few and short either way; the demo's own deadlines
 *       bound the final flush.
 * </ul>
 *
 * <p>Thread-safety: thread-safe.
 */
final class DemoTelemetry implements AutoCloseable {
  static final int EXPORT_BATCH = 1_024;

  /** The SDK's default export timeout. */
  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);

  /** The export timeout against a collector that never answers; see the class comment. */
  static final Duration SHORT_EXPORT_TIMEOUT = Duration.ofSeconds(2);

  private final OpenTelemetrySdk sdk;
  private final SdkPipelineProbe probe;

  private DemoTelemetry(OpenTelemetrySdk sdk, SdkPipelineProbe probe) {
    this.sdk = sdk;
    this.probe = probe;
  }

  /**
   * Builds the SDK exporting logs to {@code logsEndpoint} (the receiver's {@code /v1/logs}),
   * giving each export attempt {@code exportTimeout}.
   */
  static DemoTelemetry start(String logsEndpoint, Duration exportTimeout) {
    SdkPipelineProbe probe = new SdkPipelineProbe();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(probe).build();
    OtlpHttpLogRecordExporter exporter =
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(logsEndpoint)
            .setTimeout(exportTimeout)
            .setRetryPolicy(
                RetryPolicy.builder()
                    .setMaxAttempts(3)
                    .setInitialBackoff(Duration.ofMillis(200))
                    .setMaxBackoff(Duration.ofSeconds(1))
                    .build())
            .setMeterProvider(() -> meters)
            .setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
            .build();
    PipelineBatchProcessor processor =
        PipelineBatchProcessor.builder(exporter)
            .setMaxExportBatchSize(EXPORT_BATCH)
            .setScheduleDelay(Duration.ofMillis(200))
            .setExporterTimeout(exportTimeout.multipliedBy(3))
            .setForeignRecordsMeterProvider(meters)
            .build();
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.builder().put("service.name", "logbridge-demo").build()));
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            // A span processor, even one that exports nowhere: without any, the SDK's tracers make
            // only invalid spans, and the records would carry no trace context to correlate.
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setResource(resource)
                    .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
                    .build())
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .setResource(resource)
                    .addLogRecordProcessor(processor)
                    .build())
            .setMeterProvider(meters)
            .build();
    return new DemoTelemetry(sdk, probe);
  }

  OpenTelemetry openTelemetry() {
    return sdk;
  }

  Tracer tracer() {
    return sdk.getTracer("demo.service");
  }

  /** What the SDK counted about its log pipeline so far. */
  SdkPipelineProbe.Losses sdkLosses() {
    return probe.read();
  }

  /** Shuts the SDK down, waiting at most {@code timeout}; never hangs on a stuck exporter. */
  void close(Duration timeout) {
    sdk.shutdown().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(3));
  }
}
