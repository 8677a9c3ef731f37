package dev.logbridge;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Publishes the bridge's counters as OpenTelemetry metrics (observable instruments read at
 * collection time, so the hot path pays nothing):
 *
 * <ul>
 *   <li>{@code logbridge.records.accepted}, {@code logbridge.records.emitted} and {@code
 *       logbridge.records.handed_to_agent} (counters)
 *   <li>{@code logbridge.records.dropped} with attribute {@code reason} (counter)
 *   <li>{@code logbridge.records.cut} with attribute {@code kind} (counter)
 *   <li>{@code logbridge.queue.size} (gauge) and {@code logbridge.queue.capacity} (gauge)
 * </ul>
 *
 * <p>Thread-safety: registration and close happen on the pipeline thread; callbacks run on the
 * SDK's metric reader thread and only read thread-safe counters.
 */
final class BridgeMetrics implements AutoCloseable {
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
  private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");

  private final List<AutoCloseable> instruments = new ArrayList<>();

  BridgeMetrics(
      OpenTelemetry openTelemetry,
      Accounting accounting,
      IntSupplier queueSize,
      int queueCapacity) {
    Meter meter = openTelemetry.getMeterProvider().get("dev.logbridge");
    instruments.add(
        meter
            .counterBuilder("logbridge.records.accepted")
            .setDescription("Log records logbridge took responsibility for")
            .buildWithCallback(m -> m.record(accounting.acceptedSoFar())));
    instruments.add(
        meter
            .counterBuilder("logbridge.records.emitted")
            .setDescription("Log records handed to OpenTelemetry")
            .buildWithCallback(m -> m.record(accounting.emittedSoFar())));
    instruments.add(
        meter
            .counterBuilder("logbridge.records.handed_to_agent")
            .setDescription(
                "Log records left to the OpenTelemetry Java agent's own bridge, which "
                    + "exports them")
            .buildWithCallback(m -> m.record(accounting.handedToAgentSoFar())));
    instruments.add(
        meter
            .counterBuilder("logbridge.records.dropped")
            .setDescription("Log records dropped or blocked, by reason")
            .buildWithCallback(
                m -> {
                  for (DropReason reason : DropReason.values()) {
                    m.record(
                        accounting.droppedSoFar(reason),
                        Attributes.of(REASON, reason.metricName()));
                  }
                }));
    instruments.add(
        meter
            .counterBuilder("logbridge.records.cut")
            .setDescription("Values shortened or replaced by a limit, by kind")
            .buildWithCallback(
                m -> {
                  for (CutKind kind : CutKind.values()) {
                    m.record(accounting.cutsSoFar(kind), Attributes.of(KIND, kind.metricName()));
                  }
                }));
    instruments.add(
        meter
            .gaugeBuilder("logbridge.queue.size")
            .ofLongs()
            .setDescription("Records waiting in logbridge's queue")
            .buildWithCallback(m -> m.record(queueSize.getAsInt())));
    instruments.add(
        meter
            .gaugeBuilder("logbridge.queue.capacity")
            .ofLongs()
            .setDescription("Capacity of logbridge's queue")
            .buildWithCallback(m -> m.record(queueCapacity)));
  }

  @Override
  public void close() {
    for (AutoCloseable instrument : instruments) {
      try {
        instrument.close();
      } catch (Exception ignored) {
        // Closing an instrument only unregisters a callback; nothing to report.
      }
    }
    instruments.clear();
  }
}
