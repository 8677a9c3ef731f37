package dev.logbridge.demo;

import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The service's log calls through SLF4J's fluent API (bound to Logback): the hostile values are
 * key-value pairs, which Logback hands to its appenders as they are.
 *
 * <p>Thread-safety: thread-safe.
 */
final class Slf4jServiceLog implements ServiceLog {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.LOGGER_NAME);

  @Override
  public void requestStarted(DemoRequest request, OffsetDateTime receivedAt) {
    LOG.atInfo()
        .setMessage("handling {} {} {}")
        .addArgument(request.method())
        .addArgument(request.route())
        .addArgument(request.ref())
        .addKeyValue("request", request)
        .addKeyValue("received_at", receivedAt)
        .addKeyValue("tags", HostileValues.TAGS)
        .log();
  }

  @Override
  public void requestHandled(DemoRequest request) {
    withOddValues(
            LOG.atInfo()
                .setMessage("handled {} {} {}")
                .addArgument(request.method())
                .addArgument(request.route())
                .addArgument(request.ref())
                .addKeyValue("http.response.status_code", 200))
        .log();
  }

  @Override
  public void requestFailed(DemoRequest request, Throwable error) {
    withOddValues(
            LOG.atError()
                .setMessage("request failed {}")
                .addArgument(request.ref())
                .setCause(error)
                .addKeyValue("request", request))
        .log();
  }

  private static LoggingEventBuilder withOddValues(LoggingEventBuilder event) {
    return event
        .addKeyValue("session", HostileValues.SELF_REFERENCING)
        .addKeyValue("user", HostileValues.THROWING_TO_STRING);
  }
}
