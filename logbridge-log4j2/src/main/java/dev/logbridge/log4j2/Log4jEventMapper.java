package dev.logbridge.log4j2;

import dev.logbridge.spi.BodyFormatter;
import dev.logbridge.spi.HandOff;
import dev.logbridge.spi.KeyFilter;
import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

/**
 * Copies a Log4j {@link LogEvent} into a {@link RecordCapture}: nanosecond instant, level,
 * formatted message, throwable, thread, context data (ThreadContext), {@link MapMessage} entries
 * (typed), marker and, when enabled, the source location.
 *
 * <p>Everything is copied during the call: Log4j reuses events and messages in garbage-free mode
 * and with async loggers, so nothing of the event may be kept.
 *
 * <p>Attribute names follow the upstream OpenTelemetry Log4j appender: context-data keys as they
 * are, {@code log4j.marker} (the marker's name), {@code code.*}; MapMessage entries under their
 * own keys (upstream's v3 naming, the same as Logback key-value pairs); {@code otel.event.name}
 * from context data or a MapMessage (the MapMessage wins) becomes the event name. The trace keys
 * added by {@link TraceContextDataProvider} are not attributes: they restore the trace context.
 *
 * <p>Thread-safety: immutable; runs on logging threads or Log4j's async threads.
 */
final class Log4jEventMapper implements RecordTranslator<LogEvent> {
  static final String MARKER_KEY = "log4j.marker";
  static final String CODE_FILE_PATH = "code.file.path";
  static final String CODE_FUNCTION_NAME = "code.function.name";
  static final String CODE_LINE_NUMBER = "code.line.number";

  /** The FQCN JUL forwarders (log4j-jul's Log4jBridgeHandler) log with. */
  private static final String JUL_FQCN = java.util.logging.Logger.class.getName();

  private static final String MESSAGE_KEY = "message";

  private final KeyFilter contextFilter;
  private final KeyFilter mapMessageFilter;
  private final boolean captureMarker;
  private final boolean captureCodeLocation;
  // False: no thread.name / thread.id (upstream's appender adds them only on request).
  private final boolean captureThread;
  // Allocation-free iteration over context data and MapMessage entries.
  private final TriConsumer<String, Object, RecordCapture> contextCopier = this::copyContextEntry;
  private final TriConsumer<String, Object, RecordCapture> mapCopier = this::copyMapEntry;

  /** Log4j's own {@code {}} formatting, as {@code ParameterizedMessage} applies it. */
  private static final BodyFormatter LOG4J_FORMAT = ParameterizedMessage::format;

  private static boolean isParameterized(Message message) {
    return message instanceof ParameterizedMessage
        || message instanceof ReusableParameterizedMessage;
  }

  /**
   * The pattern of a message that {@link #isParameterized}, read from its own class: the
   * interface's {@code Message.getFormat()} is deprecated in the Log4j we compile against.
   */
  private static String parameterizedFormat(Message message) {
    return message instanceof ParameterizedMessage
        ? ((ParameterizedMessage) message).getFormat()
        : ((ReusableParameterizedMessage) message).getFormat();
  }

  Log4jEventMapper(
      KeyFilter contextFilter,
      KeyFilter mapMessageFilter,
      boolean captureMarker,
      boolean captureCodeLocation) {
    this(contextFilter, mapMessageFilter, captureMarker, captureCodeLocation, true);
  }

  Log4jEventMapper(
      KeyFilter contextFilter,
      KeyFilter mapMessageFilter,
      boolean captureMarker,
      boolean captureCodeLocation,
      boolean captureThread) {
    this.captureThread = captureThread;
    this.contextFilter = contextFilter;
    this.mapMessageFilter = mapMessageFilter;
    this.captureMarker = captureMarker;
    this.captureCodeLocation = captureCodeLocation;
  }

  /**
   * Only events that log4j-jul forwarded from java.util.logging take part in the hand-off
   * between chained adapters; any other may be dropped untranslated when the queue is full.
   */
  @Override
  public boolean canDropUntranslated(LogEvent event) {
    return !isFromJul(event);
  }

  /** Whether log4j-jul forwarded this event from java.util.logging. */
  private static boolean isFromJul(LogEvent event) {
    return JUL_FQCN.equals(event.getLoggerFqcn());
  }

  @Override
  public void translate(LogEvent event, RecordCapture capture) {
    Message message = event.getMessage();
    boolean fromJul = isFromJul(event);
    String formatted = null;
    if (fromJul) {
      formatted = message == null ? null : message.getFormattedMessage();
      if (HandOff.claimUpstream(event.getLoggerName(), formatted)) {
        capture.forwarded();
        return;
      }
    }
    Instant instant = event.getInstant();
    long epochNanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNanoOfSecond();
    capture.timestamp(epochNanos);
    // The observed time is left to the bridge, which reads the clock once after this call: the
    // event's own instant may be far older (a replayed or re-sent event), even on this thread.

    // False behind an async logger or an AsyncAppender, which hand the event to another thread.
    boolean onLoggingThread = Thread.currentThread().getId() == event.getThreadId();
    Level level = event.getLevel();
    capture.severity(severity(level), level == null ? null : level.name());
    if (captureThread) {
      capture.thread(event.getThreadName(), event.getThreadId());
    }
    captureThrowable(event, capture);
    ReadOnlyStringMap contextData = event.getContextData();
    if (contextData != null && !contextData.isEmpty()) {
      if (!onLoggingThread) {
        // The bridge captured this thread's context, which is not the caller's.
        capture.context(callerContext(contextData));
      }
      contextData.forEach(contextCopier, capture);
    } else if (!onLoggingThread) {
      capture.context(Context.root());
    }
    if (message instanceof MapMessage) {
      captureMapMessage((MapMessage<?, ?>) message, capture);
    } else if (formatted == null && isParameterized(message)) {
      // Inert parameters are formatted later on the pipeline thread, as Log4j would; others
      // here, where their toString() may run, inside the bridge's re-entry guard.
      capture.deferredBody(parameterizedFormat(message), message.getParameters(), LOG4J_FORMAT);
    } else if (message != null) {
      capture.body(formatted != null ? formatted : message.getFormattedMessage());
    }
    if (captureMarker) {
      Marker marker = event.getMarker();
      if (marker != null) {
        capture.attribute(MARKER_KEY, marker.getName());
      }
    }
    if (captureCodeLocation) {
      captureSource(event.getSource(), capture);
    }
    if (fromJul) {
      HandOff.downstreamCaptured(event.getLoggerName(), formatted);
    }
  }

