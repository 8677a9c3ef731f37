package dev.logbridge.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.internal.SdkHooks;
import dev.logbridge.jul.LogBridgeHandler;
import dev.logbridge.sdk.PipelineBatchProcessor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** logbridge's PipelineBatchProcessor on the oldest supported SDK (1.49.0). */
@Timeout(60)
class PipelineBatchProcessorCompatTest {
  private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final PipelineBatchProcessor processor =
      PipelineBatchProcessor.builder(exporter)
          .setForeignRecordsMeterProvider(meterProvider)
          .build();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(processor).build())
          .build();

  @AfterEach
  void tearDown() {
    LogManager.getLogManager().reset();
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    sdk.close();
    meterProvider.close();
  }

  @Test
  void bridgedAndForeignRecordsAreAllExportedAndTheLegacyMetricNamesAreReported() {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogManager.getLogManager().reset();
    LogBridgeHandler.builder()
        .settings(BridgeSettings.builder().shutdownHookEnabled(false).build())
        .install();
    List<String> statuses = new CopyOnWriteArrayList<>();
    LogBridge.global().addStatusListener((level, message) -> statuses.add(level + " " + message));
    LogBridge.install(sdk);
    Logger logger = Logger.getLogger("com.example.compat.batch");

    IntStream.range(0, 50).forEach(i -> logger.info("bridged " + i));
    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    // The application using the Logs API directly: the SDK batch processor takes these.
    for (int i = 0; i < 3; i++) {
      sdk.getLogsBridge()
          .get("com.example.direct")
          .logRecordBuilder()
          .setBody("direct " + i)
          .emit();
    }
    assertThat(processor.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();

    List<String> bodies =
        exporter.getFinishedLogRecordItems().stream()
            .map(LogRecordData::getBodyValue)
            .map(v -> v.asString())
            .collect(Collectors.toList());
    assertThat(bodies.subList(0, 50))
        .containsExactlyElementsOf(
            IntStream.range(0, 50).mapToObj(i -> "bridged " + i).collect(Collectors.toList()));
    assertThat(bodies.subList(50, bodies.size()))
        .containsExactly("direct 0", "direct 1", "direct 2");
    assertThat(processor.exportedRecords()).isEqualTo(50);
    assertThat(processor.foreignRecords()).isEqualTo(3);
    assertThat(SdkHooks.find().sdkVersion()).isEqualTo(Versions.expected("opentelemetry"));
    assertThat(statuses)
        .containsOnlyOnce(
            "WARN PipelineBatchProcessor: OpenTelemetry SDK "
                + Versions.expected("opentelemetry")
                + " predates semantic-convention processor metrics"
                + " (1.58.0): the processor for records from other threads reports its drops as"
                + " processedLogs{dropped=true}");
  }
}
