package dev.logbridge.spi;

import dev.logbridge.Bridge;
import dev.logbridge.SettingProblem;
import dev.logbridge.StatusListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads an adapter's configuration leniently: a value that is absent or blank yields the default
 * silently; a value that is present but invalid yields the default and is recorded as a {@link
 * SettingProblem} naming the key, the value, the reason and the default. Every adapter reads its
 * own keys and the bridge's ({@link dev.logbridge.BridgeSettings#read}) through one reader, then
 * reports {@link #problems()} once: a bad value never stops an adapter from bridging.
 *
 * <p>Thread-safety: not thread-safe; use from the thread that configures the adapter.
 *
 * @since 0.1
 */
public final class SettingsReader {
  /**
   * Turns a raw value into a typed one.
   *
   * @param <T> the type
   */
  @FunctionalInterface
  public interface Parser<T> {
    /**
     * Parses {@code raw} (trimmed, never blank).
     *
     * @throws IllegalArgumentException whose message says why the value is refused, without
     *     repeating the key or the value (the problem names them)
     */
    T parse(String raw);
  }

  private final Function<String, String> lookup;
  private final List<SettingProblem> problems = new ArrayList<>();

  /** A reader over string properties; {@code lookup} returns null for a key that is not set. */
  public SettingsReader(Function<String, String> lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * A reader over the typed values an appender's configuration setters hold, by key; each is read
   * through its {@code toString()}, and a null or absent value is not set.
   */
  public static SettingsReader ofValues(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    return new SettingsReader(
        key -> {
          Object value = values.get(key);
          return value == null ? null : value.toString();
        });
  }

  /** The trimmed value of {@code key}, or null when it is absent or blank. */
  public String raw(String key) {
    String value = lookup.apply(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Whether {@code key} holds a value (valid or not). */
  public boolean isSet(String key) {
    return raw(key) != null;
  }

  /**
   * The value of {@code key} parsed by {@code parser}; {@code defaultValue} when it is absent, or
   * when it is invalid (recorded as a problem, {@code defaultText} naming the default).
   */
  public <T> T value(String key, T defaultValue, String defaultText, Parser<T> parser) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      return parser.parse(raw);
    } catch (RuntimeException e) {
      // Parsers report by IllegalArgumentException; anything else (a user class that throws in
      // its constructor, say) falls back all the same.
      String reason =
          e instanceof IllegalArgumentException && e.getMessage() != null
              ? e.getMessage()
              : e.toString();
      problem(key, raw, reason, defaultText);
      return defaultValue;
    }
  }

  /** {@code true} or {@code false}, in any case; else {@code defaultValue}. */
  public boolean bool(String key, boolean defaultValue) {
    return value(key, defaultValue, String.valueOf(defaultValue), SettingsReader::parseBoolean);
  }

  /** An integer from {@code min} to {@code max}; else {@code defaultValue}. */
  public int intValue(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  /** An integer from {@code min} to {@code max}; else {@code defaultValue}. */
  public long longValue(String key, long defaultValue, long min, long max) {
    return value(key, defaultValue, String.valueOf(defaultValue), longs(min, max));
  }

  /**
   * Comma-separated, trimmed, non-blank items; else {@code defaultValue} ({@code defaultText}
   * naming it).
   */
  public List<String> list(String key, List<String> defaultValue, String defaultText) {
    return value(key, defaultValue, defaultText, SettingsReader::parseList);
  }

  /**
   * A key filter from comma-separated include and exclude globs; each list that is invalid keeps
   * its default on its own (include: {@code *}, exclude: none).
   */
  public KeyFilter keyFilter(String includeKey, String excludeKey) {
    List<String> includes = list(includeKey, List.of("*"), "*");
    List<String> excludes = list(excludeKey, List.of(), "none");
    return KeyFilter.of(includes, excludes);
  }

  /** Records a problem found outside the typed readers (a value the framework could not use). */
  public void problem(String key, String value, String reason, String defaultText) {
    problems.add(new SettingProblem(key, value, reason, defaultText));
  }

  /** The problems found so far, in reading order. */
  public List<SettingProblem> problems() {
    return Collections.unmodifiableList(new ArrayList<>(problems));
  }

  /**
   * Reports each problem on {@code bridge}'s status channel as an error, prefixed by {@code
   * source} (which adapter, which appender). Adapters call it once per configuration, beside the
   * report to their framework's own status API.
   */
  public static void reportTo(Bridge bridge, String source, List<SettingProblem> problems) {
    for (SettingProblem problem : problems) {
      // One rate-limit key per source and setting: two bad settings never hide each other.
      bridge.reportStatus(
          StatusListener.Level.ERROR,
          "invalid_setting:" + source + ":" + problem.key(),
          source + ": " + problem.message());
    }
  }

  /** A parser of integers from {@code min} to {@code max}. */
  public static Parser<Long> longs(long min, long max) {
    return raw -> parseLong(raw, min, max);
  }

  /** Parses {@code true} or {@code false}, in any case. */
  public static boolean parseBoolean(String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("must be true or false");
    }
  }

  private static long parseLong(String raw, long min, long max) {
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
  }

  /** Parses a comma-separated list of trimmed, non-blank items. */
  public static List<String> parseList(String raw) {
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
