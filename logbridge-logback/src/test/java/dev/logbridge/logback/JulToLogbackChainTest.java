package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeSettings;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.jul.LogBridgeHandler;
import dev.logbridge.testing.TestOpenTelemetry;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * JUL → jul-to-slf4j → Logback, with logbridge on both ends (its JUL handler on the JUL root and
 * its appender in Logback): each record is exported once, and its forwarded copy is counted as
 * {@code forwarded}, whichever of the two JUL handlers runs first.
 */
@Timeout(30)
class JulToLogbackChainTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger julRoot = Logger.getLogger("");
  private final Handler[] originalHandlers = julRoot.getHandlers();
  private final Level originalLevel = julRoot.getLevel();

  @AfterEach
  void tearDown() {
    for (Handler handler : julRoot.getHandlers()) {
      julRoot.removeHandler(handler);
      if (handler instanceof LogBridgeHandler) {
        handler.close();
      }
    }
    for (Handler handler : originalHandlers) {
      julRoot.addHandler(handler);
    }
    julRoot.setLevel(originalLevel);
    LogbackFixture.tearDown();
    otel.close();
  }

  private void assertEachRecordExportedOnce(int records) {
    Logger jul = Logger.getLogger("com.example.legacy");
    for (int i = 0; i < records; i++) {
      jul.info("legacy record " + i);
    }

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.bodies()).hasSize(records).doesNotHaveDuplicates();
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.accepted()).isEqualTo(records);
    assertThat(stats.dropped(DropReason.FORWARDED)).isEqualTo(records);
  }

  @Test
  void logbridgeHandlerFirstThenSlf4jBridge() {
    LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    LogBridgeHandler.builder().settings(BridgeSettings.builder().shutdownHookEnabled(false)
        .build()).install();
    julRoot.addHandler(new SLF4JBridgeHandler()); // after logbridge's handler
    julRoot.setLevel(Level.INFO);

    assertEachRecordExportedOnce(50);
  }

  @Test
  void slf4jBridgeFirstThenLogbridgeHandler() {
    LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    julRoot.addHandler(new SLF4JBridgeHandler());
    Handler ours = LogBridgeHandler.builder().settings(BridgeSettings.builder()
        .shutdownHookEnabled(false).build()).install();
    // install() puts logbridge first; move it behind the forwarder for this case.
    julRoot.removeHandler(ours);
    julRoot.addHandler(ours);
    julRoot.setLevel(Level.INFO);

    assertEachRecordExportedOnce(50);
  }
}
