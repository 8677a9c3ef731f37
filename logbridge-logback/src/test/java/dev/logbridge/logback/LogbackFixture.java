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

/**
 * The real Logback behind SLF4J, configured from XML text for one test, with a fresh global bridge:
 * the one copy of this wiring for every module's tests (this module's, and through this module's
 * test jar the compatibility, integration and reliability tests).
 *
 * <p>Thread-safety: not thread-safe; Logback's one {@link LoggerContext} is a JVM-wide resource, so
 * call it from one test thread at a time (tests that use it do not run in parallel).
 */
public final class LogbackFixture {
  private LogbackFixture() {}

  /**
   * Resets the global bridge and Logback, then configures Logback with a logbridge appender named
   * OTEL on the root logger (level TRACE) holding {@code appenderProperties}.
   */
  public static LoggerContext configure(String appenderProperties) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureOnRunningBridge(appenderProperties);
  }

  /**
   * As {@link #configure}, but keeps the global bridge (a test may have created it, to listen to
   * its status channel from the start).
   */
  public static LoggerContext configureOnRunningBridge(String appenderProperties) {
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
  public static LoggerContext configureXml(String xml) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureXmlOnRunningBridge(xml);
  }

  /**
   * Resets Logback (stopping its appenders) and clears its status messages, then configures it
   * with {@code xml}; the global bridge is kept.
   */
  public static LoggerContext configureXmlOnRunningBridge(String xml) {
    LoggerContext context = context();
    context.reset();
    context.getStatusManager().clear();
    reconfigure(context, xml);
    return context;
  }

  /**
   * Runs Logback's configurator with {@code xml} on {@code context} as it is, touching neither the
   * context's existing appenders nor the bridge.
   *
   * @throws IllegalStateException if Logback rejects the configuration
   */
  public static void reconfigure(LoggerContext context, String xml) {
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new IllegalStateException("Logback rejected the test configuration", e);
    }
  }

  /** Stops Logback's appenders (flushing logbridge), forgets the bridge and the global SDK. */
  public static void tearDown() {
    context().reset();
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }

  /** Logback's context behind SLF4J. */
  public static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /** The appender named OTEL on the root logger of {@code context}. */
  public static LogBridgeAppender appender(LoggerContext context) {
    return (LogBridgeAppender)
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("OTEL");
  }

  /** The messages of {@code context}'s status entries at {@code minLevel} or above. */
  public static List<String> statusMessages(LoggerContext context, int minLevel) {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= minLevel)
        .map(Status::getMessage)
        .collect(Collectors.toList());
  }
}
