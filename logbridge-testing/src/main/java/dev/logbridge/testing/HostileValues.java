package dev.logbridge.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
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
 * exactly one record whose attribute is what {@code dev.logbridge.internal.ValueCoercer}'s rules
 * say.
 *
 * <p>Every value renders the same way each time (no counters, no clocks), so an expected value can
 * be computed independently of the record.
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

    Case(String name, Object value) {
      this.name = name;
      this.value = value;
    }

    public String name() {
      return name;
    }

    public Object value() {
      return value;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  enum Color { RED }

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
    cases.add(new Case("null", null));
    Map<String, Object> selfMap = new HashMap<>();
    selfMap.put("self", selfMap);
    cases.add(new Case("self-referencing map", selfMap));
    Map<String, Object> a = new HashMap<>();
    Map<String, Object> b = new HashMap<>();
    a.put("b", b);
    b.put("a", a);
    cases.add(new Case("indirectly cyclic maps", a));
    List<Object> selfList = new ArrayList<>();
    selfList.add(selfList);
    cases.add(new Case("self-referencing list", selfList));
    List<Object> l1 = new ArrayList<>();
    List<Object> l2 = new ArrayList<>();
    l1.add(l2);
    l2.add(l1);
    cases.add(new Case("indirectly cyclic lists", l1));
    cases.add(new Case("throwing toString", new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("toString is broken");
      }
    }));
    cases.add(new Case("toString throwing an Error", new Object() {
      @Override
      public String toString() {
        throw new StackOverflowError("deep");
      }
    }));
    cases.add(new Case("toString returning null", new Object() {
      @Override
      public String toString() {
        return null;
      }
    }));
    cases.add(new Case("slow toString", new Object() {
      @Override
      public String toString() {
        long end = System.nanoTime() + SLOW_TO_STRING.toNanos();
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
        return "slow";
      }
    }));
    cases.add(new Case("logging toString", new Object() {
      @Override
      public String toString() {
        logSomething.accept("logged from toString");
        return "logged";
      }
    }));
    cases.add(new Case("10 MB string", "x".repeat(10 * 1024 * 1024)));
    List<Object> deep = new ArrayList<>();
    List<Object> cursor = deep;
    for (int i = 0; i < 1000; i++) {
      List<Object> next = new ArrayList<>();
      cursor.add(next);
      cursor = next;
    }
    cases.add(new Case("deep nesting", deep));
    cases.add(new Case("boolean[]", new boolean[] {true, false}));
    cases.add(new Case("byte[]", new byte[] {1, 2, 3, (byte) 0xff}));
    cases.add(new Case("short[]", new short[] {1, -2}));
    cases.add(new Case("char[]", new char[] {'h', 'i'}));
    cases.add(new Case("int[]", new int[] {1, 2, 3}));
    cases.add(new Case("long[]", new long[] {Long.MAX_VALUE, Long.MIN_VALUE}));
    cases.add(new Case("float[]", new float[] {1.5f, Float.NaN}));
    cases.add(new Case("double[]", new double[] {2.5, Double.NEGATIVE_INFINITY}));
    cases.add(new Case("Object[] with nulls", new Object[] {"a", null, 1}));
    cases.add(new Case("list with nulls", Arrays.asList("a", null, "c")));
    cases.add(new Case("empty list", Collections.emptyList()));
    cases.add(new Case("Instant", Instant.parse("2026-11-25T12:00:00.123456789Z")));
    cases.add(new Case("LocalDate", LocalDate.of(2026, 11, 25)));
    cases.add(new Case("ZonedDateTime",
        ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC)));
    cases.add(new Case("Duration", Duration.ofMillis(1500)));
    cases.add(new Case("Optional.empty", Optional.empty()));
    cases.add(new Case("Optional of value", Optional.of(42)));
    cases.add(new Case("enum", Color.RED));
    cases.add(new Case("record", new Point(1, 2)));
    Map<Object, Object> oddKeys = new LinkedHashMap<>();
    oddKeys.put(1, "one");
    oddKeys.put(null, "null key");
    oddKeys.put(List.of("k"), "list key");
    cases.add(new Case("map with non-string and null keys", oddKeys));
    cases.add(new Case("set", new LinkedHashSet<>(List.of("x", "y"))));
    cases.add(new Case("Date", new Date(1_700_000_000_000L)));
    cases.add(new Case("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    cases.add(new Case("request-like object", new Request()));
    cases.add(new Case("Long.MIN_VALUE", Long.MIN_VALUE));
    cases.add(new Case("NaN", Double.NaN));
    cases.add(new Case("surrogate pair at the cut", "\uD83D\uDE00".repeat(9000)));
    return cases;
  }
}
