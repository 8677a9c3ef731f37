package dev.logbridge.spi;

/**
 * Decides which context keys (MDC, ThreadContext, key-value pairs) become attributes. The
 * filters an adapter configures come from {@link AdapterSupport#keyFilter} (include and exclude
 * globs: {@code *} for any run of characters, {@code ?} for one; case-sensitive).
 *
 * <p>Thread-safety: implementations are immutable.
 *
 * @since 0.1
 */
public interface KeyFilter {
  /** Whether {@code key} passes the filter. */
  boolean test(String key);

  /** A filter that keeps every key. */
  static KeyFilter all() {
    return GlobKeyFilter.all();
  }

  /**
   * A filter that keeps no key; always the same instance, so an adapter may compare with it to
   * skip reading a context it would drop whole.
   */
  static KeyFilter none() {
    return GlobKeyFilter.none();
  }
}
