package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** logbridge's counters as Micrometer meters, and the health indicator that reports losses. */
class ActuatorSupportTest {
  private final LoggerContext logback = new LoggerContext();
  private final Logger logger = logback.getLogger("test.actuator");

  @BeforeEach
  void tinyQueueAndNoOpenTelemetry() {
    LogBridge.resetGlobal(Duration.ofSeconds(1));
    logback.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's binding does for its context
    LogBridgeProperties properties = new LogBridgeProperties();
    properties.setQueueCapacity(2); // nothing is installed, so a third record overflows
    new LogbackAppenderAttacher(logback).ensureAttached(properties);
  }

  @AfterEach
  void reset() {
    // The bridge first: a stopping appender flushes, and with no OpenTelemetry instance a live
    // bridge would make it wait its whole flush timeout.
    LogBridge.resetGlobal(Duration.ofSeconds(1));
    logback.stop();
  }

  @Test
  void countersAreMetersNamedAsLogbridgesOpenTelemetryMetrics() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new LogBridgeMeterBinder(LogBridge.global()).bindTo(registry);

    for (int i = 0; i < 5; i++) {
      logger.info("record {}", i);
    }

    assertThat(registry.get("logbridge.records.accepted").functionCounter().count())
        .as(LogBridge.stats().summary())
        .isEqualTo(5);
    assertThat(
            registry
                .get("logbridge.records.dropped")
                .tag("reason", "pre_install_overflow")
                .functionCounter()
                .count())
        .isEqualTo(3);
    assertThat(registry.get("logbridge.queue.size").gauge().value()).isEqualTo(2);
    assertThat(registry.get("logbridge.queue.capacity").gauge().value()).isEqualTo(2);
    for (DropReason reason : DropReason.values()) {
      assertThat(
              registry
                  .get("logbridge.records.dropped")
                  .tag("reason", reason.metricName())
                  .functionCounter())
          .isNotNull();
    }
  }

  @Test
  void healthIsDownWhileRecordsAreLostAndUpAgainWhenTheLossStops() {
    LogBridgeHealthIndicator health = new LogBridgeHealthIndicator(LogBridge.global());
    logger.info("fits");
    logger.info("fits too");
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    logger.info("overflows");
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getStatus()).as("no new loss since").isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsEntry("dropped.pre_install_overflow", 1L);
  }
}
