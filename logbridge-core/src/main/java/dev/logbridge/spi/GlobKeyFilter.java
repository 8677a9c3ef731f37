package dev.logbridge.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link KeyFilter} of include and exclude globs: a key is kept when it matches an include
 * glob and no exclude glob. Globs use {@code *} for any run of
 * characters and {@code ?} for one character; matching is case-sensitive.
 *
 * <p>Thread-safety: immutable.
 *
 */
final class GlobKeyFilter implements KeyFilter {
  private static final GlobKeyFilter ALL = new GlobKeyFilter(List.of("*"), List.of());
  private static final GlobKeyFilter NONE = new GlobKeyFilter(List.of(), List.of());

  private final String[] includes;
  private final String[] excludes;
  private final boolean includesAll;

  private GlobKeyFilter(List<String> includes, List<String> excludes) {
    this.includes = includes.toArray(new String[0]);
    this.excludes = excludes.toArray(new String[0]);
    this.includesAll = includes.contains("*") && excludes.isEmpty();
  }

  /** A filter that keeps every key. */
  public static GlobKeyFilter all() {
    return ALL;
  }

  /** A filter that keeps no key. */
  public static GlobKeyFilter none() {
    return NONE;
  }

  /**
   * A filter from comma-separated include and exclude globs, as written in a configuration file.
   * A blank include list means {@code *}.
   *
   * @throws IllegalArgumentException naming {@code property} if a glob is empty
   */
  public static GlobKeyFilter parse(String property, String includeCsv, String excludeCsv) {
    List<String> includes = split(property + ".include", includeCsv);
    if (includes.isEmpty()) {
      includes = List.of("*");
    }
    return new GlobKeyFilter(includes, split(property + ".exclude", excludeCsv));
  }

  /** A filter from include and exclude globs. */
  public static GlobKeyFilter of(List<String> includes, List<String> excludes) {
    Objects.requireNonNull(includes, "includes");
    Objects.requireNonNull(excludes, "excludes");
    return new GlobKeyFilter(List.copyOf(includes), List.copyOf(excludes));
  }

  /**
   * This filter with {@code globs} added to its excludes (the trace-id keys the OpenTelemetry
   * Java agent puts into the MDC, say); this filter itself if {@code globs} is empty.
   */
  public GlobKeyFilter excluding(List<String> globs) {
    Objects.requireNonNull(globs, "globs");
    if (globs.isEmpty()) {
      return this;
    }
    List<String> excluded = new ArrayList<>(List.of(excludes));
    excluded.addAll(globs);
    return new GlobKeyFilter(List.of(includes), excluded);
  }

  /**
   * {@code base} with {@code globs} added to its excludes: {@link #excluding(List)} for a glob
   * filter; for any other filter one that also refuses the keys {@code globs} match.
   */
  public static KeyFilter excluding(KeyFilter base, List<String> globs) {
    Objects.requireNonNull(base, "base");
    if (base instanceof GlobKeyFilter) {
      return ((GlobKeyFilter) base).excluding(globs);
    }
    if (globs.isEmpty()) {
      return base;
    }
    String[] excluded = globs.toArray(new String[0]);
    return key -> base.test(key) && !matchesAny(excluded, key);
  }

  @Override
  public boolean test(String key) {
    if (includesAll) {
      return true;
    }
    return matchesAny(includes, key) && !matchesAny(excludes, key);
  }

  private static boolean matchesAny(String[] globs, String key) {
    for (String glob : globs) {
      if (globMatches(glob, key)) {
        return true;
      }
    }
    return false;
  }

  /** Iterative glob match with single-star backtracking: linear time for typical globs. */
  static boolean globMatches(String glob, String text) {
    int g = 0;
    int t = 0;
    int starGlob = -1;
    int starText = 0;
    while (t < text.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        starGlob = g++;
        starText = t;
      } else if (starGlob >= 0) {
        g = starGlob + 1;
        t = ++starText;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  private static List<String> split(String property, String csv) {
    List<String> globs = new ArrayList<>();
    if (csv == null || csv.isBlank()) {
      return globs;
    }
    for (String part : csv.split(",", -1)) {
      String glob = part.trim();
      if (glob.isEmpty()) {
        throw new IllegalArgumentException(property + ": empty glob in \"" + csv + "\"");
      }
      globs.add(glob);
    }
    return globs;
  }

  @Override
  public String toString() {
    return "GlobKeyFilter{include="
        + String.join(",", includes)
        + ", exclude="
        + String.join(",", excludes)
        + '}';
  }
}
