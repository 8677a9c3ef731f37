package dev.logbridge;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** A real OpenTelemetry SDK whose logs and metrics stay in memory, for core tests. */
final class InMemoryOtel implements AutoCloseable {
  final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
  final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk;

  InMemoryOtel() {
    this(null);
  }

  /** With {@code extraExporter} (if not null) behind its own simple processor as well. */
  InMemoryOtel(LogRecordExporter extraExporter) {
    var loggers =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter));
    if (extraExporter != null) {
      loggers.addLogRecordProcessor(SimpleLogRecordProcessor.create(extraExporter));
    }
    sdk =
        OpenTelemetrySdk.builder()
            // A span processor, or the tracers make only invalid spans and a trace-correlation
            // check against one passes whatever the bridge captured.
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                    .build())
            .setLoggerProvider(loggers.build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
            .build();
  }

  List<LogRecordData> logs() {
    return exporter.getFinishedLogRecordItems();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
