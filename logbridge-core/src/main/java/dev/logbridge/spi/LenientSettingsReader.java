package dev.logbridge.spi;

import dev.logbridge.SettingProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link SettingsReader} of {@link SettingsReader#of} and {@link SettingsReader#ofValues}:
 * reads through a lookup function and keeps the problems it finds in reading order.
 *
 * <p>Thread-safety: not thread-safe; use from the thread that configures the adapter.
 */
final class LenientSettingsReader implements SettingsReader {
  private final Function<String, String> lookup;
  private final List<SettingProblem> problems = new ArrayList<>();

  /** A reader over string properties; {@code lookup} returns null for a key that is not set. */
  public LenientSettingsReader(Function<String, String> lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * A reader over the typed values an appender's configuration setters hold, by key; each is read
   * through its {@code toString()}, and a null or absent value is not set.
   */
  public static LenientSettingsReader ofValues(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    return new LenientSettingsReader(
        key -> {
          Object value = values.get(key);
          return value == null ? null : value.toString();
        });
  }

  @Override
  public String raw(String key) {
    String value = lookup.apply(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  @Override
  public boolean isSet(String key) {
    return raw(key) != null;
  }

  @Override
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

  @Override
  public boolean bool(String key, boolean defaultValue) {
    return value(key, defaultValue, String.valueOf(defaultValue), SettingsReader::parseBoolean);
  }

  @Override
  public int intValue(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  @Override
  public long longValue(String key, long defaultValue, long min, long max) {
    return value(key, defaultValue, String.valueOf(defaultValue), SettingsReader.longs(min, max));
  }

  @Override
  public List<String> list(String key, List<String> defaultValue, String defaultText) {
    return value(key, defaultValue, defaultText, SettingsReader::parseList);
  }

  @Override
  public KeyFilter keyFilter(String includeKey, String excludeKey) {
    List<String> includes = list(includeKey, List.of("*"), "*");
    List<String> excludes = list(excludeKey, List.of(), "none");
    return GlobKeyFilter.of(includes, excludes);
  }

  @Override
  public void problem(String key, String value, String reason, String defaultText) {
    problems.add(new SettingProblem(key, value, reason, defaultText));
  }

  @Override
  public List<SettingProblem> problems() {
    return Collections.unmodifiableList(new ArrayList<>(problems));
  }
}
