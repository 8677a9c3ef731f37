package dev.logbridge.spring.boot;

import org.springframework.util.ClassUtils;

/**
 * Finds the logging framework the application logs with, without loading the classes of the
 * one it does not use.
 *
 * <p>Thread-safety: stateless.
 */
final class LoggingFrameworks {
  private static final ClassLoader LOADER = LoggingFrameworks.class.getClassLoader();

  private LoggingFrameworks() {}

  /** The attacher for the framework behind SLF4J (Logback or Log4j 2), or null if neither. */
  static AppenderAttacher attacher() {
    if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", LOADER)
        && ClassUtils.isPresent("org.slf4j.LoggerFactory", LOADER)) {
      AppenderAttacher logback = Logback.attacher();
      if (logback != null) {
        return logback;
      }
    }
    if (ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", LOADER)) {
      return Log4j2.attacher();
    }
    return null;
  }

  /** Holds the Logback references, so that this class loads only when Logback is present. */
  private static final class Logback {
    static AppenderAttacher attacher() {
      Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
      return factory instanceof ch.qos.logback.classic.LoggerContext
          ? new LogbackAppenderAttacher((ch.qos.logback.classic.LoggerContext) factory)
          : null;
    }
  }

  /** Holds the Log4j 2 references, so that this class loads only when Log4j 2 is present. */
  private static final class Log4j2 {
    static AppenderAttacher attacher() {
      Object context = org.apache.logging.log4j.LogManager.getContext(false);
      return context instanceof org.apache.logging.log4j.core.LoggerContext
          ? new Log4j2AppenderAttacher((org.apache.logging.log4j.core.LoggerContext) context)
          : null;
    }
  }
}
