package dev.logbridge.spi;

import dev.logbridge.Bridge;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Lets any adapter switch on the stall watchdog of {@code logbridge-doctor} without depending on
 * it: the doctor is an optional artifact (it depends on core, not the other way round), so the
 * adapters reach its {@code BridgeWatchdog.acquire} by name. One watchdog runs per bridge; each
 * adapter that asks holds a lease, and the last lease closed stops it.
 *
 * <p>Thread-safety: stateless.
 *
 * @since 0.1
 */
public final class StallWatchdogs {
  /** The doctor's class that owns one watchdog per bridge. */
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

  /** Whether {@code loader} can see the doctor. */
  public static boolean isAvailable(ClassLoader loader) {
    try {
      Class.forName(BRIDGE_WATCHDOG, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
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
    try {
      Method acquire = Class.forName(BRIDGE_WATCHDOG, true, loader)
          .getMethod("acquire", Bridge.class, Duration.class, Duration.class);
      return (AutoCloseable) acquire.invoke(null, bridge, interval, threshold);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the stall watchdog refused to start: " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new IllegalStateException(
          "the stall watchdog needs " + ARTIFACT + " on the class path: " + e, e);
    }
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