  /**
   * Log4j's standard levels onto the first value of each OpenTelemetry range; a custom level
   * strictly between two standard ones takes the less severe one's severity plus one (Log4j's
   * smaller numbers are more severe): 350 (between WARN 300 and INFO 400) becomes INFO2.
   */
  static Severity severity(Level level) {
    if (level == null) {
      return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
    int v = level.intLevel();
    if (v <= 100) {
      return Severity.FATAL;
    }
    if (v <= 200) {
      return v == 200 ? Severity.ERROR : Severity.ERROR2;
    }
    if (v <= 300) {
      return v == 300 ? Severity.WARN : Severity.WARN2;
    }
    if (v <= 400) {
      return v == 400 ? Severity.INFO : Severity.INFO2;
    }
    if (v <= 500) {
      return v == 500 ? Severity.DEBUG : Severity.DEBUG2;
    }
    return v < 600 ? Severity.TRACE2 : Severity.TRACE;
  }

  // getThrownProxy() and ThrowableProxy are deprecated in the Log4j we compile against, with no
  // replacement in 2.17.2 (our oldest): a deserialised event carries its exception only there.
  @SuppressWarnings("deprecation")
  private static void captureThrowable(LogEvent event, RecordCapture capture) {
    Throwable thrown = event.getThrown();
    if (thrown != null) {
      capture.exception(thrown);
      return;
    }
    // Only a deserialised Log4jLogEvent keeps a proxy without its throwable. Asking any other
    // event for its proxy is wasted work on the caller's thread, and the first call loads
    // Log4j's ThrowableProxy class there (on a virtual thread, a pinning class-load).
    if (event instanceof Log4jLogEvent) {
      captureThrownProxy(event.getThrownProxy(), capture);
    }
  }

  @SuppressWarnings("deprecation") // ThrowableProxy: see captureThrowable
  private static void captureThrownProxy(ThrowableProxy proxy, RecordCapture capture) {
    if (proxy != null) {
      capture.exception(proxy.getName(), proxy.getMessage(), proxy.getExtendedStackTraceAsString());
    }
  }

  /** The trace context TraceContextDataProvider recorded on the logging thread, if any. */
  private static Context callerContext(ReadOnlyStringMap data) {
    Object traceId = data.getValue(TraceContextDataProvider.TRACE_ID);
    Object spanId = data.getValue(TraceContextDataProvider.SPAN_ID);
    if (!(traceId instanceof String) || !(spanId instanceof String)) {
      return Context.root();
    }
    Object flags = data.getValue(TraceContextDataProvider.TRACE_FLAGS);
    TraceFlags traceFlags =
        flags instanceof String && ((String) flags).length() == 2
            ? TraceFlags.fromHex((String) flags, 0)
            : TraceFlags.getDefault();
    SpanContext span =
        SpanContext.create((String) traceId, (String) spanId, traceFlags, TraceState.getDefault());
    return span.isValid() ? Context.root().with(Span.wrap(span)) : Context.root();
  }

  private void copyContextEntry(String key, Object value, RecordCapture capture) {
    if (key != null && !TraceContextDataProvider.isTraceKey(key) && contextFilter.test(key)) {
      capture.attribute(key, value);
    }
  }

  /**
   * Body: the MapMessage's format, else its {@code message} entry (as upstream); entries become
   * typed attributes.
   */
  private void captureMapMessage(MapMessage<?, ?> message, RecordCapture capture) {
    String body = message.getFormat();
    if ((body == null || body.isEmpty()) && message.containsKey(MESSAGE_KEY)) {
      body = message.get(MESSAGE_KEY);
    }
    if (body != null && !body.isEmpty()) {
      capture.body(body);
    }
    message.forEach(mapCopier, capture);
  }

  private void copyMapEntry(String key, Object value, RecordCapture capture) {
    if (key != null && !MESSAGE_KEY.equals(key) && mapMessageFilter.test(key)) {
      capture.attribute(key, value);
    }
  }

  private static void captureSource(StackTraceElement source, RecordCapture capture) {
    if (source == null) {
      return;
    }
    if (source.getFileName() != null) {
      capture.attribute(CODE_FILE_PATH, source.getFileName());
    }
    capture.attribute(CODE_FUNCTION_NAME, source.getClassName() + "." + source.getMethodName());
    if (source.getLineNumber() > 0) {
      capture.attribute(CODE_LINE_NUMBER, (long) source.getLineNumber());
    }
  }
}
