package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * An Actuator health indicator ({@code logbridge}, Spring Boot 3) that is DOWN while log records
 * are being lost: when the count of lost records grew since the previous check (see {@link
 * LossWatch} for what counts). It recovers to UP at the first check with no new loss, so it
 * reports an ongoing loss, not a past one; the counts are in the details and in the metrics.
 *
 * <p>It belongs to the overall health, not to the liveness or readiness groups by default:
 * losing telemetry is no reason to restart or unroute the service. Turn it off with {@code
 * management.health.logbridge.enabled=false}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class LogBridgeHealthIndicator extends AbstractHealthIndicator {
  private final LossWatch watch;

  public LogBridgeHealthIndicator(Bridge bridge) {
    super("logbridge health check failed");
    this.watch = new LossWatch(bridge);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    LossWatch.Check check = watch.check();
    if (check.losing) {
      builder.down();
    } else {
      builder.up();
    }
    builder.withDetails(check.details);
  }
}
