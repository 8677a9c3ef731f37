package dev.logbridge.demo;

import java.util.Locale;

/**
 * Formats counts and durations for the progress line and the report.
 *
 * <p>Thread-safety: stateless.
 */
final class Numbers {
  private Numbers() {}

  /** {@code 1234567} as {@code 1,234,567}. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A nanosecond duration in the unit that reads best: ns, µs, ms or s. */
  static String nanos(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** {@code count} per second over {@code nanos}, rounded. */
  static long perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : Math.round(count * 1e9 / nanos);
  }
}
