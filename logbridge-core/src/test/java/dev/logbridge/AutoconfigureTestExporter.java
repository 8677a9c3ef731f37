package dev.logbridge;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The log exporter {@code otel.logs.exporter=logbridge-test} gives autoconfiguration in tests:
 * it records each exported body and the thread that exported it, and counts shutdowns.
 */
final class AutoconfigureTestExporter implements LogRecordExporter {
  static final String NAME = "logbridge-test";
  // The one instance autoconfiguration built last; tests reset it.
  static volatile AutoconfigureTestExporter last;

  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  final AtomicInteger shutdowns = new AtomicInteger();

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    for (LogRecordData log : logs) {
      bodies.add(log.getBodyValue().asString());
      threads.add(Thread.currentThread().getName());
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdowns.incrementAndGet();
    return CompletableResultCode.ofSuccess();
  }

  /** Registered in META-INF/services for autoconfiguration. */
  public static final class Provider implements ConfigurableLogRecordExporterProvider {
    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      AutoconfigureTestExporter exporter = new AutoconfigureTestExporter();
      last = exporter;
      return exporter;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
