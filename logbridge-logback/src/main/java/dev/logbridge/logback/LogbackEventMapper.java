package dev.logbridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.logbridge.spi.BodyFormatter;
import dev.logbridge.spi.HandOff;
import dev.logbridge.spi.KeyFilter;
import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;

/**
 * Copies a Logback {@link ILoggingEvent} into a {@link RecordCapture}: time (nanosecond
 * precision), level, formatted message, throwable, thread, MDC, SLF4J key-value pairs, markers
 * and, when enabled, the caller's code location.
 *
 * <p>Attribute names match the upstream OpenTelemetry Logback appender, so users can switch:
 * MDC and key-value keys as they are, {@code logback.marker} (array of marker names), {@code
 * code.file.path}, {@code code.function.name}, {@code code.line.number}; a key-value or MDC entry
 * named {@code otel.event.name} becomes the event name.
 *
 * <p>Trace context and thread id: on the logging thread, the bridge's {@code Context.current()}
 * and the current thread's id. Behind a {@link LogBridgeAsyncAppender}, the event comes wrapped
 * in a {@link CallerContextEvent} holding the logging thread's context and id: the appender
 * hands that context to the bridge, and the mapper takes the id. Behind any other hand-off to
 * another thread, the context is the running thread's and the id unknown; the first such event
 * is reported once through the cross-thread listener, so that the user learns the fix.
 *
 * <p>Thread-safety: thread-safe; immutable but for the once-only report flag. Runs on logging
 * threads, or on an async appender's worker.
 */
final class LogbackEventMapper implements RecordTranslator<ILoggingEvent> {
  static final String MARKER_KEY = "logback.marker";
  static final String CODE_FILE_PATH = "code.file.path";
  static final String CODE_FUNCTION_NAME = "code.function.name";
  static final String CODE_LINE_NUMBER = "code.line.number";

  /** SLF4J's own formatting, as Logback's {@code getFormattedMessage()} applies it. */
  private static final BodyFormatter SLF4J_FORMAT =
      (pattern, args) -> MessageFormatter.arrayFormat(pattern, args).getMessage();

  private final KeyFilter mdcFilter;
  private final KeyFilter keyValueFilter;
  private final boolean captureMarkers;
  private final boolean captureCodeLocation;
  // False: no thread.name / thread.id (upstream's appender adds them only on request).
  private final boolean captureThread;
  // The appender's context, whose MDC adapter tells a read-only MDC snapshot from other maps;
  // null if the appender runs outside a LoggerContext (then every MDC map is copied).
  private final LoggerContext loggerContext;
  // Told (logging thread's name, running thread's name) about the first event that reaches this
  // mapper on another thread than the one that logged it, with no context carried; or null.
  private final BiConsumer<String, String> crossThreadListener;
  // Set by the first thread that tells the listener, so that it is told once per mapper; read
  // only on the cross-thread path, so the logging-thread path never touches it.
  private final AtomicBoolean crossThreadReported = new AtomicBoolean();

  LogbackEventMapper(
      KeyFilter mdcFilter,
      KeyFilter keyValueFilter,
      boolean captureMarkers,
      boolean captureCodeLocation,
      LoggerContext loggerContext) {
    this(mdcFilter, keyValueFilter, captureMarkers, captureCodeLocation, true, loggerContext, null);
  }

  LogbackEventMapper(
      KeyFilter mdcFilter,
      KeyFilter keyValueFilter,
      boolean captureMarkers,
      boolean captureCodeLocation,
      boolean captureThread,
      LoggerContext loggerContext,
      BiConsumer<String, String> crossThreadListener) {
    this.captureThread = captureThread;
    this.loggerContext = loggerContext;
    this.crossThreadListener = crossThreadListener;
    this.mdcFilter = mdcFilter;
    this.keyValueFilter = keyValueFilter;
    this.captureMarkers = captureMarkers;
    this.captureCodeLocation = captureCodeLocation;
  }

