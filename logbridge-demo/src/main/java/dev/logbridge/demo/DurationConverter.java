package dev.logbridge.demo;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them: {@code 20s}, {@code 500ms}, {@code 2m}, a bare
 * number of seconds, or ISO-8601 ({@code PT20S}).
 *
 * <p>Thread-safety: stateless.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
      }
      if (value.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 1000));
      }
      if (value.endsWith("m")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 60_000));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (RuntimeException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration; use for example 20s, 500ms, 2m or PT20S");
    }
  }
}
