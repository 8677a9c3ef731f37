package dev.logbridge.reliability;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;

/**
 * Adds an in-memory copy of every record to an autoconfigured SDK when the system property
 * {@code logbridge.reliability.tap} is true, so a scenario can check what an autoconfigured SDK
 * received while its real OTLP exporter points at a dead port. Loaded by the SDK's
 * autoconfiguration through {@code META-INF/services}; inert otherwise.
 */
public final class StartupTap implements AutoConfigurationCustomizerProvider {
  // A fresh exporter per autoconfigured SDK: a shut-down InMemoryLogRecordExporter drops every
  // later export, so one shared across scenarios would see nothing after the first SDK closed.
  private static volatile InMemoryLogRecordExporter tap = InMemoryLogRecordExporter.create();

  /** The exporter of the SDK autoconfigured last. */
  static InMemoryLogRecordExporter tap() {
    return tap;
  }

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addLoggerProviderCustomizer(
        (builder, config) -> {
          if (!Boolean.getBoolean("logbridge.reliability.tap")) {
            return builder;
          }
          InMemoryLogRecordExporter fresh = InMemoryLogRecordExporter.create();
          tap = fresh;
          return builder.addLogRecordProcessor(SimpleLogRecordProcessor.create(fresh));
        });
  }
}
