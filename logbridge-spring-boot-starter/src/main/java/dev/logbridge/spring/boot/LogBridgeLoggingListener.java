package dev.logbridge.spring.boot;

import dev.logbridge.LogBridge;
import dev.logbridge.StatusListener.Level;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The application listener that keeps exactly one logbridge appender on the root logger while
 * Spring Boot (re)initialises logging.
 *
 * <p>Why a listener and not a bean: Spring Boot initialises (and resets) Logback or Log4j 2 in
 * its {@link LoggingApplicationListener} on {@link ApplicationEnvironmentPreparedEvent}, before
 * the application context exists, and the reset removes every appender added programmatically.
 * Registered in {@code META-INF/spring.factories} and ordered right after that listener, this one
 * attaches the appender as soon as logging is configured, so the startup lines ("Starting ...",
 * the web server's) are captured and wait in logbridge's queue, with their time, thread and
 * trace context, until the OpenTelemetry bean is installed. It checks again on {@link
 * ApplicationPreparedEvent} and {@link ApplicationStartedEvent}, after anything else in the
 * application's startup could have re-initialised logging, and on every later run of a {@code
 * SpringApplication} in the same JVM (a restart re-initialises logging).
 *
 * <p>Thread-safety: Spring delivers these events one at a time; the attachers tolerate
 * concurrent reconfiguration.
 */
public final class LogBridgeLoggingListener implements GenericApplicationListener {
  /** Right after Spring Boot's own logging listener, which configures the framework. */
  public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.getRawClass();
    return type != null
        && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
            || ApplicationPreparedEvent.class.isAssignableFrom(type)
            || ApplicationStartedEvent.class.isAssignableFrom(type));
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    ConfigurableEnvironment environment = environmentOf(event);
    if (environment == null) {
      return;
    }
    LogBridgeProperties properties = bind(environment);
    if (!properties.isEnabled() || !properties.isAttachAppender()) {
      return;
    }
    AppenderAttacher attacher = LoggingFrameworks.attacher();
    if (attacher == null) {
      return;
    }
    try {
      attacher.ensureAttached(properties);
    } catch (RuntimeException | LinkageError e) {
      // Logging must keep working, so nothing escapes into Spring's startup; not logged through
      // logging, which is what failed.
      LogBridge.global()
          .reportStatus(
              Level.ERROR, "spring_boot_attach", "could not attach the logbridge appender: " + e);
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  private static ConfigurableEnvironment environmentOf(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent) {
      return ((ApplicationEnvironmentPreparedEvent) event).getEnvironment();
    }
    if (event instanceof ApplicationPreparedEvent) {
      return ((ApplicationPreparedEvent) event).getApplicationContext().getEnvironment();
    }
    if (event instanceof ApplicationStartedEvent) {
      return ((ApplicationStartedEvent) event).getApplicationContext().getEnvironment();
    }
    return null;
  }

  static LogBridgeProperties bind(Environment environment) {
    return Binder.get(environment)
        .bind("logbridge", LogBridgeProperties.class)
        .orElseGet(LogBridgeProperties::new);
  }
}
