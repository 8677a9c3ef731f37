package dev.logbridge.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The hostile-value corpus: values an application may pass as a log argument or context value and
 * that a naive bridge chokes on (nulls, cycles, throwing, slow or logging {@code toString()}, huge
 * strings, odd types). Every adapter must return from the log call, throw nothing, and export
 * exactly one record whose attribute is the case's {@link Case#expected()} value.
 *
 * <p>Each case carries its expected coerced value written out literally, for the default limits
 * ({@code BridgeSettings.defaults()}: value length 8192, render depth 4, 256 elements): strings in
 * their fixed formats, typed lists ({@code List<Long>}, {@code List<Double>}, {@code
 * List<Boolean>}, {@code List<String>}), placeholders naming the exception, and the depth- and
 * cycle-limited renderings. The coercion code is not consulted, so a change in it shows here.
 * Every value renders the same way each time (no counters, no clocks).
 *
 * <p>Thread-safety: the corpus is built per call; values are not meant to be shared.
 *
 * @since 0.1
 */
public final class HostileValues {
  /** How long the slow {@code toString()} takes. */
  public static final Duration SLOW_TO_STRING = Duration.ofMillis(5);

  private HostileValues() {}

  /** One named hostile value. */
  public static final class Case {
    private final String name;
    private final Object value;
    private final Object expected;

    Case(String name, Object value, Object expected) {
      this.name = name;
      this.value = value;
      this.expected = expected;
    }

    public String name() {
      return name;
    }

    public Object value() {
      return value;
    }

