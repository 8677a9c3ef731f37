package dev.logbridge.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.Locale;

/**
 * Puts {@link PipelineBatchProcessor} in place of the batch log processor that autoconfiguration
 * builds, when logbridge builds the SDK itself ({@code autoconfigure}), so that autoconfigured
 * users get the processor logbridge recommends, with the {@code otel.blrp.*} settings they gave.
 *
 * <p>How, with autoconfiguration's public customizers only: every log exporter it builds is
 * wrapped in a {@link ShieldedExporter}; when the batch processor it then builds holds one of
 * ours alone (not a composite of several exporters), that processor is shut down — its exporter
 * shutdown is swallowed that one time, so the exporter stays open — and a pipeline processor over
 * the same exporter takes its place. Anything else (the console exporter's simple processor, a
 * composite) is left as autoconfiguration built it, and its exporter shuts down as usual.
 *
 * <p>{@code logbridge.processor=batch} (or {@code LOGBRIDGE_PROCESSOR=batch}) keeps the SDK's
 * batch processor.
 *
 * <p>Thread-safety: stateless; loaded only when autoconfiguration is on the class path.
 */
final class AutoconfiguredProcessor {
  static final String PROPERTY = "logbridge.processor";

  private AutoconfiguredProcessor() {}

  static LogRecordExporter wrapExporter(LogRecordExporter exporter, ConfigProperties config) {
    return usesPipeline(config) ? ShieldedExporter.onRequest(exporter) : exporter;
  }

  static LogRecordProcessor replaceBatchProcessor(
      LogRecordProcessor processor, ConfigProperties config) {
    if (!(processor instanceof BatchLogRecordProcessor)) {
      return processor;
    }
    LogRecordExporter exporter = ((BatchLogRecordProcessor) processor).getLogRecordExporter();
    if (!(exporter instanceof ShieldedExporter)) {
      return processor;
    }
    ((ShieldedExporter) exporter).ignoreNextShutdown();
    processor.shutdown(); // stops its worker thread; the exporter stays open
    return PipelineBatchProcessor.builder(exporter)
        .setScheduleDelay(config.getDuration("otel.blrp.schedule.delay", Duration.ofSeconds(1)))
        .setMaxExportBatchSize(config.getInt("otel.blrp.max.export.batch.size", 512))
        .setExporterTimeout(config.getDuration("otel.blrp.export.timeout", Duration.ofSeconds(30)))
        .build();
  }

  private static boolean usesPipeline(ConfigProperties config) {
    String choice = config.getString(PROPERTY, "pipeline").trim().toLowerCase(Locale.ROOT);
    switch (choice) {
      case "pipeline":
        return true;
      case "batch":
        return false;
      default:
        // Autoconfiguration passes its own exception type on as it is; others it rewraps.
        throw new ConfigurationException(
            PROPERTY + " must be 'pipeline' or 'batch', got '" + choice + "'");
    }
  }
}
