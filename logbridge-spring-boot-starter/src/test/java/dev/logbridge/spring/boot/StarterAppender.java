package dev.logbridge.spring.boot;

import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.LogBridge;
import java.time.Duration;

/**
 * The starter's Logback appender on the root logger of a Logback context, as the starter attaches
 * it at startup, over a fresh global bridge: the setup and teardown the starter's Logback tests
 * share.
 *
 * <p>Thread-safety: not thread-safe; the global bridge and the context are shared by the whole
 * JVM, so call it from one test thread at a time.
 */
final class StarterAppender {
  private StarterAppender() {}

  /** Forgets the global bridge, then attaches the starter's appender with default properties. */
  static void attachOnFreshBridge(LoggerContext logback) {
    LogBridge.resetGlobal(Duration.ofSeconds(1));
    new LogbackAppenderAttacher(logback).ensureAttached(new LogBridgeProperties());
  }

  /** Takes the starter's appender off the root logger; the bridge is left for the caller. */
  static void detach(LoggerContext logback) {
    logback
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .detachAppender(AppenderAttacher.APPENDER_NAME);
  }
}