    /**
     * The attribute value an adapter must export for {@link #value()} under the default limits:
     * a {@link String}, {@link Long}, {@link Double}, {@link Boolean} or a {@link List} of one of
     * those.
     */
    public Object expected() {
      return expected;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  enum Color {
    RED
  }

  record Point(int x, int y) {}

  /** A request-like object: a toString() that walks mutable state, headers included. */
  static final class Request {
    final Map<String, List<String>> headers = new LinkedHashMap<>();

    Request() {
      headers.put("Accept", List.of("*/*"));
      headers.put("X-Null", null);
    }

    @Override
    public String toString() {
      return "Request{GET /checkout, headers=" + headers + "}";
    }
  }

  /**
   * The corpus. {@code logSomething} is what the "logging toString()" value calls: the adapter
   * under test passes a call into its own framework, so the value logs while it is being captured.
   */
  public static List<Case> corpus(Consumer<String> logSomething) {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("null", null, "null"));
    Map<String, Object> selfMap = new HashMap<>();
    selfMap.put("self", selfMap);
    cases.add(new Case("self-referencing map", selfMap, "{self=<cycle>}"));
    Map<String, Object> a = new HashMap<>();
    Map<String, Object> b = new HashMap<>();
    a.put("b", b);
    b.put("a", a);
    cases.add(new Case("indirectly cyclic maps", a, "{b={a=<cycle>}}"));
    List<Object> selfList = new ArrayList<>();
    selfList.add(selfList);
    cases.add(new Case("self-referencing list", selfList, List.of("<cycle>")));
    List<Object> l1 = new ArrayList<>();
    List<Object> l2 = new ArrayList<>();
    l1.add(l2);
    l2.add(l1);
    cases.add(new Case("indirectly cyclic lists", l1, List.of("[<cycle>]")));
    cases.add(
        new Case(
            "throwing toString",
            new Object() {
              @Override
              public String toString() {
                throw new IllegalStateException("toString is broken");
              }
            },
            "<toString() threw java.lang.IllegalStateException: toString is broken>"));
    cases.add(
        new Case(
            "toString throwing an Error",
            new Object() {
              @Override
              public String toString() {
                throw new StackOverflowError("deep");
              }
            },
            "<toString() threw java.lang.StackOverflowError: deep>"));
    cases.add(
        new Case(
            "toString returning null",
            new Object() {
              @Override
              public String toString() {
                return null;
              }
            },
            "null"));
    cases.add(
        new Case(
            "slow toString",
            new Object() {
              @Override
              public String toString() {
                long end = System.nanoTime() + SLOW_TO_STRING.toNanos();
                while (System.nanoTime() < end) {
                  Thread.onSpinWait();
                }
                return "slow";
              }
            },
            "slow"));
    cases.add(
        new Case(
            "logging toString",
            new Object() {
              @Override
              public String toString() {
                logSomething.accept("logged from toString");
                return "logged";
              }
            },
            "logged"));
    cases.add(new Case("10 MB string", "x".repeat(10 * 1024 * 1024), "x".repeat(8192)));
    List<Object> deep = new ArrayList<>();
    List<Object> cursor = deep;
    for (int i = 0; i < 1000; i++) {
      List<Object> next = new ArrayList<>();
      cursor.add(next);
      cursor = next;
    }
    cases.add(new Case("deep nesting", deep, List.of("[[[<...>]]]")));
    cases.add(new Case("boolean[]", new boolean[] {true, false}, List.of(true, false)));
    cases.add(new Case("byte[]", new byte[] {1, 2, 3, (byte) 0xff}, "AQID/w=="));
    cases.add(new Case("short[]", new short[] {1, -2}, List.of(1L, -2L)));
    cases.add(new Case("char[]", new char[] {'h', 'i'}, "hi"));
    cases.add(new Case("int[]", new int[] {1, 2, 3}, List.of(1L, 2L, 3L)));
    cases.add(
        new Case(
            "long[]",
            new long[] {Long.MAX_VALUE, Long.MIN_VALUE},
            List.of(Long.MAX_VALUE, Long.MIN_VALUE)));
    cases.add(new Case("float[]", new float[] {1.5f, Float.NaN}, List.of(1.5, Double.NaN)));
    cases.add(
        new Case(
            "double[]",
            new double[] {2.5, Double.NEGATIVE_INFINITY},
            List.of(2.5, Double.NEGATIVE_INFINITY)));
    cases.add(
        new Case("Object[] with nulls", new Object[] {"a", null, 1}, List.of("a", "null", "1")));
    cases.add(
        new Case("list with nulls", Arrays.asList("a", null, "c"), List.of("a", "null", "c")));
    cases.add(new Case("empty list", Collections.emptyList(), List.of()));
    cases.add(
        new Case(
            "Instant",
            Instant.parse("2026-11-25T12:00:00.123456789Z"),
            "2026-11-25T12:00:00.123456789Z"));
    cases.add(new Case("LocalDate", LocalDate.of(2026, 11, 25), "2026-11-25"));
    cases.add(
        new Case(
            "ZonedDateTime",
            ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC),
            "2026-11-25T12:00Z"));
    cases.add(new Case("Duration", Duration.ofMillis(1500), "PT1.5S"));
    cases.add(new Case("Optional.empty", Optional.empty(), "Optional.empty"));
    cases.add(new Case("Optional of value", Optional.of(42), 42L));
    cases.add(new Case("enum", Color.RED, "RED"));
    cases.add(new Case("record", new Point(1, 2), "Point[x=1, y=2]"));
    Map<Object, Object> oddKeys = new LinkedHashMap<>();
    oddKeys.put(1, "one");
    oddKeys.put(null, "null key");
    oddKeys.put(List.of("k"), "list key");
    cases.add(
        new Case(
            "map with non-string and null keys", oddKeys, "{1=one, null=null key, [k]=list key}"));
    cases.add(new Case("set", new LinkedHashSet<>(List.of("x", "y")), List.of("x", "y")));
    cases.add(new Case("Date", new Date(1_700_000_000_000L), "2023-11-14T22:13:20Z"));
    cases.add(
        new Case(
            "UUID",
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            "123e4567-e89b-12d3-a456-426614174000"));
    cases.add(
        new Case(
            "request-like object",
            new Request(),
            "Request{GET /checkout, headers={Accept=[*/*], X-Null=null}}"));
    cases.add(new Case("Long.MIN_VALUE", Long.MIN_VALUE, Long.MIN_VALUE));
    cases.add(new Case("NaN", Double.NaN, Double.NaN));
    // One char in front puts the cut (8192) between the halves of a pair: the pair must go.
    cases.add(
        new Case(
            "surrogate pair at the cut",
            "a" + "\uD83D\uDE00".repeat(9000),
            "a" + "\uD83D\uDE00".repeat(4095)));
    return cases;
  }
}
