package dev.logbridge.spi;

/**
 * Test support: the stall watchdog's documented defaults and bound ({@code StallWatchdogs}, a
 * package-private class of logbridge-core), from the same package name on the test class path.
 */
public final class StallWatchdogDefaults {
  private StallWatchdogDefaults() {}

  public static final long DEFAULT_THRESHOLD_MILLIS = StallWatchdogs.DEFAULT_THRESHOLD_MILLIS;
  public static final long DEFAULT_INTERVAL_MILLIS = StallWatchdogs.DEFAULT_INTERVAL_MILLIS;
  public static final long MAX_MILLIS = StallWatchdogs.MAX_MILLIS;
}
