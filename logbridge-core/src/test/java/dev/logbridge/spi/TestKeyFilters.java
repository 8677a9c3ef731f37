package dev.logbridge.spi;

import java.util.List;

/** Test support: glob key filters ({@code GlobKeyFilter} is package-private) for other packages. */
public final class TestKeyFilters {
  private TestKeyFilters() {}

  /** A filter keeping keys that match an include glob and no exclude glob. */
  public static KeyFilter of(List<String> includes, List<String> excludes) {
    return GlobKeyFilter.of(includes, excludes);
  }
}