  @Override
  public void translate(ILoggingEvent event, RecordCapture capture) {
    CallerContextEvent carried = null;
    if (event instanceof CallerContextEvent) { // behind LogBridgeAsyncAppender, on its worker
      carried = (CallerContextEvent) event;
      event = carried.event();
    }
    // jul-to-slf4j hands Logback a message it already formatted, with no arguments. If
    // logbridge's JUL handler captured the same record first on this thread, this is its
    // forwarded copy: count it, don't export it twice (see HandOff).
    Object[] arguments = event.getArgumentArray();
    boolean preformatted = isPreformatted(arguments);
    if (preformatted && HandOff.claimUpstream(event.getLoggerName(), event.getMessage())) {
      capture.forwarded();
      return;
    }
    Instant instant = event.getInstant();
    long epochNanos =
        instant != null
            ? instant.getEpochSecond() * 1_000_000_000L + instant.getNano()
            : event.getTimeStamp() * 1_000_000L;
    capture.timestamp(epochNanos);
    Level level = event.getLevel();
    capture.severity(severity(level), level == null ? null : level.toString());
    // Inert arguments (strings, numbers, java.time...) are formatted later on the pipeline
    // thread, the way Logback would; anything else is formatted here, where its toString() may
    // run, inside the bridge's re-entry guard.
    capture.deferredBody(event.getMessage(), arguments, SLF4J_FORMAT);
    // The observed time is left to the bridge, which reads the clock once after this returns.
    // The event's own time is no stand-in for it, even on the logging thread: an event may
    // carry an older time of its own (a replayed or relayed event, setInstant / setTimeStamp).
    if (carried != null) {
      // The appender began the capture with the carried context; the thread is the caller's.
      if (captureThread) {
        capture.thread(event.getThreadName(), carried.callerThreadId());
      }
    } else {
      captureThread(event, capture);
    }
    captureThrowable(event.getThrowableProxy(), capture);
    if (mdcFilter != KeyFilter.none()) {
      captureMdc(event.getMDCPropertyMap(), capture);
    }
    if (keyValueFilter != KeyFilter.none()) {
      captureKeyValues(event.getKeyValuePairs(), capture);
    }
    if (captureMarkers) {
      captureMarkers(event.getMarkerList(), capture);
    }
    if (captureCodeLocation) {
      captureCodeLocation(event.getCallerData(), capture);
    }
    if (preformatted) {
      // Lets logbridge's JUL handler recognise this record if a forwarder ran before it.
      HandOff.downstreamCaptured(event.getLoggerName(), event.getMessage());
    }
  }

  /**
   * Only a preformatted event (no arguments: jul-to-slf4j's forwarded copies look like that)
   * takes part in the hand-off between chained adapters; any other may be dropped untranslated
   * when the queue is full.
   */
  @Override
  public boolean canDropUntranslated(ILoggingEvent event) {
    return !isPreformatted(event.getArgumentArray());
  }

  /** A message with no arguments: already formatted, as a forwarder hands it on. */
  private static boolean isPreformatted(Object[] arguments) {
    return arguments == null || arguments.length == 0;
  }

