package dev.logbridge.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The attribute values that froze the seed service, as Java objects: a date-time, a set, a
 * request object, an object whose {@code toString()} throws, and a map that contains itself.
 *
 * <p>None of them is an OpenTelemetry attribute type. A correct bridge coerces them without
 * complaint; the naive one warns about each through logging, which is what re-enters it.
 *
 * <p>Thread-safety: the shared values are never modified after construction.
 */
final class HostileValues {
  /** A set of tags, as the seed's request handlers attached them. */
  static final Set<String> TAGS = Set.of("checkout", "beta", "eu-west");

  /**
   * A map holding itself. {@code AbstractMap.toString()} survives this direct cycle, but its
   * {@code hashCode()} does not (stack overflow), so a bridge must not put it into a hash set.
   */
  static final Map<String, Object> SELF_REFERENCING = selfReferencing();

  /** An object whose {@code toString()} throws, as lazy proxies and half-built entities do. */
  static final Object THROWING_TO_STRING = new ThrowingToString();

  private HostileValues() {}

  /** A {@code java.time} value with an offset, the seed's {@code datetime}. */
  static OffsetDateTime receivedAt(long epochMillis) {
    return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  private static Map<String, Object> selfReferencing() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("tenant", "acme");
    map.put("self", map);
    return map;
  }

  /** The object whose {@code toString()} throws. */
  private static final class ThrowingToString {
    @Override
    public String toString() {
      throw new IllegalStateException("toString() of a detached entity");
    }
  }
}
