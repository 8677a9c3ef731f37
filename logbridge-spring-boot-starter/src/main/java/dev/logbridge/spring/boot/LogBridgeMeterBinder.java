package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeStats;
import dev.logbridge.CutKind;
import dev.logbridge.DropReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Publishes logbridge's accounting as Micrometer meters, under the names logbridge gives the
 * same counters as OpenTelemetry metrics: {@code logbridge.records.accepted}, {@code
 * .emitted}, {@code .dropped} (tag {@code reason}), {@code .cut} (tag {@code kind}), {@code
 * logbridge.queue.size} and {@code logbridge.queue.capacity}.
 *
 * <p>Each meter reads a fresh {@link Bridge#stats()} snapshot when it is scraped, so no
 * state is kept here.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class LogBridgeMeterBinder implements MeterBinder {
  private final Bridge bridge;

  public LogBridgeMeterBinder(Bridge bridge) {
    this.bridge = bridge;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(
            registry,
            "logbridge.records.accepted",
            "Log records logbridge took responsibility for",
            BridgeStats::accepted)
        .register(registry);
    counter(
            registry,
            "logbridge.records.emitted",
            "Log records handed to OpenTelemetry",
            BridgeStats::emitted)
        .register(registry);
    counter(
            registry,
            "logbridge.records.handed_to_agent",
            "Log records left to the OpenTelemetry Java agent's own bridge, which exports them",
            BridgeStats::handedToAgent)
        .register(registry);
    for (DropReason reason : DropReason.values()) {
      counter(
              registry,
              "logbridge.records.dropped",
              "Log records dropped or blocked, by reason",
              stats -> stats.dropped(reason))
          .tag("reason", reason.metricName())
          .register(registry);
    }
    for (CutKind kind : CutKind.values()) {
      counter(
              registry,
              "logbridge.records.cut",
              "Values shortened or replaced by a limit, by kind",
              stats -> stats.cuts(kind))
          .tag("kind", kind.metricName())
          .register(registry);
    }
    Gauge.builder("logbridge.queue.size", bridge, Bridge::queueSize)
        .description("Records waiting in logbridge's queue")
        .register(registry);
    Gauge.builder("logbridge.queue.capacity", bridge, Bridge::queueCapacity)
        .description("Capacity of logbridge's queue")
        .register(registry);
  }

  private FunctionCounter.Builder<Bridge> counter(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<BridgeStats> value) {
    return FunctionCounter.builder(name, bridge, b -> value.applyAsDouble(b.stats()))
        .description(description);
  }
}
