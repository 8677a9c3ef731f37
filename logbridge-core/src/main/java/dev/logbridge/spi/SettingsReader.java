package dev.logbridge.spi;

import dev.logbridge.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an adapter's configuration leniently: a value that is absent or blank yields the default
 * silently; a value that is present but invalid yields the default and is recorded as a {@link
 * SettingProblem} naming the key, the value, the reason and the default. Every adapter reads its
 * own keys and the bridge's ({@link dev.logbridge.BridgeSettings#read}) through one reader, then
 * {@link AdapterSupport#configure(String, SettingsReader)} reports {@link #problems()} once: a
 * bad value never stops an adapter from bridging.
 *
 * <p>Thread-safety: the readers of {@link #of} and {@link #ofValues} are not thread-safe; use
 * one from the thread that configures the adapter.
 *
 * @since 0.1
 */
public interface SettingsReader {
  /**
   * Turns a raw value into a typed one.
   *
   * @param <T> the type
   */
  @FunctionalInterface
  interface Parser<T> {
    /**
     * Parses {@code raw} (trimmed, never blank).
     *
     * @throws IllegalArgumentException whose message says why the value is refused, without
     *     repeating the key or the value (the problem names them)
     */
    T parse(String raw);
  }

  /** A reader over string properties; {@code lookup} returns null for a key that is not set. */
  static SettingsReader of(Function<String, String> lookup) {
    return new LenientSettingsReader(lookup);
  }

  /**
   * A reader over the typed values an appender's configuration setters hold, by key; each is read
   * through its {@code toString()}, and a null or absent value is not set.
   */
  static SettingsReader ofValues(Map<String, ?> values) {
    return LenientSettingsReader.ofValues(values);
  }

  /** The trimmed value of {@code key}, or null when it is absent or blank. */
  String raw(String key);

  /** Whether {@code key} holds a value (valid or not). */
  boolean isSet(String key);

  /**
   * The value of {@code key} parsed by {@code parser}; {@code defaultValue} when it is absent, or
   * when it is invalid (recorded as a problem, {@code defaultText} naming the default).
   */
  <T> T value(String key, T defaultValue, String defaultText, Parser<T> parser);

  /** {@code true} or {@code false}, in any case; else {@code defaultValue}. */
  boolean bool(String key, boolean defaultValue);

  /** An integer from {@code min} to {@code max}; else {@code defaultValue}. */
  int intValue(String key, int defaultValue, int min, int max);

  /** An integer from {@code min} to {@code max}; else {@code defaultValue}. */
  long longValue(String key, long defaultValue, long min, long max);

  /**
   * Comma-separated, trimmed, non-blank items; else {@code defaultValue} ({@code defaultText}
   * naming it).
   */
  List<String> list(String key, List<String> defaultValue, String defaultText);

  /**
   * A key filter from comma-separated include and exclude globs; each list that is invalid keeps
   * its default on its own (include: {@code *}, exclude: none).
   */
  KeyFilter keyFilter(String includeKey, String excludeKey);

  /** Records a problem found outside the typed readers (a value the framework could not use). */
  void problem(String key, String value, String reason, String defaultText);

  /** The problems found so far, in reading order. */
  List<SettingProblem> problems();

  /** A parser of integers from {@code min} to {@code max}. */
  static Parser<Long> longs(long min, long max) {
    return raw -> {
      long value;
      try {
        value = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be an integer from " + min + " to " + max);
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be an integer from " + min + " to " + max);
      }
      return value;
    };
  }

  /** Parses {@code true} or {@code false}, in any case. */
  static boolean parseBoolean(String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("must be true or false");
    }
  }

  /** Parses a comma-separated list of trimmed, non-blank items. */
  static List<String> parseList(String raw) {
    List<String> items = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String item = part.trim();
      if (item.isEmpty()) {
        throw new IllegalArgumentException("an item of the comma-separated list is blank");
      }
      items.add(item);
    }
    return List.copyOf(items);
  }
}
