package dev.logbridge.spi;

import dev.logbridge.Bridge;
import java.time.Duration;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Lets any adapter switch on the stall watchdog of {@code logbridge-doctor} without depending on
 * it: the doctor is an optional artifact (it depends on core, not the other way round), so the
 * adapters find its {@link StallWatchdogProvider} through {@link ServiceLoader}. One watchdog runs
 * per bridge; each adapter that asks holds a lease, and the last lease closed stops it.
 *
 * <p>Thread-safety: stateless.
 *
 */
final class StallWatchdogs {
  /**
   * The doctor's class that owns one watchdog per bridge (behind its {@link
   * StallWatchdogProvider}; core does not load it by this name).
   */
  public static final String BRIDGE_WATCHDOG = "dev.logbridge.doctor.BridgeWatchdog";

  /** The artifact to add when {@link #isAvailable} says no. */
  public static final String ARTIFACT = "dev.logbridge:logbridge-doctor";

  private StallWatchdogs() {}

  /** Default time a thread must wait on one lock before the watchdog reports it. */
  public static final long DEFAULT_THRESHOLD_MILLIS = 2000;

  /** Default time between two samples of the watchdog. */
  public static final long DEFAULT_INTERVAL_MILLIS = 1000;

  /** The longest threshold or interval, in milliseconds: one hour. */
  public static final long MAX_MILLIS = 3_600_000;

  /**
   * Checks a watchdog timing from an adapter's configuration: {@code min} ms to one hour.
   *
   * @throws IllegalArgumentException naming {@code property} and the value
   */
  public static long checkMillis(String property, long millis, long min) {
    if (millis < min || millis > MAX_MILLIS) {
      throw new IllegalArgumentException(
          property + " must be between " + min + " and " + MAX_MILLIS + ", was " + millis);
    }
    return millis;
  }

  // An iterator that kept failing on the same entry must not spin forever.
  private static final int MAX_PROVIDER_ATTEMPTS = 8;

  /** Whether {@code loader} can see the doctor. */
  public static boolean isAvailable(ClassLoader loader) {
    return find(loader) != null;
  }

  /**
   * Takes a lease on {@code bridge}'s watchdog, starting it if this is the first lease.
   *
   * @return the lease; close it when the adapter stops
   * @throws IllegalStateException if the doctor is missing or refuses the timings (the message
   *     says which)
   */
  public static AutoCloseable acquire(
      ClassLoader loader, Bridge bridge, Duration interval, Duration threshold) {
    StallWatchdogProvider provider = find(loader);
    if (provider == null) {
      throw new IllegalStateException(
          "the stall watchdog needs "
              + ARTIFACT
              + " on the class path: no "
              + StallWatchdogProvider.class.getName()
              + " found");
    }
    try {
      return provider.acquire(bridge, interval, threshold);
    } catch (LinkageError e) {
      // A doctor that does not match this core (another version, another class loader's core).
      throw new IllegalStateException(
          "the stall watchdog needs " + ARTIFACT + " on the class path: " + e, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the stall watchdog refused to start: " + e, e);
    }
  }

  /**
   * The first provider {@code loader} sees through {@link ServiceLoader}, or null. A registered
   * provider that cannot be loaded (hidden, or built against another core) is passed over.
   */
  private static StallWatchdogProvider find(ClassLoader loader) {
    Iterator<StallWatchdogProvider> found;
    try {
      found = ServiceLoader.load(StallWatchdogProvider.class, loader).iterator();
    } catch (ServiceConfigurationError | LinkageError e) {
      return null;
    }
    for (int attempt = 0; attempt < MAX_PROVIDER_ATTEMPTS; attempt++) {
      try {
        return found.hasNext() ? found.next() : null;
      } catch (ServiceConfigurationError | LinkageError e) {
        // try the next one
      }
    }
    return null;
  }

  /** Closes a lease from {@link #acquire}, containing whatever it throws. */
  public static void release(AutoCloseable lease) {
    if (lease == null) {
      return;
    }
    try {
      lease.close();
    } catch (Exception e) {
      // Closing a lease only stops a sampling thread; nothing the caller could act on.
    }
  }
}
