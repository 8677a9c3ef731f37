package dev.logbridge.spring.boot;

import dev.logbridge.log4j2.LogBridgeAppender;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Attaches one Log4j 2 {@link LogBridgeAppender} to the root logger of the current
 * configuration, unless the configuration (log4j2-spring.xml, log4j2.xml) declares a {@code
 * <LogBridge>} appender itself.
 *
 * <p>Thread-safety: see {@link AppenderAttacher}. A reconfiguration replaces the whole {@link
 * Configuration}, which is why the starter checks again after each of Spring Boot's steps.
 */
final class Log4j2AppenderAttacher implements AppenderAttacher {
  private final LoggerContext context;

  Log4j2AppenderAttacher(LoggerContext context) {
    this.context = context;
  }

  @Override
  public Outcome ensureAttached(LogBridgeProperties properties) {
    Configuration configuration = context.getConfiguration();
    LoggerConfig root = configuration.getRootLogger();
    Appender ours = configuration.getAppenders().get(APPENDER_NAME);
    if (declaresOwnAppender(configuration)) {
      // Two appenders would export every record twice: the user's declaration wins.
      if (ours != null) {
        root.removeAppender(APPENDER_NAME);
        context.updateLoggers();
        ours.stop();
      }
      return Outcome.USER_DECLARED;
    }
    if (ours != null && ours.isStarted() && root.getAppenders().containsKey(APPENDER_NAME)) {
      return Outcome.ALREADY_ATTACHED;
    }
    Appender appender = newAppender(properties, configuration);
    appender.start();
    configuration.addAppender(appender);
    root.addAppender(appender, null, null);
    context.updateLoggers();
    return Outcome.ATTACHED;
  }

  private static boolean declaresOwnAppender(Configuration configuration) {
    return configuration.getAppenders().values().stream()
        .anyMatch(a -> a instanceof LogBridgeAppender && !APPENDER_NAME.equals(a.getName()));
  }

  private static Appender newAppender(LogBridgeProperties properties, Configuration configuration) {
    LogBridgeAppender.Builder<?> builder = LogBridgeAppender.newBuilder();
    builder.setName(APPENDER_NAME);
    builder.setConfiguration(configuration);
    builder.setCaptureContextData(properties.isCaptureMdc());
    builder.setCaptureMapMessage(properties.isCaptureKeyValues());
    builder.setCaptureMarker(properties.isCaptureMarkers());
    builder.setCaptureCodeLocation(properties.isCaptureCodeLocation());
    builder.setCaptureThread(properties.isCaptureThread());
    if (properties.getQueueCapacity() != null) {
      builder.setQueueCapacity(properties.getQueueCapacity());
    }
    if (properties.getBatchSize() != null) {
      builder.setBatchSize(properties.getBatchSize());
    }
    if (properties.getMaxAttributes() != null) {
      builder.setMaxAttributes(properties.getMaxAttributes());
    }
    if (properties.getMaxAttributeValueLength() != null) {
      builder.setMaxAttributeValueLength(properties.getMaxAttributeValueLength());
    }
    if (properties.getMaxBodyLength() != null) {
      builder.setMaxBodyLength(properties.getMaxBodyLength());
    }
    return builder.build();
  }
}
