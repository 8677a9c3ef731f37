package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineWakeupTest {
  private final BridgeSettings settings = BridgeSettings.builder().queueCapacity(1 << 17).build();
  private final Accounting accounting = new Accounting();
  private final ValueCoercer coercer = new ValueCoercer(settings, accounting);

  private CaptureSlot record() {
    CaptureSlot record =
        new CaptureSlot(
            new CaptureSupport(settings, coercer, accounting), "com.example", Context.root(), 1L);
    record.body("x");
    return record;
  }

  @Test
  void aBurstOfRecordsCostsAtMostAFewWakeupsNotOnePerRecord() {
    Pipeline pipeline =
        new Pipeline(
            settings.queueCapacity(),
            settings.batchSize(),
            accounting,
            new StatusChannel(Duration.ofSeconds(30)));
    pipeline.start();
    pipeline.install(OpenTelemetry.noop());
    try {
      for (int i = 0; i < 100_000; i++) {
        accounting.accepted();
        pipeline.offer(record());
      }
      assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();

      assertThat(
              accounting.emittedSoFar()
                  + accounting.droppedSoFar(DropReason.QUEUE_FULL)
                  + accounting.droppedSoFar(DropReason.PRE_INSTALL_OVERFLOW))
          .isEqualTo(100_000);
      assertThat(pipeline.producerWakeups()).isLessThan(100);
    } finally {
      pipeline.shutdown(Duration.ofSeconds(5));
    }
  }
}
