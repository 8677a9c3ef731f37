package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.logbridge.Bridge;
import dev.logbridge.LogBridge;
import dev.logbridge.spi.BodyFormatter;
import dev.logbridge.spi.KeyFilter;
import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import java.util.Map;
import org.openjdk.jmh.annotations.CompilerControl;
import org.slf4j.helpers.MessageFormatter;

/**
 * An experiment, not a product: can a Logback appender keep Logback's event off the heap?
 *
 * <p>With logbridge's appender the JIT compiles Logback's {@code callAppenders} with the whole
 * capture inlined, the result outgrows the inlining budget, the call is not inlined into {@code
 * Logger.info}, and the event escapes (144 B per call instead of the no-op floor's 48 B). These
 * appenders test the design BENCHMARKS.md names for it: a thin {@code append} that reads the
 * event's fields and passes only those values across a call the JIT does not inline ({@link
 * CompilerControl}, which only JMH honours — production code has no portable way to say it).
 *
 * <ul>
 *   <li>{@code escape-thin}: passes the values to a sink — the floor of the idea;
 *   <li>{@code logbridge-thin}: passes them to logbridge's real capture (a per-thread holder as
 *       the translator's event), for Logback's common fields: time, level, deferred body,
 *       thread, MDC (no key-values, markers, exceptions or code location).
 * </ul>
 */
final class ThinAppenders {
  private ThinAppenders() {}

  /** Passes the event's values, never the event, to an out-of-line sink. */
  static final class EscapeThinAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final EscapeSink sink = new EscapeSink();

    @Override
    protected void append(ILoggingEvent event) {
      take(
          sink,
          event.getLoggerName(),
          event.getMessage(),
          event.getArgumentArray(),
          event.getTimeStamp(),
          event.getLevel(),
          event.getThreadName(),
          event.getMDCPropertyMap());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static void take(
        EscapeSink sink,
        String logger,
        String message,
        Object[] args,
        long timestamp,
        Level level,
        String thread,
        Map<String, String> mdc) {
      sink.keep(args);
      sink.keep(mdc);
      if (timestamp == 42 && level == null && logger == thread) {
        sink.keep(message); // never true: keeps the values alive without storing them all
      }
    }
  }

  /** The values of one Logback event, held per thread so that passing them allocates nothing. */
  static final class LogbackValues {
    String loggerName;
    String message;
    Object[] args;
    long epochMillis;
    Level level;
    String threadName;
    Map<String, String> mdc;
  }

  /** Passes the event's values to logbridge's capture across a call the JIT does not inline. */
  static final class LogbridgeThinAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final ThreadLocal<LogbackValues> VALUES =
        ThreadLocal.withInitial(LogbackValues::new);
    private static final BodyFormatter SLF4J_FORMAT =
        (pattern, args) -> MessageFormatter.arrayFormat(pattern, args).getMessage();

    private final KeyFilter mdcFilter;
    private final RecordTranslator<LogbackValues> translator = this::translate;
    private Bridge bridge;

    LogbridgeThinAppender(boolean captureMdc) {
      this.mdcFilter = captureMdc ? KeyFilter.all() : KeyFilter.none();
    }

    @Override
    public void start() {
      bridge = LogBridge.global();
      super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
      capture(
          event.getLoggerName(),
          event.getMessage(),
          event.getArgumentArray(),
          event.getTimeStamp(),
          event.getLevel(),
          event.getThreadName(),
          mdcFilter == KeyFilter.none() ? null : event.getMDCPropertyMap());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private void capture(
        String logger,
        String message,
        Object[] args,
        long epochMillis,
        Level level,
        String thread,
        Map<String, String> mdc) {
      LogbackValues values = VALUES.get();
      values.loggerName = logger;
      values.message = message;
      values.args = args;
      values.epochMillis = epochMillis;
      values.level = level;
      values.threadName = thread;
      values.mdc = mdc;
      bridge.capture(logger, values, translator);
      values.args = null;
      values.mdc = null;
    }

    private void translate(LogbackValues values, RecordCapture capture) {
      long epochNanos = values.epochMillis * 1_000_000L;
      capture.timestamp(epochNanos).observedAt(epochNanos);
      capture.severity(
          values.level == Level.INFO ? Severity.INFO : Severity.WARN,
          values.level == null ? null : values.level.toString());
      capture.deferredBody(values.message, values.args, SLF4J_FORMAT);
      capture.thread(values.threadName, Thread.currentThread().getId());
      if (values.mdc != null) {
        capture.attributesFromSnapshot(values.mdc, mdcFilter);
      }
    }
  }
}
