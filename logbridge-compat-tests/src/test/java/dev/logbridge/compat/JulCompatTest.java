package dev.logbridge.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeSettings;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.jul.JulFixture;
import dev.logbridge.jul.LogBridgeHandler;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The java.util.logging handler on OpenTelemetry 1.49.0. */
@Timeout(60)
class JulCompatTest {
  private final CompatSdk otel = new CompatSdk();
  private final Logger logger = Logger.getLogger("com.example.compat.jul");

  @AfterEach
  void tearDown() {
    JulFixture.tearDown();
    otel.close();
  }

  @Test
  void emitsEveryRecordThroughAGlobalOpenTelemetrySetBeforehand() {
    GlobalOpenTelemetry.set(otel.sdk());
    install();

    IntStream.range(0, 100).forEach(i -> logger.info("record " + i));

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies())
        .containsExactlyElementsOf(
            IntStream.range(0, 100).mapToObj(i -> "record " + i).collect(Collectors.toList()));
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.isBalanced()).isTrue();
    assertThat(stats.emitted()).isEqualTo(100);
  }

  @Test
  void aToStringThatLogsIsCountedAsRecursionAndTheOuterRecordIsExportedOnce() {
    install();
    LogBridge.install(otel.sdk());
    Object loud =
        new Object() {
          @Override
          public String toString() {
            logger.info("inner");
            return "loud";
          }
        };

    logger.log(java.util.logging.Level.INFO, "outer {0}", loud);

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies()).containsExactly("outer loud");
    assertThat(LogBridge.stats().dropped(DropReason.RECURSION)).isEqualTo(1);
  }

  @Test
  void autoconfiguresTheSdkFromOtelSettings() {
    String[] keys = {"otel.logs.exporter", "otel.traces.exporter", "otel.metrics.exporter"};
    for (String key : keys) {
      System.setProperty(key, "none");
    }
    try {
      LogBridge.resetGlobal(Duration.ofSeconds(5));
      LogManager.getLogManager().reset();
      BridgeSettings settings = BridgeSettings.builder().shutdownHookEnabled(false).build();
      List<String> statuses = new CopyOnWriteArrayList<>();
      LogBridge.global(settings).addStatusListener((level, message) -> statuses.add(message));
      LogBridgeHandler.builder().settings(settings).autoconfigure(true).install();

      logger.info("autoconfigured");

      assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(statuses)
          .contains("built the OpenTelemetry SDK from the OTEL_* environment variables");
      assertThat(LogBridge.stats().emitted()).isEqualTo(1);
    } finally {
      for (String key : keys) {
        System.clearProperty(key);
      }
    }
  }

  private static void install() {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogManager.getLogManager().reset();
    LogBridgeHandler.builder()
        .settings(BridgeSettings.builder().shutdownHookEnabled(false).build())
        .install();
    Logger.getLogger("").setLevel(java.util.logging.Level.ALL);
  }
}
