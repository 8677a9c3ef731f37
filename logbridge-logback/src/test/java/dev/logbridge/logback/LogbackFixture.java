package dev.logbridge.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.logbridge.LogBridge;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Configures the real Logback from XML for a test, with a fresh global bridge. */
final class LogbackFixture {
  private LogbackFixture() {}

  /**
   * Resets the global bridge and Logback, then configures Logback with a logbridge appender named
   * OTEL on the root logger (level TRACE) holding {@code appenderProperties}.
   */
  static LoggerContext configure(String appenderProperties) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureOnRunningBridge(appenderProperties);
  }

  /**
   * As {@link #configure}, but keeps the global bridge (a test may have created it, to listen to
   * its status channel from the start).
   */
  static LoggerContext configureOnRunningBridge(String appenderProperties) {
    return configureXmlOnRunningBridge(
        "<configuration>\n"
            + "  <appender name=\"OTEL\" class=\"dev.logbridge.logback.LogBridgeAppender\">\n"
            + "    <shutdownHook>false</shutdownHook>\n"
            + appenderProperties
            + "  </appender>\n"
            + "  <root level=\"TRACE\"><appender-ref ref=\"OTEL\"/></root>\n"
            + "</configuration>\n");
  }

  /** Resets the global bridge and Logback, then configures Logback with {@code xml}. */
  static LoggerContext configureXml(String xml) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureXmlOnRunningBridge(xml);
  }

  private static LoggerContext configureXmlOnRunningBridge(String xml) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.getStatusManager().clear();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new IllegalStateException("Logback rejected the test configuration", e);
    }
    return context;
  }

  /** Stops Logback's appenders (flushing logbridge), forgets the bridge and the global SDK. */
  static void tearDown() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }

  static LogBridgeAppender appender(LoggerContext context) {
    return (LogBridgeAppender)
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("OTEL");
  }

  static List<String> statusMessages(LoggerContext context, int minLevel) {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= minLevel)
        .map(Status::getMessage)
        .collect(Collectors.toList());
  }
}
