package dev.logbridge.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The logging framework behind SLF4J in a Spring Boot test run (Logback by default, Log4j 2 in a
 * surefire execution that swaps it in), and the logbridge appenders attached to it: shared with
 * the Spring Boot example and the Spring Boot 4 tests through this module's test jar. Each
 * framework's classes are referenced only from its own nested class, so the other framework may
 * be absent from the class path.
 *
 * <p>Thread-safety: thread-safe (immutable constants; each call reads the framework's current
 * configuration).
 */
public enum LoggingSystemUnderTest {
  LOGBACK,
  LOG4J2;

  /**
   * The framework behind SLF4J; fails if it is not the one the build asked for (system property
   * {@code systemProperty}, LOGBACK by default), so a class path mistake cannot pass silently.
   */
  public static LoggingSystemUnderTest current(String systemProperty) {
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    LoggingSystemUnderTest found = factory.startsWith("ch.qos.logback") ? LOGBACK : LOG4J2;
    String expected = System.getProperty(systemProperty, LOGBACK.name());
    if (!found.name().equals(expected)) {
      throw new IllegalStateException(
          "expected " + expected + " behind SLF4J, found " + found + " (" + factory + ")");
    }
    return found;
  }

  /** The names of the logbridge appenders attached to any logger. */
  public List<String> logbridgeAppenderNames() {
    return this == LOGBACK ? Logback.appenderNames() : Log4j2.appenderNames();
  }

  private static final class Logback {
    static List<String> appenderNames() {
      ch.qos.logback.classic.LoggerContext context =
          (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
      List<String> names = new ArrayList<>();
      for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
        logger
            .iteratorForAppenders()
            .forEachRemaining(
                appender -> {
                  if (appender instanceof dev.logbridge.logback.LogBridgeAppender) {
                    names.add(appender.getName());
                  }
                });
      }
      return names;
    }
  }

  private static final class Log4j2 {
    static List<String> appenderNames() {
      org.apache.logging.log4j.core.LoggerContext context =
          (org.apache.logging.log4j.core.LoggerContext)
              org.apache.logging.log4j.LogManager.getContext(false);
      var configuration = context.getConfiguration();
      List<org.apache.logging.log4j.core.config.LoggerConfig> loggers =
          new ArrayList<>(configuration.getLoggers().values());
      if (!loggers.contains(configuration.getRootLogger())) {
        loggers.add(configuration.getRootLogger());
      }
      List<String> names = new ArrayList<>();
      for (var logger : loggers) {
        logger
            .getAppenders()
            .values()
            .forEach(
                appender -> {
                  if (appender instanceof dev.logbridge.log4j2.LogBridgeAppender) {
                    names.add(appender.getName());
                  }
                });
      }
      return names;
    }
  }
}
