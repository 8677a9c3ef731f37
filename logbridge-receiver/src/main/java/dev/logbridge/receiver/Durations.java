package dev.logbridge.receiver;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Parses the short durations of the command line: {@code 250ms}, {@code 2s}, {@code 1.5s},
 * {@code 1m}, a plain number of milliseconds, or ISO-8601 ({@code PT2S}).
 *
 * <p>Stateless and thread-safe.
 */
final class Durations {
  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a non-negative duration
   */
  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration result;
    try {
      if (t.startsWith("pt")) {
        result = Duration.parse(t);
      } else if (t.endsWith("ms")) {
        result = Duration.ofNanos(nanos(t.substring(0, t.length() - 2), 1_000_000L));
      } else if (t.endsWith("s")) {
        result = Duration.ofNanos(nanos(t.substring(0, t.length() - 1), 1_000_000_000L));
      } else if (t.endsWith("m")) {
        result = Duration.ofNanos(nanos(t.substring(0, t.length() - 1), 60_000_000_000L));
      } else {
        result = Duration.ofNanos(nanos(t, 1_000_000L));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration (try 250ms, 2s, 1m): " + text, e);
    }
    if (result.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + text);
    }
    return result;
  }

  private static long nanos(String number, long unitNanos) {
    return new BigDecimal(number.trim()).multiply(BigDecimal.valueOf(unitNanos)).longValueExact();
  }
}
