package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GlobalOpenTelemetry holding the API's no-op instance (what an early {@code
 * GlobalOpenTelemetry.get()} leaves behind on API versions before 1.57) is not an OpenTelemetry
 * instance to emit into: records handed to it would be counted as emitted and go nowhere.
 */
class NoopGlobalTest {
  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);

  private Bridge bridge;

  @AfterEach
  void tearDown() {
    bridge.shutdown(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void recordsWaitRatherThanGoIntoANoopGlobalAndFlowOnceAnSdkIsInstalled() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetry.noop());
    List<String> status = new CopyOnWriteArrayList<>();
    // No rate limit: the first notice may go out before the listener below is added.
    bridge =
        Bridge.start(
            BridgeSettings.builder()
                .shutdownHookEnabled(false)
                .statusInterval(Duration.ZERO)
                .build());
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));

    for (int i = 0; i < 3; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.stream().anyMatch(s -> s.startsWith("WARN GlobalOpenTelemetry is")));
    assertThat(bridge.isInstalled()).isFalse();
    assertThat(bridge.stats().emitted()).isZero();
    assertThat(bridge.queueSize()).isEqualTo(3);

    try (InMemoryOtel otel = new InMemoryOtel()) {
      bridge.install(otel.sdk);
      assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(otel.logs())
          .extracting(log -> log.getBodyValue().asString())
          .containsExactly("r0", "r1", "r2");
    }
  }
}
