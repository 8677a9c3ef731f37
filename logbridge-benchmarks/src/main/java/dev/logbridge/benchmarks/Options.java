package dev.logbridge.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --name value} command-line options of the plain-{@code main} benchmarks, each checked
 * against the names the benchmark knows, so a typo fails instead of running the default.
 *
 * <p>Thread-safety: immutable after parsing.
 */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, List<String> known) {
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !known.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --" + String.join(" V | --", known) + " V");
      }
      values.put(name, args[i + 1]);
    }
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int getInt(String name, int fallback) {
    return Integer.parseInt(get(name, Integer.toString(fallback)));
  }

  /** The values of a choice: all of {@code choices} when absent or {@code all}, else the one given. */
  List<String> choice(String name, List<String> choices) {
    String value = get(name, "all");
    if (value.equals("all")) {
      return choices;
    }
    if (!choices.contains(value)) {
      throw new IllegalArgumentException("--" + name + " must be one of " + choices + " or all");
    }
    return List.of(value);
  }
}
