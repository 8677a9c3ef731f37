package dev.logbridge.demo;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * A deliberately naive Logback-to-OpenTelemetry bridge that reproduces the seed incident in Java:
 * <strong>do not use it</strong>; it exists to freeze the demo service on purpose.
 *
 * <p>It does what the seed's Python handler did: it takes one global, non-reentrant lock (like
 * {@code threading.Lock}) for the whole translation of a record, and when an attribute value is
 * not an OpenTelemetry type it warns about it <em>through logging</em>. That warning reaches the
 * same appender on the same thread while the lock is held, so the thread waits for itself, and
 * every other thread that logs queues behind the lock: the service stops.
 *
 * <p>Logback 1.5.21 and newer does not stop this re-entry in {@code UnsynchronizedAppenderBase};
 * logbridge's own appender has a bridge-wide re-entry guard, never locks, and never logs about
 * values (it coerces them).
 *
 * <p>Thread-safety: thread-safe (by the very lock that makes it freeze).
 */
public final class NaiveBridgeAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final Logger WARNINGS = LoggerFactory.getLogger(NaiveBridgeAppender.class);
  // Set by the demo before the service starts; read on every append.
  private static volatile OpenTelemetry openTelemetry = OpenTelemetry.noop();

  private final NonReentrantMutex lock = new NonReentrantMutex();

  /** Uses {@code sdk} for every later record, as {@code LogBridge.install} does for logbridge. */
  static void install(OpenTelemetry sdk) {
    openTelemetry = sdk;
  }

  @Override
  protected void append(ILoggingEvent event) {
    lock.lock();
    try {
      LogRecordBuilder builder =
          openTelemetry
              .getLogsBridge()
              .get(event.getLoggerName())
              .logRecordBuilder()
              .setSeverity(severity(event.getLevel().toInt()))
              .setSeverityText(event.getLevel().toString())
              .setBody(event.getFormattedMessage());
      List<KeyValuePair> pairs = event.getKeyValuePairs();
      if (pairs != null) {
        for (KeyValuePair pair : pairs) {
          addAttribute(builder, pair.key, pair.value);
        }
      }
      builder.emit();
    } finally {
      lock.unlock();
    }
  }

  private static void addAttribute(LogRecordBuilder builder, String key, Object value) {
    if (value instanceof String) {
      builder.setAttribute(AttributeKey.stringKey(key), (String) value);
    } else if (value instanceof Integer || value instanceof Long) {
      builder.setAttribute(AttributeKey.longKey(key), ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      builder.setAttribute(AttributeKey.doubleKey(key), ((Number) value).doubleValue());
    } else if (value instanceof Boolean) {
      builder.setAttribute(AttributeKey.booleanKey(key), (Boolean) value);
    } else {
      // The seed's mistake: report a data problem through the logging system being served.
      WARNINGS.warn(
          "Invalid type {} for attribute '{}' value; expected String, long, double or" + " boolean",
          value == null ? "null" : value.getClass().getName(),
          key);
    }
  }

  private static Severity severity(int logbackLevel) {
    if (logbackLevel >= ch.qos.logback.classic.Level.ERROR_INT) {
      return Severity.ERROR;
    }
    if (logbackLevel >= ch.qos.logback.classic.Level.WARN_INT) {
      return Severity.WARN;
    }
    if (logbackLevel >= ch.qos.logback.classic.Level.INFO_INT) {
      return Severity.INFO;
    }
    return logbackLevel >= ch.qos.logback.classic.Level.DEBUG_INT ? Severity.DEBUG : Severity.TRACE;
  }
}
