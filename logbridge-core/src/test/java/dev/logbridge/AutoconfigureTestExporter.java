package dev.logbridge;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * The log exporter {@code otel.logs.exporter=logbridge-test} gives autoconfiguration in tests: a
 * {@link RecordingExporter}, kept as {@link #last} for the test to read.
 */
final class AutoconfigureTestExporter {
  static final String NAME = "logbridge-test";
  // The one instance autoconfiguration built last; tests reset it.
  static volatile RecordingExporter last;

  private AutoconfigureTestExporter() {}

  /** Registered in META-INF/services for autoconfiguration. */
  public static final class Provider implements ConfigurableLogRecordExporterProvider {
    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      RecordingExporter exporter = new RecordingExporter();
      last = exporter;
      return exporter;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
