package dev.logbridge.log4j2;

import dev.logbridge.LogBridge;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/** Configures the real Log4j 2 from XML for a test, with a fresh global bridge. */
final class Log4jFixture {
  private Log4jFixture() {}

  /**
   * Resets the global bridge, then configures Log4j with a {@code <LogBridge name="OTEL">}
   * holding {@code attributes} on the root logger (level trace), optionally behind an
   * AsyncAppender.
   */
  static LogBridgeAppender configure(String attributes, boolean behindAsyncAppender) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureOnRunningBridge(attributes, behindAsyncAppender);
  }

  /**
   * As {@link #configure}, but keeps the global bridge (a test may have created it, to listen to
   * its status channel from the start).
   */
  static LogBridgeAppender configureOnRunningBridge(
      String attributes, boolean behindAsyncAppender) {
    String appenders =
        "<LogBridge name=\"OTEL\" shutdownHook=\"false\" "
            + attributes
            + "/>"
            + (behindAsyncAppender
                ? "<Async name=\"ASYNC\" includeLocation=\"true\"><AppenderRef ref=\"OTEL\"/></Async>"
                : "");
    String xml =
        "<Configuration status=\"WARN\"><Appenders>"
            + appenders
            + "</Appenders>"
            + "<Loggers><Root level=\"trace\" includeLocation=\"true\"><AppenderRef ref=\""
            + (behindAsyncAppender ? "ASYNC" : "OTEL")
            + "\"/></Root></Loggers></Configuration>";
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    try {
      ConfigurationSource source =
          new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Configurator.reconfigure(new XmlConfiguration(context, source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return context.getConfiguration().getAppender("OTEL");
  }

  /** Stops Log4j's appenders (flushing logbridge), forgets the bridge and the global SDK. */
  static void tearDown() {
    Configurator.reconfigure(new DefaultConfiguration());
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }
}
