package dev.logbridge.demo;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What the simulated service does for one request: a span, some simulated work, and log calls
 * through SLF4J that carry the seed's hostile attribute values, each call timed on the worker's
 * own thread.
 *
 * <p>Every 20th request fails and logs an exception with a cause. Only the bridge under test sees
 * the records; the demo attaches no console appender.
 *
 * <p>Thread-safety: thread-safe; one instance serves every worker thread, which passes its own
 * {@link LatencyHistogram} and {@link ServiceCounters.Local}.
 */
final class RequestHandler {
  static final Logger LOG = LoggerFactory.getLogger("demo.service.orders");
  private static final String[] ROUTES = {"/orders", "/orders/{id}", "/cart", "/checkout"};
  private static final String[] METHODS = {"GET", "GET", "POST", "POST"};

  private final Tracer tracer;
  private final long workNanos;

  RequestHandler(Tracer tracer, long workNanos) {
    this.tracer = tracer;
    this.workNanos = workNanos;
  }

  /** Handles request {@code id} on the calling worker thread. */
  void handle(long id, String worker, LatencyHistogram latency, ServiceCounters.Local counters) {
    int kind = (int) (id % ROUTES.length);
    DemoRequest request = new DemoRequest(id, METHODS[kind], ROUTES[kind], worker);
    Span span = tracer.spanBuilder(request.method() + " " + request.route()).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      long before = System.nanoTime();
      LOG.atInfo()
          .setMessage("handling {} {}")
          .addArgument(request.method())
          .addArgument(request.route())
          .addKeyValue("request", request)
          .addKeyValue("received_at", HostileValues.receivedAt(System.currentTimeMillis()))
          .addKeyValue("tags", HostileValues.TAGS)
          .log();
      timed(before, latency, counters);

      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos);
      }

      before = System.nanoTime();
      LoggingEventBuilder outcome;
      if (id % 20 == 19) {
        span.setStatus(StatusCode.ERROR);
        outcome = LOG.atError()
            .setMessage("request failed")
            .setCause(new IllegalStateException("payment service answered 502 for order " + id,
                new java.io.IOException("connection reset by peer")))
            .addKeyValue("request", request);
      } else {
        outcome = LOG.atInfo()
            .setMessage("handled {} {}")
            .addArgument(request.method())
            .addArgument(request.route())
            .addKeyValue("http.response.status_code", 200);
      }
      outcome.addKeyValue("session", HostileValues.SELF_REFERENCING)
          .addKeyValue("user", HostileValues.THROWING_TO_STRING)
          .log();
      timed(before, latency, counters);
    } finally {
      span.end();
    }
    counters.requestDone();
  }

  /** Records a log call that started at {@code startNanos} and has just returned. */
  private static void timed(long startNanos, LatencyHistogram latency,
      ServiceCounters.Local counters) {
    latency.record(System.nanoTime() - startNanos);
    counters.logCall();
  }
}
