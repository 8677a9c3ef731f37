package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.logbridge.LogBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LogBridgeAppenderConfigurationTest {

  @AfterEach
  void tearDown() {
    LogbackFixture.tearDown();
  }

  @Test
  void propertiesFromLogbackXmlConfigureTheBridge() {
    LoggerContext context =
        LogbackFixture.configure(
            "<queueCapacity>1024</queueCapacity><maxAttributes>7</maxAttributes>"
                + "<maxBodyLength>100</maxBodyLength>");

    LogBridgeAppender appender = LogbackFixture.appender(context);

    assertThat(appender.isStarted()).isTrue();
    assertThat(appender.getBridge().settings().queueCapacity()).isEqualTo(1024);
    assertThat(appender.getBridge().settings().maxAttributes()).isEqualTo(7);
    assertThat(appender.getBridge().settings().maxBodyLength()).isEqualTo(100);
    assertThat(LogBridge.global()).isSameAs(appender.getBridge());
  }

  @Test
  void stopFlushesWithinItsTimeoutEvenWhenTheExporterHangs() throws Exception {
    dev.logbridge.testing.BlockingLogRecordExporter hanging =
        new dev.logbridge.testing.BlockingLogRecordExporter(java.time.Duration.ofSeconds(30));
    try (dev.logbridge.testing.TestOpenTelemetry otel =
        dev.logbridge.testing.TestOpenTelemetry.withExporters(hanging)) {
      LoggerContext context =
          LogbackFixture.configure("<stopFlushTimeoutMillis>300</stopFlushTimeoutMillis>");
      LogBridge.install(otel.sdk());
      org.slf4j.LoggerFactory.getLogger("com.example").info("stuck in the exporter");
      org.slf4j.LoggerFactory.getLogger("com.example").info("queued behind it");
      assertThat(hanging.awaitBlocked(java.time.Duration.ofSeconds(10))).isTrue();

      long start = System.nanoTime();
      LogbackFixture.appender(context).stop();
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(elapsedMillis).isBetween(250L, 5_000L);
      assertThat(LogbackFixture.statusMessages(context, Status.WARN))
          .anySatisfy(m -> assertThat(m).contains("could not flush within 300 ms"));
      hanging.release();
    }
  }

  @Test
  void bridgeDiagnosticsGoToLogbacksStatusManager() {
    LoggerContext context = LogbackFixture.configure("<queueCapacity>2</queueCapacity>");
    org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("com.example");
    for (int i = 0; i < 10; i++) {
      logger.info("no OpenTelemetry yet {}", i);
    }

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                LogbackFixture.statusMessages(context, Status.WARN).stream()
                    .anyMatch(m -> m.contains("before an OpenTelemetry instance was available")));
  }
}
