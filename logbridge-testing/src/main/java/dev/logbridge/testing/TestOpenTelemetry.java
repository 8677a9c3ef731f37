package dev.logbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.LogBridge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real OpenTelemetry SDK for adapter tests: logs go through a {@link SimpleLogRecordProcessor}
 * into an {@link InMemoryLogRecordExporter} (plus any extra exporters given), metrics into an
 * {@link InMemoryMetricReader}, and spans are real so trace correlation can be checked.
 *
 * <p>Thread-safety: thread-safe (the SDK's components are).
 *
 * @since 0.1
 */
public final class TestOpenTelemetry implements AutoCloseable {
  private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk;

  private TestOpenTelemetry(LogRecordExporter... extraExporters) {
    SdkLoggerProviderBuilder loggers =
        SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(logs));
    for (LogRecordExporter exporter : extraExporters) {
      loggers.addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter));
    }
    sdk =
        OpenTelemetrySdk.builder()
            // With no span processor the SDK's tracers make only invalid (propagated) spans, and a
            // trace-correlation check against one passes whatever the bridge did.
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setLoggerProvider(loggers.build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
  }

  /** An SDK exporting logs to memory only. */
  public static TestOpenTelemetry create() {
    return new TestOpenTelemetry();
  }

  /** An SDK exporting logs to memory and, each behind its own simple processor, to these. */
  public static TestOpenTelemetry withExporters(LogRecordExporter... extraExporters) {
    return new TestOpenTelemetry(extraExporters);
  }

  /**
   * A bare SDK whose logs go through {@code processors}, in order, and nowhere else: no in-memory
   * exporter, no tracer or meter provider of its own. For tests that count what arrives without
   * keeping it (a {@link BodyTally}), or that put their own processor in front; the caller closes
   * it.
   */
  public static OpenTelemetrySdk sdkWith(LogRecordProcessor... processors) {
    SdkLoggerProviderBuilder loggers = SdkLoggerProvider.builder();
    for (LogRecordProcessor processor : processors) {
      loggers.addLogRecordProcessor(processor);
    }
    return OpenTelemetrySdk.builder().setLoggerProvider(loggers.build()).build();
  }

  /**
   * A bare SDK whose logs go through one {@link SimpleLogRecordProcessor} to {@code exporter},
   * and nowhere else (see {@link #sdkWith}); the caller closes it.
   */
  public static OpenTelemetrySdk sdkExportingTo(LogRecordExporter exporter) {
    return sdkWith(SimpleLogRecordProcessor.create(exporter));
  }

  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** Every log record exported so far. */
  public List<LogRecordData> logs() {
    return logs.getFinishedLogRecordItems();
  }

  /**
   * Flushes the global bridge ({@link LogBridge#flush}, 10 s at most) and returns the one log
   * record exported so far.
   *
   * @throws AssertionError if the flush did not finish in time or not exactly one record was
   *     exported
   */
  public LogRecordData onlyLogAfterFlush() {
    assertThat(LogBridge.flush(Duration.ofSeconds(10))).as("bridge flushed in time").isTrue();
    assertThat(logs()).hasSize(1);
    return logs().get(0);
  }

  /** The bodies of every log record exported so far, in export order. */
  public List<String> bodies() {
    return logs().stream()
        .map(log -> log.getBodyValue() == null ? null : log.getBodyValue().asString())
        .collect(Collectors.toList());
  }

  public InMemoryMetricReader metricReader() {
    return metrics;
  }

  /**
   * Starts a sampled span named {@code name}, with a valid trace and span id; the caller makes it
   * current and ends it.
   *
   * @throws IllegalStateException if the SDK made an invalid span (the check would be vacuous)
   */
  public Span startSpan(String name) {
    Span span = sdk.getTracer("dev.logbridge.testing").spanBuilder(name).startSpan();
    if (!span.getSpanContext().isValid()) {
      throw new IllegalStateException("the SDK made an invalid span: " + span);
    }
    return span;
  }

  @Override
  public void close() {
    sdk.close();
  }
}
