package dev.logbridge.demo;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
      long start = System.nanoTime();
      LOG.atInfo()
          .setMessage("handling {} {}")
          .addArgument(request.method())
          .addArgument(request.route())
          .addKeyValue("request", request)
          .addKeyValue("received_at", HostileValues.receivedAt(System.currentTimeMillis()))
          .addKeyValue("tags", HostileValues.TAGS)
          .log();
      long afterFirst = System.nanoTime();
      latency.record(afterFirst - start);
      counters.logCall();

      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos);
      }

      if (id % 20 == 19) {
        IllegalStateException failure = new IllegalStateException(
            "payment service answered 502 for order " + id,
            new java.io.IOException("connection reset by peer"));
        span.setStatus(StatusCode.ERROR);
        long before = System.nanoTime();
        LOG.atError()
            .setMessage("request failed")
            .setCause(failure)
            .addKeyValue("request", request)
            .addKeyValue("session", HostileValues.SELF_REFERENCING)
            .addKeyValue("user", HostileValues.THROWING_TO_STRING)
            .log();
        latency.record(System.nanoTime() - before);
        counters.logCall();
      } else {
        long before = System.nanoTime();
        LOG.atInfo()
            .setMessage("handled {} {}")
            .addArgument(request.method())
            .addArgument(request.route())
            .addKeyValue("http.response.status_code", 200)
            .addKeyValue("session", HostileValues.SELF_REFERENCING)
            .addKeyValue("user", HostileValues.THROWING_TO_STRING)
            .log();
        latency.record(System.nanoTime() - before);
        counters.logCall();
      }
    } finally {
      span.end();
    }
    counters.requestDone();
  }
}
