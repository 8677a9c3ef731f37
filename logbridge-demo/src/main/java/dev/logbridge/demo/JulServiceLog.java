package dev.logbridge.demo;

import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The service's log calls through {@code java.util.logging}. JUL has no key-values, so the
 * hostile values are message parameters that {@link java.text.MessageFormat} renders into the
 * body: their {@code toString()} runs there, which logbridge does inside its re-entry guard (the
 * JDK's own handlers would do it under their lock).
 *
 * <p>Thread-safety: thread-safe.
 */
final class JulServiceLog implements ServiceLog {
  // Held strongly: JUL keeps loggers weakly, and a collected logger loses its configuration.
  private static final Logger LOG = Logger.getLogger(RequestHandler.LOGGER_NAME);

  @Override
  public void requestStarted(DemoRequest request, OffsetDateTime receivedAt) {
    LOG.log(
        Level.INFO,
        "handling {0} {1} " + request.ref() + " request={2} received_at={3}" + " tags={4}",
        new Object[] {request.method(), request.route(), request, receivedAt, HostileValues.TAGS});
  }

  @Override
  public void requestHandled(DemoRequest request) {
    // The request's reference is in the pattern, not a parameter: JUL keeps the pattern raw
    // when a parameter's toString() throws (user={4} does), and the report matches by it.
    LOG.log(
        Level.INFO,
        "handled {0} {1} " + request.ref() + " status={2} session={3} user={4}",
        new Object[] {
          request.method(),
          request.route(),
          200,
          HostileValues.SELF_REFERENCING,
          HostileValues.THROWING_TO_STRING
        });
  }

  @Override
  public void requestFailed(DemoRequest request, Throwable error) {
    // Logger has no method taking both parameters and a throwable: one record, logged once.
    if (!LOG.isLoggable(Level.SEVERE)) {
      return;
    }
    LogRecord record =
        new LogRecord(
            Level.SEVERE, "request failed " + request.ref() + " request={0} session={1} user={2}");
    record.setLoggerName(LOG.getName());
    record.setParameters(
        new Object[] {request, HostileValues.SELF_REFERENCING, HostileValues.THROWING_TO_STRING});
    record.setThrown(error);
    LOG.log(record);
  }
}
