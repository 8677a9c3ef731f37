package dev.logbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The experimental processor behind {@code EndToEndThroughput --logbridge-processor inline}. */
@Timeout(30)
class InlineBatchProcessorTest {

  @Test
  void exportsOnTheEmittingThreadWhenTheBatchFillsAndTheRestOnFlush() {
    InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    InlineBatchProcessor processor = new InlineBatchProcessor(exporter, 3);
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder().addLogRecordProcessor(processor).build()) {
      Logger logger = provider.get("test");

      for (int i = 0; i < 7; i++) {
        logger.logRecordBuilder().setBody("r" + i).emit();
      }
      // Two full batches went out during emit(), on this thread; one record waits.
      assertThat(exporter.getFinishedLogRecordItems()).hasSize(6);

      assertThat(provider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
          .isTrue();
      assertThat(exporter.getFinishedLogRecordItems())
          .extracting(record -> record.getBodyValue().asString())
          .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6");
    }
  }

  @Test
  void recordsOfAFailedExportAreCounted() {
    LogRecordExporter failing = new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return CompletableResultCode.ofFailure();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    InlineBatchProcessor processor = new InlineBatchProcessor(failing, 2);
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder().addLogRecordProcessor(processor).build()) {
      Logger logger = provider.get("test");
      for (int i = 0; i < 5; i++) {
        logger.logRecordBuilder().setBody("r" + i).emit();
      }
      provider.forceFlush();
      assertThat(processor.failedRecords()).isEqualTo(5);
    }
  }
}
