package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An SDK that discards every record (no log processor, or only ones over the SDK's no-op
 * exporter, as Spring Boot's SDK is with no log endpoint) is named once, as a warning: records
 * handed to it count as emitted, so nothing else would tell.
 */
class SdkExportsNowhereTest {
  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);
  private static final String NOWHERE = "exports logs nowhere";

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  @Test
  void aProviderWithNoProcessorIsNamed() {
    assertThat(statusAfterOneRecord(builder -> {})).anyMatch(s -> s.contains(NOWHERE));
  }

  @Test
  void ourProcessorOverTheNoopExporterIsNamed() {
    // What LogRecordExporter.composite() gives for no exporter: Spring Boot's case.
    LogRecordExporter none = LogRecordExporter.composite();
    assertThat(
            statusAfterOneRecord(
                builder ->
                    builder.addLogRecordProcessor(PipelineBatchProcessor.builder(none).build())))
        .anyMatch(s -> s.contains(NOWHERE));
  }

  @Test
  void theSdksBatchProcessorOverTheNoopExporterIsNamed() {
    LogRecordExporter none = LogRecordExporter.composite();
    assertThat(
            statusAfterOneRecord(
                builder ->
                    builder.addLogRecordProcessor(BatchLogRecordProcessor.builder(none).build())))
        .anyMatch(s -> s.contains(NOWHERE));
  }

  @Test
  void oneRealExporterBesideANoopOneIsEnough() {
    RecordingExporter exporter = new RecordingExporter();
    List<String> status =
        statusAfterOneRecord(
            builder ->
                builder
                    .addLogRecordProcessor(
                        SimpleLogRecordProcessor.create(LogRecordExporter.composite()))
                    .addLogRecordProcessor(PipelineBatchProcessor.builder(exporter).build()));
    assertThat(exporter.bodies()).containsExactly("one");
    assertThat(status).noneMatch(s -> s.contains(NOWHERE));
  }

  /** Status messages of a bridge over the provider, once one record has been emitted into it. */
  private List<String> statusAfterOneRecord(Consumer<SdkLoggerProviderBuilder> processors) {
    SdkLoggerProviderBuilder providerBuilder = SdkLoggerProvider.builder();
    processors.accept(providerBuilder);
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder().setLoggerProvider(providerBuilder.build()).build();
    cleanup.add(() -> sdk.getSdkLoggerProvider().shutdown().join(5, TimeUnit.SECONDS));
    List<String> status = new CopyOnWriteArrayList<>();
    Bridge bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
    cleanup.add(0, () -> bridge.shutdown(Duration.ofSeconds(5)));
    bridge.install(sdk);

    bridge.capture("com.example", "one", BODY);
    // The flush returns once the record is emitted, which is after the provider was inspected.
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(bridge.stats().emitted()).isEqualTo(1);
    return status;
  }
}