  /** Logback's five levels map onto the first value of each OpenTelemetry severity range. */
  static Severity severity(Level level) {
    if (level == null) {
      return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
    switch (level.toInt()) {
      case Level.TRACE_INT:
        return Severity.TRACE;
      case Level.DEBUG_INT:
        return Severity.DEBUG;
      case Level.INFO_INT:
        return Severity.INFO;
      case Level.WARN_INT:
        return Severity.WARN;
      case Level.ERROR_INT:
        return Severity.ERROR;
      default:
        return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
  }

  /** Captures the thread of an event that carries no context of its caller. */
  private void captureThread(ILoggingEvent event, RecordCapture capture) {
    String name = event.getThreadName();
    Thread current = Thread.currentThread();
    // Logback records the thread name only. The id is the current thread's when the event is
    // still on the thread that logged it; behind an AsyncAppender it is unknown.
    if (LogbackThreads.isNameOf(name, current)) {
      if (captureThread) {
        capture.thread(name, current.getId());
      }
    } else {
      if (captureThread) {
        capture.thread(name, -1);
      }
      // Reported whatever the option: it is about the trace context, not the thread attributes.
      reportCrossThread(name, current.getName());
    }
  }

  private void reportCrossThread(String loggingThread, String runningThread) {
    if (crossThreadListener != null
        && !crossThreadReported.get()
        && crossThreadReported.compareAndSet(false, true)) {
      crossThreadListener.accept(loggingThread, runningThread);
    }
  }

  private void captureMdc(Map<String, String> mdc, RecordCapture capture) {
    if (mdc == null || mdc.isEmpty()) {
      return;
    }
    if (isReadOnlySnapshot(mdc)) {
      // The pipeline thread copies it: the caller keeps one reference instead of walking,
      // filtering and storing every entry (at two logging threads that walk was a fifth of
      // the call).
      capture.attributesFromSnapshot(mdc, mdcFilter);
    } else {
      capture.attributes(mdc, mdcFilter);
    }
  }

  /**
   * Whether {@code mdc} is the read-only snapshot that Logback's own MDC adapter hands out on
   * this thread right now: Logback 1.5's {@code LogbackMDCAdapter} keeps, per thread, an
   * unmodifiable copy of the MDC that no code can reach to change and makes a new one after the
   * next change, so a record may hold it by reference. Anything else — another adapter (whose
   * map is a copy the event owns), a map set with {@code setMDCPropertyMap}, an event that has
   * crossed to another thread (an {@code AsyncAppender}'s worker sees its own thread's
   * snapshot, not the event's) — is copied at capture.
   */
  private boolean isReadOnlySnapshot(Map<String, String> mdc) {
    if (loggerContext == null) {
      return false;
    }
    Object adapter = loggerContext.getMDCAdapter(); // may be replaced at run time: read per call
    return adapter != null
        && adapter.getClass() == LogbackMDCAdapter.class
        && ((LogbackMDCAdapter) adapter).getPropertyMap() == mdc;
  }

  private static void captureThrowable(IThrowableProxy proxy, RecordCapture capture) {
    if (proxy == null) {
      return;
    }
    if (proxy instanceof ThrowableProxy) {
      capture.exception(((ThrowableProxy) proxy).getThrowable());
    } else {
      // A deserialised or copied event keeps only the proxy.
      capture.exception(
          proxy.getClassName(), proxy.getMessage(), ThrowableProxyUtil.asString(proxy));
    }
  }

  private void captureKeyValues(List<KeyValuePair> pairs, RecordCapture capture) {
    if (pairs == null || pairs.isEmpty()) {
      return;
    }
    for (KeyValuePair pair : pairs) {
      if (pair != null && pair.key != null && keyValueFilter.test(pair.key)) {
        capture.attribute(pair.key, pair.value);
      }
    }
  }

  private static void captureMarkers(List<Marker> markers, RecordCapture capture) {
    if (markers == null || markers.isEmpty()) {
      return;
    }
    // The names of the markers given to the log call, as upstream does; references are not
    // followed (they can form cycles and are rarely what a query wants).
    List<String> names = new ArrayList<>(markers.size());
    for (Marker marker : markers) {
      if (marker != null) {
        names.add(marker.getName());
      }
    }
    capture.attribute(MARKER_KEY, names);
  }

  private static void captureCodeLocation(StackTraceElement[] callerData, RecordCapture capture) {
    if (callerData == null || callerData.length == 0) {
      return;
    }
    StackTraceElement caller = callerData[0];
    if (caller.getFileName() != null) {
      capture.attribute(CODE_FILE_PATH, caller.getFileName());
    }
    capture.attribute(CODE_FUNCTION_NAME, caller.getClassName() + "." + caller.getMethodName());
    if (caller.getLineNumber() > 0) {
      capture.attribute(CODE_LINE_NUMBER, (long) caller.getLineNumber());
    }
  }
}
