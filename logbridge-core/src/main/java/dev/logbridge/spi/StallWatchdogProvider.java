package dev.logbridge.spi;

import dev.logbridge.Bridge;
import java.time.Duration;

/**
 * The stall watchdog of {@code logbridge-doctor} as core sees it: the doctor implements this and
 * registers the implementation in {@code META-INF/services}, and core finds it
 * through {@link java.util.ServiceLoader}. Core and the adapters thus never name a doctor class;
 * the doctor depends on core, not the other way round.
 *
 * <p>Implementations must have a public no-argument constructor that does nothing costly: the
 * provider is created to learn whether the doctor is there at all.
 *
 * <p>Thread-safety: implementations are thread-safe.
 *
 * @since 0.1
 */
public interface StallWatchdogProvider {
  /**
   * Takes a lease on {@code bridge}'s one watchdog, starting it if this is the first lease.
   *
   * @param interval how often to sample
   * @param threshold how long a thread must wait on one lock before it is reported
   * @return the lease; closing the last one stops the watchdog
   * @throws IllegalArgumentException if the provider refuses a timing (before anything starts)
   */
  AutoCloseable acquire(Bridge bridge, Duration interval, Duration threshold);
}
