package dev.logbridge;

import dev.logbridge.internal.OpenTelemetryApiSupport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@link CaptureSlot} into an OpenTelemetry log record and emits it.
 *
 * <p>Runs only on the pipeline thread, so its caches are plain maps. Loggers are cached per scope
 * name and attribute keys per name, both bounded so a program that invents logger names or MDC
 * keys cannot grow them without limit (beyond the bound, lookups simply are not cached).
 *
 * <p>Attribute names follow the upstream OpenTelemetry appenders and the stable semantic
 * conventions: {@code exception.type}, {@code exception.message}, {@code exception.stacktrace},
 * {@code thread.name}, {@code thread.id}.
 *
 * <p>Thread-safety: confined to the pipeline thread.
 */
final class RecordEmitter {
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");
  static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");

  private static final int MAX_CACHED = 4096;

  private final LoggerProvider provider;
  private final Map<String, Logger> loggers = new HashMap<>();
  // The last scope looked up and its logger (see logger()).
  private String lastScopeName;
  private Logger lastLogger;
  private final Map<String, AttributeKey<String>> stringKeys = new HashMap<>();

  RecordEmitter(LoggerProvider provider) {
    this.provider = provider;
  }

  /**
   * Completes {@code record} (its deferred work, see {@link CaptureSlot#complete()}) and emits
   * it; throws whatever the OpenTelemetry implementation throws.
   */
  void emit(CaptureSlot record) {
    record.complete();
    LogRecordBuilder builder = logger(record.scopeName()).logRecordBuilder();
    if (record.timestampEpochNanos() != 0) {
      builder.setTimestamp(record.timestampEpochNanos(), TimeUnit.NANOSECONDS);
    }
    builder.setObservedTimestamp(record.observedEpochNanos(), TimeUnit.NANOSECONDS);
    builder.setContext(record.context());
    builder.setSeverity(record.severity());
    if (record.severityText() != null) {
      builder.setSeverityText(record.severityText());
    }
    if (record.body() != null) {
      builder.setBody(record.body());
    }
    if (record.eventName() != null) {
      OpenTelemetryApiSupport.setEventName(builder, record.eventName());
    }
    setAttributes(builder, record);
    builder.emit();
  }

  /**
   * Sets the record's attributes on the builder one by one, in the order captured (a later key
   * replaces an earlier one, as it would in an {@code Attributes} built first). Not through an
   * intermediate {@code Attributes}: building one sorts and copies the attributes, and the SDK
   * copies and sorts them again into the record (10% of the pipeline thread's time, profiled end
   * to end).
   */
  private void setAttributes(LogRecordBuilder builder, CaptureSlot record) {
    for (int i = 0; i < record.attributeCount(); i++) {
      put(builder, record.attributeKey(i), record.attributeValue(i));
    }
    if (record.exceptionType() != null) {
      builder.setAttribute(EXCEPTION_TYPE, record.exceptionType());
      if (record.exceptionMessage() != null) {
        builder.setAttribute(EXCEPTION_MESSAGE, record.exceptionMessage());
      }
      if (record.exceptionStackTrace() != null) {
        builder.setAttribute(EXCEPTION_STACKTRACE, record.exceptionStackTrace());
      }
    }
    if (record.threadName() != null) {
      builder.setAttribute(THREAD_NAME, record.threadName());
    }
    if (record.threadId() >= 0) {
      builder.setAttribute(THREAD_ID, record.threadId());
    }
  }

  @SuppressWarnings("unchecked")
  private void put(LogRecordBuilder builder, String key, Object value) {
    if (value instanceof String) {
      builder.setAttribute(stringKey(key), (String) value);
    } else if (value instanceof Long) {
      builder.setAttribute(AttributeKey.longKey(key), (Long) value);
    } else if (value instanceof Double) {
      builder.setAttribute(AttributeKey.doubleKey(key), (Double) value);
    } else if (value instanceof Boolean) {
      builder.setAttribute(AttributeKey.booleanKey(key), (Boolean) value);
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      Object first = list.isEmpty() ? "" : list.get(0);
      if (first instanceof Long) {
        builder.setAttribute(AttributeKey.longArrayKey(key), (List<Long>) list);
      } else if (first instanceof Double) {
        builder.setAttribute(AttributeKey.doubleArrayKey(key), (List<Double>) list);
      } else if (first instanceof Boolean) {
        builder.setAttribute(AttributeKey.booleanArrayKey(key), (List<Boolean>) list);
      } else {
        builder.setAttribute(AttributeKey.stringArrayKey(key), (List<String>) list);
      }
    }
  }

  private AttributeKey<String> stringKey(String name) {
    AttributeKey<String> key = stringKeys.get(name);
    if (key == null) {
      key = AttributeKey.stringKey(name);
      if (stringKeys.size() < MAX_CACHED) {
        stringKeys.put(name, key);
      }
    }
    return key;
  }

  private Logger logger(String scopeName) {
    // Runs of records from one logger are the common case, and an adapter hands the same name
    // instance each time: an identity check spares the map's hash and equals. (JFR put the hash at
    // 18% of the pipeline thread's samples; async-profiler, which attributes inlined code better,
    // later showed no map lookup at all, so the saving is small and unmeasured on its own.)
    if (scopeName == lastScopeName) {
      return lastLogger;
    }
    Logger logger = loggers.get(scopeName);
    if (logger == null) {
      logger = provider.get(scopeName);
      if (loggers.size() < MAX_CACHED) {
        loggers.put(scopeName, logger);
      }
    }
    lastScopeName = scopeName;
    lastLogger = logger;
    return logger;
  }
}
