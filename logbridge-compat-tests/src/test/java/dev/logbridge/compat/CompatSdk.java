package dev.logbridge.compat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real OpenTelemetry SDK of the version under test, exporting logs to memory. Uses only what
 * the oldest supported SDK has (not logbridge-testing, which is built against the pinned one).
 */
final class CompatSdk implements AutoCloseable {
  private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().build())
          .setLoggerProvider(
              SdkLoggerProvider.builder()
                  .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                  .build())
          .build();

  OpenTelemetrySdk sdk() {
    return sdk;
  }

  List<LogRecordData> logs() {
    return logs.getFinishedLogRecordItems();
  }

  /** The bodies exported so far, in export order. */
  List<String> bodies() {
    return logs().stream()
        .map(log -> log.getBodyValue() == null ? "" : log.getBodyValue().asString())
        .collect(Collectors.toList());
  }

  /** The string attribute {@code key} of every exported record, in export order. */
  List<String> attribute(String key) {
    return logs().stream()
        .map(log -> log.getAttributes().get(AttributeKey.stringKey(key)))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    sdk.close();
  }
}
