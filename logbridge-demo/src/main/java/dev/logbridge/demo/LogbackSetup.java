package dev.logbridge.demo;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures Logback for a demo run from a bundled configuration file, and routes
 * java.util.logging into it.
 *
 * <p>JUL is routed because the OpenTelemetry SDK reports its own export failures through JUL. An
 * application that bridges JUL into its logging (very common) feeds those reports back into the
 * log bridge; logbridge refuses them by origin and counts them, which the report shows.
 *
 * <p>Thread-safety: call from one thread at a time (Logback reconfiguration is not concurrent).
 */
final class LogbackSetup {
  private LogbackSetup() {}

  /**
   * Replaces Logback's configuration with the bundled {@code resource} and makes jul-to-slf4j the
   * JUL root's only handler; the returned handle restores the root's handlers.
   *
   * @throws IllegalStateException if SLF4J is not bound to Logback or the configuration has errors
   */
  static JulRootHandlers configure(String resource) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      throw new IllegalStateException(
          "SLF4J is bound to "
              + LoggerFactory.getILoggerFactory().getClass().getName()
              + ", not Logback");
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    URL url = LogbackSetup.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("missing bundled resource " + resource);
    }
    context.reset();
    context.getStatusManager().clear();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(url);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure Logback from " + resource, e);
    }
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR) {
        throw new IllegalStateException(
            "Logback configuration " + resource + ": " + status.getMessage(),
            status.getThrowable());
      }
    }
    return JulRootHandlers.replaceWith(new SLF4JBridgeHandler());
  }

  /** Stops every appender (logbridge's flushes) and leaves Logback without configuration. */
  static void reset() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
      ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }
  }
}
