package dev.logbridge.log4j2;

import dev.logbridge.LogBridge;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The real Log4j 2, configured from XML text for one test, with a fresh global bridge: the one
 * copy of this wiring for every module's tests (this module's, and through this module's test jar
 * the compatibility, integration and reliability tests).
 *
 * <p>Thread-safety: not thread-safe; Log4j's current {@link LoggerContext} is a JVM-wide
 * resource, so call it from one test thread at a time (tests that use it do not run in parallel).
 */
public final class Log4jFixture {
  private Log4jFixture() {}

  /**
   * Resets the global bridge, then configures Log4j with a {@code <LogBridge name="OTEL">}
   * holding {@code attributes} on the root logger (level trace), optionally behind an
   * AsyncAppender.
   */
  public static LogBridgeAppender configure(String attributes, boolean behindAsyncAppender) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureOnRunningBridge(attributes, behindAsyncAppender);
  }

  /**
   * As {@link #configure}, but keeps the global bridge (a test may have created it, to listen to
   * its status channel from the start).
   */
  public static LogBridgeAppender configureOnRunningBridge(
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
    return reconfigure(xml).getConfiguration().getAppender("OTEL");
  }

  /**
   * Replaces the current Log4j configuration (stopping its appenders) with {@code xml}; the
   * global bridge is kept.
   *
   * @return Log4j's current context, now configured from {@code xml}
   */
  public static LoggerContext reconfigure(String xml) {
    LoggerContext context = context();
    try {
      ConfigurationSource source =
          new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Configurator.reconfigure(new XmlConfiguration(context, source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return context;
  }

  /** Log4j's current context (the one {@code LogManager.getContext(false)} gives). */
  public static LoggerContext context() {
    return (LoggerContext) LogManager.getContext(false);
  }

  /** Stops Log4j's appenders (flushing logbridge), forgets the bridge and the global SDK. */
  public static void tearDown() {
    Configurator.reconfigure(new DefaultConfiguration());
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }

  /**
   * Runs {@code action} while a listener on Log4j's StatusLogger adds the formatted text of every
   * ERROR status to {@code into}, and returns what it returned.
   */
  public static <T> T withStatusLoggerErrorsInto(List<String> into, Supplier<T> action) {
    StatusListener listener =
        new StatusListener() {
          @Override
          public void log(StatusData data) {
            into.add(data.getFormattedStatus());
          }

          @Override
          public Level getStatusLevel() {
            return Level.ERROR;
          }

          @Override
          public void close() {}
        };
    StatusLogger.getLogger().registerListener(listener);
    try {
      return action.get();
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
  }
}
