package dev.logbridge.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.logbridge.logback.LogBridgeAppender;
import dev.logbridge.logback.LogbackFixture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs only in the {@code below-range} execution, on OpenTelemetry and Logback versions older
 * than logbridge supports: the appender says so in one line per dependency, naming the version
 * found and the version needed, and nothing is thrown into Logback's configuration.
 */
@Timeout(60)
class BelowSupportedRangeTest {
  @AfterEach
  void tearDown() {
    LogbackFixture.tearDown();
  }

  @Test
  void eachTooOldDependencyIsOneErrorLineAndTheConfigurationCompletes() {
    String xml =
        "<configuration><appender name=\"OTEL\" "
            + "class=\"dev.logbridge.logback.LogBridgeAppender\"><shutdownHook>false</shutdownHook>"
            + "<stopFlushTimeoutMillis>0</stopFlushTimeoutMillis></appender>"
            + "<root level=\"INFO\"><appender-ref ref=\"OTEL\"/></root></configuration>";

    assertThatCode(() -> LogbackFixture.configureXml(xml)).doesNotThrowAnyException();
    LoggerContext context = LogbackFixture.context();

    LogBridgeAppender appender =
        (LogBridgeAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OTEL");
    assertThat(appender.isStarted()).isTrue();
    String otel = Versions.expected("opentelemetry");
    String logback = Versions.expected("logback");
    assertThat(
            context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR)
                .map(Status::getMessage)
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrder(
            "logbridge needs opentelemetry-api 1.49.0 or newer, found "
                + otel
                + "; upgrade it (logbridge keeps running, but may lose records)",
            "logbridge needs opentelemetry-sdk 1.49.0 or newer, found "
                + otel
                + "; upgrade it (logbridge keeps running, but may lose records)",
            "logbridge needs Logback 1.5.0 or newer, found "
                + logback
                + "; upgrade it (logbridge keeps running, but may lose records)");
    assertThatCode(() -> LoggerFactory.getLogger("com.example").info("still logging"))
        .doesNotThrowAnyException();
  }
}
