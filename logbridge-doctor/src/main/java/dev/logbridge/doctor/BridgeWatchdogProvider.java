package dev.logbridge.doctor;

import dev.logbridge.Bridge;
import dev.logbridge.spi.StallWatchdogProvider;
import java.time.Duration;

/**
 * The doctor's {@link StallWatchdogProvider}, registered in {@code META-INF/services}: how core's
 * {@code StallWatchdogs}, and through it every adapter's {@code stallWatchdog} setting, reach
 * {@link BridgeWatchdog} without naming it. Creating one does nothing; {@link #acquire} is {@link
 * BridgeWatchdog#acquire}.
 *
 * <p>Thread-safety: stateless.
 *
 * @since 0.1
 */
public final class BridgeWatchdogProvider implements StallWatchdogProvider {
  /** For {@link java.util.ServiceLoader}. */
  public BridgeWatchdogProvider() {}

  @Override
  public AutoCloseable acquire(Bridge bridge, Duration interval, Duration threshold) {
    return BridgeWatchdog.acquire(bridge, interval, threshold);
  }
}
