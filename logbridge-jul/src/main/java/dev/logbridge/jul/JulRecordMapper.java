package dev.logbridge.jul;

import dev.logbridge.spi.BodyFormatter;
import dev.logbridge.spi.HandOff;
import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Copies a JUL {@link LogRecord} into a {@link RecordCapture}: nanosecond instant, level, the
 * message formatted as {@link java.util.logging.Formatter#formatMessage} does, throwable, thread
 * and, when enabled, the source class and method.
 *
 * <p>Formatting runs here, inside the bridge's re-entry guard, because it calls the parameters'
 * {@code toString()}: a parameter that logs is then counted as recursion instead of recursing.
 *
 * <p>Also plays the upstream role of {@link HandOff}: the instance for {@link Forwarding#AFTER}
 * leaves a fingerprint for the downstream adapter, the one for {@link Forwarding#BEFORE} checks
 * whether the downstream adapter captured the record first.
 *
 * <p>Thread-safety: immutable; runs on logging threads.
 */
final class JulRecordMapper implements RecordTranslator<LogRecord> {
  static final String CODE_FUNCTION_NAME = "code.function.name";

  /** Where a forwarding handler (to another framework) runs relative to logbridge's handler. */
  enum Forwarding {
    NONE,
    BEFORE,
    AFTER
  }

  /** JUL's formatting, {@code Formatter.formatMessage}'s way; a bad pattern keeps it raw. */
  private static final BodyFormatter MESSAGE_FORMAT =
      (pattern, args) -> {
        try {
          return MessageFormat.format(pattern, args);
        } catch (IllegalArgumentException e) {
          return pattern;
        }
      };

  private final boolean captureCodeLocation;
  // False: no thread.name / thread.id (upstream's handlers add them only on request).
  private final boolean captureThread;
  private final Forwarding forwarding;

  JulRecordMapper(boolean captureCodeLocation, Forwarding forwarding) {
    this(captureCodeLocation, true, forwarding);
  }

  JulRecordMapper(boolean captureCodeLocation, boolean captureThread, Forwarding forwarding) {
    this.captureCodeLocation = captureCodeLocation;
    this.captureThread = captureThread;
    this.forwarding = forwarding;
  }

  @Override
  public void translate(LogRecord record, RecordCapture capture) {
    String loggerName = record.getLoggerName();
    String body = null;
    if (forwarding == Forwarding.NONE && canDeferFormatting(record, capture)) {
      // MessageFormat parses its pattern on every call: the costliest part of a JUL record.
      // With inert parameters (strings, numbers, java.time...) it runs later, on the pipeline.
      capture.deferredBody(localizedFormat(record), record.getParameters(), MESSAGE_FORMAT);
    } else {
      body = formatMessage(record);
      if (forwarding == Forwarding.BEFORE && HandOff.claimDownstream(loggerName, body)) {
        capture.forwarded();
        return;
      }
      capture.body(body);
    }
    Instant instant = record.getInstant();
    long epochNanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    capture.timestamp(epochNanos);
    Level level = record.getLevel();
    capture.severity(severity(level), level == null ? null : level.getName());
    // The observed time is left to the bridge, which reads the clock once after this call: the
    // record's own instant may be far older (LogRecord.setInstant, a replayed record).
    if (captureThread) {
      capture.thread(threadName(record.getLongThreadID()), record.getLongThreadID());
    }
    capture.exception(record.getThrown());
    if (captureCodeLocation) {
      // getSourceClassName() walks the stack when the caller did not supply it: the cost the
      // opt-in warns about.
      String type = record.getSourceClassName();
      String method = record.getSourceMethodName();
      if (type != null && method != null) {
        capture.attribute(CODE_FUNCTION_NAME, type + "." + method);
      }
    }
    if (forwarding == Forwarding.AFTER) {
      HandOff.upstreamCaptured(loggerName, body);
    } else {
      HandOff.clear();
    }
  }

  /**
   * JUL levels by numeric value onto OpenTelemetry severities. The standard levels map as the
   * OpenTelemetry Java agent maps them; a custom level takes the severity of the standard level
   * at or below it, one step up when it lies strictly between two standard levels of the same
   * range.
   *
   * <table>
   *   <caption>JUL level value → severity</caption>
   *   <tr><th>value</th><th>JUL</th><th>severity</th></tr>
   *   <tr><td>below 300</td><td>ALL, custom</td><td>TRACE (1)</td></tr>
   *   <tr><td>300</td><td>FINEST</td><td>TRACE (1)</td></tr>
   *   <tr><td>301–399</td><td>custom</td><td>TRACE2 (2)</td></tr>
   *   <tr><td>400–499</td><td>FINER</td><td>DEBUG (5)</td></tr>
   *   <tr><td>500–699</td><td>FINE</td><td>DEBUG2 (6)</td></tr>
   *   <tr><td>700–799</td><td>CONFIG</td><td>DEBUG3 (7)</td></tr>
   *   <tr><td>800</td><td>INFO</td><td>INFO (9)</td></tr>
   *   <tr><td>801–899</td><td>custom</td><td>INFO2 (10)</td></tr>
   *   <tr><td>900</td><td>WARNING</td><td>WARN (13)</td></tr>
   *   <tr><td>901–999</td><td>custom</td><td>WARN2 (14)</td></tr>
   *   <tr><td>1000</td><td>SEVERE</td><td>ERROR (17)</td></tr>
   *   <tr><td>above 1000</td><td>custom</td><td>FATAL (21)</td></tr>
   * </table>
   */
  static Severity severity(Level level) {
    if (level == null) {
      return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
    int v = level.intValue();
    if (v > 1000) {
      return Severity.FATAL;
    }
    if (v == 1000) {
      return Severity.ERROR;
    }
    if (v >= 900) {
      return v == 900 ? Severity.WARN : Severity.WARN2;
    }
    if (v >= 800) {
      return v == 800 ? Severity.INFO : Severity.INFO2;
    }
    if (v >= 700) {
      return Severity.DEBUG3;
    }
    if (v >= 500) {
      return Severity.DEBUG2;
    }
    if (v >= 400) {
      return Severity.DEBUG;
    }
    return v > 300 ? Severity.TRACE2 : Severity.TRACE;
  }

  /**
   * The message as {@link java.util.logging.Formatter#formatMessage} formats it: localized through
   * the record's resource bundle, then {@link MessageFormat} when it has parameters and a {@code
   * {digit} } placeholder. Unlike the JDK's, it contains every {@link Throwable} a parameter's
   * {@code toString()} throws (the JDK catches only {@link Exception}, so an indirectly cyclic map
   * would throw {@link StackOverflowError} into the application); on failure the unformatted
   * message is the body, as the JDK does for exceptions.
   */
  static String formatMessage(LogRecord record) {
    String format = localizedFormat(record);
    Object[] parameters = record.getParameters();
    if (format == null || parameters == null || parameters.length == 0 || !hasPlaceholder(format)) {
      return format;
    }
    try {
      return MessageFormat.format(format, parameters);
    } catch (Throwable t) {
      return format;
    }
  }

  /** The message, looked up in the record's resource bundle when it has one, as the JDK does. */
  private static String localizedFormat(LogRecord record) {
    String format = record.getMessage();
    ResourceBundle catalog = record.getResourceBundle();
    if (catalog != null && format != null) {
      try {
        format = catalog.getString(format);
      } catch (MissingResourceException | ClassCastException e) {
        // The JDK keeps the raw message, and so do we.
      }
    }
    return format;
  }

  /** Whether the message needs MessageFormat and every parameter is inert. */
  private static boolean canDeferFormatting(LogRecord record, RecordCapture capture) {
    Object[] parameters = record.getParameters();
    String message = record.getMessage();
    return parameters != null
        && parameters.length > 0
        && message != null
        && record.getResourceBundle() == null
        && hasPlaceholder(message)
        && capture.canDefer(parameters);
  }

  /** The JDK's test: a '{' followed by a digit anywhere before the last char. */
  private static boolean hasPlaceholder(String format) {
    int fence = format.length() - 1;
    for (int i = format.indexOf('{'); i >= 0 && i < fence; i = format.indexOf('{', i + 1)) {
      char digit = format.charAt(i + 1);
      if (digit >= '0' && digit <= '9') {
        return true;
      }
    }
    return false;
  }

  /**
   * JUL records carry the id of the logging thread, not its name: the name is the current
   * thread's when the handler runs on that thread (it always does for JUL's own loggers).
   */
  private static String threadName(long threadId) {
    Thread current = Thread.currentThread();
    return current.getId() == threadId ? current.getName() : null;
  }
}
