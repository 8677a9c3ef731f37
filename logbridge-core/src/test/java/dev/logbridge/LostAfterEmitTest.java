package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the SDK lost after logbridge emitted, shown beside logbridge's own accounting. */
class LostAfterEmitTest {
  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);

  private Bridge bridge;
  private OpenTelemetrySdk sdk;

  @AfterEach
  void tearDown() {
    bridge.shutdown(Duration.ofSeconds(5));
    sdk.close();
  }

  @Test
  void behindPipelineBatchProcessorFailedExportsAreCountedAsLostAfterEmit() {
    RecordingExporter refusing = new RecordingExporter(logs -> CompletableResultCode.ofFailure());
    start(PipelineBatchProcessor.builder(refusing).setMaxExportBatchSize(4).build());
    for (int i = 0; i < 10; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }
    bridge.flush(Duration.ofSeconds(10));

    BridgeStats stats = bridge.stats();
    assertThat(refusing.bodies()).hasSize(10); // every record reached the exporter, which refused
    assertThat(stats.emitted()).isEqualTo(10);
    assertThat(stats.lostAfterEmit()).isEqualTo(10);
    assertThat(stats.summary()).endsWith("lost_after_emit=10");
  }

  @Test
  void behindTheSdkBatchProcessorWhatItLosesIsUnknownNotZero() {
    RecordingExporter refusing = new RecordingExporter(logs -> CompletableResultCode.ofFailure());
    start(BatchLogRecordProcessor.builder(refusing).build());
    bridge.capture("com.example", "r", BODY);
    bridge.flush(Duration.ofSeconds(10));

    assertThat(refusing.bodies()).containsExactly("r");
    assertThat(bridge.stats().lostAfterEmit()).isEqualTo(-1);
    assertThat(bridge.stats().summary()).doesNotContain("lost_after_emit");
  }

  private void start(LogRecordProcessor processor) {
    sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(processor).build())
            .build();
    bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    bridge.install(sdk);
  }
}
