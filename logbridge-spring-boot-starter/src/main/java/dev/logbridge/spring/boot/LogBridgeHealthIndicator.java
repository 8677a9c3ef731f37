package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * An Actuator health indicator ({@code logbridge}) that is DOWN while log records are being
 * lost: when the count of lost records grew since the previous check.
 *
 * <p>Lost means accepted and then dropped (queue full, shutdown, overflow before an
 * OpenTelemetry instance, emit error, SDK shut down), plus records that logged during
 * logbridge's own capture ({@code recursion}) or could not be captured ({@code
 * capture_error}). Records refused on purpose ({@code self_origin}, {@code forwarded}) are not
 * losses. The indicator recovers to UP at the first check with no new loss, so it reports an
 * ongoing loss, not a past one; the counts are in the details and in the metrics.
 *
 * <p>It belongs to the overall health, not to the liveness or readiness groups by default:
 * losing telemetry is no reason to restart or unroute the service. Turn it off with {@code
 * management.health.logbridge.enabled=false}.
 *
 * <p>Thread-safety: thread-safe; concurrent checks each see a consistent before/after pair.
 */
public final class LogBridgeHealthIndicator extends AbstractHealthIndicator {
  private final Bridge bridge;
  // Written and read by health checks (any thread): the loss count at the previous check.
  private final AtomicLong lostAtLastCheck;

  public LogBridgeHealthIndicator(Bridge bridge) {
    super("logbridge health check failed");
    this.bridge = bridge;
    this.lostAtLastCheck = new AtomicLong(lost(bridge.stats()));
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    BridgeStats stats = bridge.stats();
    long lost = lost(stats);
    long previous = lostAtLastCheck.getAndSet(lost);
    if (lost > previous) {
      builder.down().withDetail("lostSinceLastCheck", lost - previous);
    } else {
      builder.up();
    }
    builder.withDetail("installed", bridge.isInstalled())
        .withDetail("accepted", stats.accepted())
        .withDetail("emitted", stats.emitted())
        .withDetail("pending", stats.pending())
        .withDetail("lost", lost);
    stats.droppedByReason().forEach((reason, count) -> {
      if (count > 0) {
        builder.withDetail("dropped." + reason.metricName(), count);
      }
    });
  }

  static long lost(BridgeStats stats) {
    return stats.droppedAfterAcceptance()
        + stats.dropped(DropReason.RECURSION)
        + stats.dropped(DropReason.CAPTURE_ERROR);
  }
}
