package dev.logbridge.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.logbridge.logback.LogBridgeAppender;
import java.util.Iterator;

/**
 * Attaches one {@link LogBridgeAppender} to Logback's root logger, unless the configuration
 * (logback-spring.xml, logback.xml) already declares one on any logger.
 *
 * <p>Thread-safety: see {@link AppenderAttacher}; Logback's appender lists are copy-on-write.
 */
final class LogbackAppenderAttacher implements AppenderAttacher {
  private final LoggerContext context;

  LogbackAppenderAttacher(LoggerContext context) {
    this.context = context;
  }

  @Override
  public Outcome ensureAttached(LogBridgeProperties properties) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> ours = root.getAppender(APPENDER_NAME);
    if (declaresOwnAppender()) {
      // Two appenders would export every record twice: the user's declaration wins.
      if (ours != null) {
        root.detachAppender(ours);
        ours.stop();
      }
      return Outcome.USER_DECLARED;
    }
    if (ours != null && ours.isStarted()) {
      return Outcome.ALREADY_ATTACHED;
    }
    if (ours != null) {
      root.detachAppender(ours);
    }
    root.addAppender(newAppender(properties));
    return Outcome.ATTACHED;
  }

  private boolean declaresOwnAppender() {
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof LogBridgeAppender && !APPENDER_NAME.equals(appender.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private LogBridgeAppender newAppender(LogBridgeProperties properties) {
    LogBridgeAppender appender = new LogBridgeAppender();
    appender.setContext(context);
    appender.setName(APPENDER_NAME);
    appender.setCaptureMdc(properties.isCaptureMdc());
    appender.setCaptureKeyValues(properties.isCaptureKeyValues());
    appender.setCaptureMarkers(properties.isCaptureMarkers());
    appender.setCaptureCodeLocation(properties.isCaptureCodeLocation());
    appender.setCaptureThread(properties.isCaptureThread());
    if (properties.getQueueCapacity() != null) {
      appender.setQueueCapacity(properties.getQueueCapacity());
    }
    if (properties.getBatchSize() != null) {
      appender.setBatchSize(properties.getBatchSize());
    }
    if (properties.getMaxAttributes() != null) {
      appender.setMaxAttributes(properties.getMaxAttributes());
    }
    if (properties.getMaxAttributeValueLength() != null) {
      appender.setMaxAttributeValueLength(properties.getMaxAttributeValueLength());
    }
    if (properties.getMaxBodyLength() != null) {
      appender.setMaxBodyLength(properties.getMaxBodyLength());
    }
    appender.start();
    return appender;
  }
}
