package dev.logbridge.logback;

import dev.logbridge.Bridge;
import dev.logbridge.doctor.BridgeWatchdog;
import java.time.Duration;

/**
 * The only class of this module that names {@code logbridge-doctor}, an optional dependency: the
 * appender asks {@link #isAvailable} first and calls the rest only when it says yes, so without
 * the doctor no class of it is ever resolved.
 *
 * <p>Thread-safety: stateless.
 */
final class WatchdogSupport {
  static final String BRIDGE_WATCHDOG = "dev.logbridge.doctor.BridgeWatchdog";

  private WatchdogSupport() {}

  /** Whether {@code loader} can see the doctor's {@code BridgeWatchdog}. */
  static boolean isAvailable(ClassLoader loader) {
    try {
      Class.forName(BRIDGE_WATCHDOG, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Takes a lease on {@code bridge}'s one watchdog; see {@link BridgeWatchdog#acquire}. */
  static AutoCloseable acquire(Bridge bridge, Duration interval, Duration threshold) {
    return BridgeWatchdog.acquire(bridge, interval, threshold);
  }

  /** Releases a lease from {@link #acquire}; the last one stops the watchdog. */
  static void release(AutoCloseable lease) {
    ((BridgeWatchdog.Lease) lease).close();
  }
}
