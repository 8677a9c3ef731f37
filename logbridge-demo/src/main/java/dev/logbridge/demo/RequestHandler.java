package dev.logbridge.demo;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.locks.LockSupport;

/**
 * What the simulated service does for one request: a span, some simulated work, and log calls
 * through the chosen framework's {@link ServiceLog} that carry the seed's hostile attribute
 * values, each call timed on the worker's own thread.
 *
 * <p>Every 20th request fails and logs an exception with a cause. Only the bridge under test sees
 * the records; the demo attaches no console appender.
 *
 * <p>Thread-safety: thread-safe; one instance serves every worker thread, which passes its own
 * {@link LatencyHistogram} and {@link ServiceCounters.Local}.
 */
final class RequestHandler {
  /** The service's logger name, the same in every framework. */
  static final String LOGGER_NAME = "demo.service.orders";

  private static final String[] ROUTES = {"/orders", "/orders/{id}", "/cart", "/checkout"};
  private static final String[] METHODS = {"GET", "GET", "POST", "POST"};

  private final Tracer tracer;
  private final ServiceLog log;
  private final long workNanos;

  RequestHandler(Tracer tracer, ServiceLog log, long workNanos) {
    this.tracer = tracer;
    this.log = log;
    this.workNanos = workNanos;
  }

  /** Handles request {@code id} on the calling worker thread. */
  void handle(long id, String worker, LatencyHistogram latency, ServiceCounters.Local counters) {
    int kind = (int) (id % ROUTES.length);
    DemoRequest request = new DemoRequest(id, METHODS[kind], ROUTES[kind], worker);
    Span span = tracer.spanBuilder(request.method() + " " + request.route()).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      long before = System.nanoTime();
      log.requestStarted(request, HostileValues.receivedAt(System.currentTimeMillis()));
      timed(before, latency, counters);

      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos);
      }

      if (id % 20 == 19) {
        span.setStatus(StatusCode.ERROR);
        Throwable error =
            new IllegalStateException(
                "payment service answered 502 for order " + id,
                new java.io.IOException("connection reset by peer"));
        before = System.nanoTime();
        log.requestFailed(request, error);
      } else {
        before = System.nanoTime();
        log.requestHandled(request);
      }
      timed(before, latency, counters);
    } finally {
      span.end();
    }
    counters.requestDone();
  }

  /** Records a log call that started at {@code startNanos} and has just returned. */
  private static void timed(
      long startNanos, LatencyHistogram latency, ServiceCounters.Local counters) {
    latency.record(System.nanoTime() - startNanos);
    counters.logCall();
  }
}
