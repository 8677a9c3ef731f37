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
  static final InMemoryLogRecordExporter TAP = InMemoryLogRecordExporter.create();

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addLoggerProviderCustomizer((builder, config) ->
        Boolean.getBoolean("logbridge.reliability.tap")
            ? builder.addLogRecordProcessor(SimpleLogRecordProcessor.create(TAP))
            : builder);
  }
}
