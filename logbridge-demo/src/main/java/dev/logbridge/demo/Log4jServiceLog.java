package dev.logbridge.demo;

import java.time.OffsetDateTime;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.MapMessage;

/**
 * The service's log calls through Log4j 2, each a {@link MapMessage} whose entries are the hostile
 * values as objects: logbridge's appender turns them into attributes keeping their types, as it
 * does SLF4J key-values; the {@code message} entry is the body.
 *
 * <p>A MapMessage is never formatted when it is logged (Log4j marks it safe to format later), so
 * no {@code toString()} of an entry runs on the way to the appender.
 *
 * <p>Thread-safety: thread-safe.
 */
final class Log4jServiceLog implements ServiceLog {
  private final Logger log;

  /** Logs through {@code log}, taken from the configured Log4j context. */
  Log4jServiceLog(Logger log) {
    this.log = log;
  }

  @Override
  public void requestStarted(DemoRequest request, OffsetDateTime receivedAt) {
    log.info(
        entries("handling " + request.method() + " " + request.route() + " " + request.ref())
            .with("request", request)
            .with("received_at", receivedAt)
            .with("tags", HostileValues.TAGS));
  }

  @Override
  public void requestHandled(DemoRequest request) {
    log.info(
        withOddValues(
            entries("handled " + request.method() + " " + request.route() + " " + request.ref())
                .with("http.response.status_code", 200)));
  }

  @Override
  public void requestFailed(DemoRequest request, Throwable error) {
    log.error(
        withOddValues(entries("request failed " + request.ref()).with("request", request)), error);
  }

  private static MapMessage<?, Object> entries(String body) {
    return new MapMessage<>().with("message", body);
  }

  private static MapMessage<?, Object> withOddValues(MapMessage<?, Object> message) {
    return message
        .with("session", HostileValues.SELF_REFERENCING)
        .with("user", HostileValues.THROWING_TO_STRING);
  }
}
