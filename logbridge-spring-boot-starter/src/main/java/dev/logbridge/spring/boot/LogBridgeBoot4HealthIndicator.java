package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code logbridge} health indicator for Spring Boot 4, whose health API moved to {@code
 * org.springframework.boot.health}; it reports exactly what {@link LogBridgeHealthIndicator}
 * does on Spring Boot 3: DOWN while records are being lost (see {@link LossWatch}).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class LogBridgeBoot4HealthIndicator extends AbstractHealthIndicator {
  private final LossWatch watch;

  public LogBridgeBoot4HealthIndicator(Bridge bridge) {
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
