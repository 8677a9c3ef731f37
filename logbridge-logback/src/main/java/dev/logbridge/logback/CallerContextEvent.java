package dev.logbridge.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A Logback event together with what only the thread that logged it knows: its OpenTelemetry
 * {@link Context} and its thread id. {@link LogBridgeAsyncAppender} wraps each event in one
 * before queueing it; {@link LogbackEventMapper} unwraps it on the async worker.
 *
 * <p>Every {@link ILoggingEvent} method delegates to the wrapped event, so an appender behind the
 * async appender that is not logbridge's sees the same values as without the wrapper. The
 * wrapper lives exactly as long as the queued event: an event the async appender discards takes
 * its context with it, and nothing else refers to either.
 *
 * <p>Thread-safety: immutable itself; the wrapped event is as thread-safe as Logback makes it
 * (written on the logging thread, read on the worker after Logback's queue hand-off).
 */
final class CallerContextEvent implements ILoggingEvent {
  private final ILoggingEvent event;
  private final Context callerContext;
  private final long callerThreadId;

  private CallerContextEvent(ILoggingEvent event, Context callerContext, long callerThreadId) {
    this.event = event;
    this.callerContext = callerContext;
    this.callerThreadId = callerThreadId;
  }

  /**
   * Wraps {@code event} with the current thread's context and id if this thread logged it;
   * otherwise (an event relayed from elsewhere, or already wrapped) returns it as it is, since
   * this thread's context is not the caller's.
   */
  static ILoggingEvent carry(ILoggingEvent event) {
    if (event == null || event instanceof CallerContextEvent) {
      return event;
    }
    Thread current = Thread.currentThread();
    if (!LogbackThreads.isNameOf(event.getThreadName(), current)) {
      return event;
    }
    return new CallerContextEvent(event, Context.current(), current.getId());
  }

  /** The event as Logback made it. */
  ILoggingEvent event() {
    return event;
  }

  /** The OpenTelemetry context current on the logging thread when the event was appended. */
  Context callerContext() {
    return callerContext;
  }

  /** The id of the thread that logged the event. */
  long callerThreadId() {
    return callerThreadId;
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getMessage() {
    return event.getMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return event.getArgumentArray();
  }

  @Override
  public String getFormattedMessage() {
    return event.getFormattedMessage();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return event.getThrowableProxy();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Marker getMarker() {
    return event.getMarker();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return event.getMDCPropertyMap();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return event.getMdc();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return event.getKeyValuePairs();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }

  @Override
  public String toString() {
    return event.toString();
  }
}
