package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class ValueCoercerTest {
  private final Accounting accounting = new Accounting();
  private final ValueCoercer coercer =
      new ValueCoercer(
          BridgeSettings.builder()
              .maxAttributeValueLength(64)
              .maxCollectionElements(4)
              .maxRenderDepth(3)
              .build(),
          accounting);

  enum Color {
    RED
  }

  record Point(int x, int y) {}

  @Test
  void primitivesAndBoxesKeepTheirType() {
    assertThat(coercer.coerce(true)).isEqualTo(true);
    assertThat(coercer.coerce(7)).isEqualTo(7L);
    assertThat(coercer.coerce((short) 3)).isEqualTo(3L);
    assertThat(coercer.coerce((byte) 2)).isEqualTo(2L);
    assertThat(coercer.coerce(9L)).isEqualTo(9L);
    assertThat(coercer.coerce(new AtomicInteger(5))).isEqualTo(5L);
    assertThat(coercer.coerce(1.5f)).isEqualTo(1.5d);
    assertThat(coercer.coerce(2.5d)).isEqualTo(2.5d);
    assertThat(coercer.coerce('c')).isEqualTo("c");
    assertThat(coercer.coerce(new BigDecimal("1.10"))).isEqualTo("1.10");
  }

  @Test
  void nullBecomesTheStringNull() {
    assertThat(coercer.coerce(null)).isEqualTo("null");
  }

  @Test
  void wellKnownImmutableTypesUseAFixedFormat() {
    Instant instant = Instant.parse("2026-11-25T10:15:30.123456789Z");
    assertThat(coercer.coerce(instant)).isEqualTo("2026-11-25T10:15:30.123456789Z");
    assertThat(coercer.coerce(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
    assertThat(coercer.coerce(ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)))
        .isEqualTo("2026-01-02T03:04:05Z");
    assertThat(coercer.coerce(Duration.ofSeconds(90))).isEqualTo("PT1M30S");
    assertThat(coercer.coerce(new Date(0))).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(coercer.coerce(new java.sql.Date(0))).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(coercer.coerce(new Timestamp(1000))).isEqualTo("1970-01-01T00:00:01Z");
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(coercer.coerce(uuid)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(coercer.coerce(Color.RED)).isEqualTo("RED");
    assertThat(coercer.coerce(TimeUnit.SECONDS)).isEqualTo("SECONDS");
  }

  @Test
  void optionalIsUnwrapped() {
    assertThat(coercer.coerce(Optional.of(4))).isEqualTo(4L);
    assertThat(coercer.coerce(Optional.empty())).isEqualTo("Optional.empty");
  }

  @Test
  void recordsUseTheirToString() {
    assertThat(coercer.coerce(new Point(1, 2))).isEqualTo("Point[x=1, y=2]");
  }

  @Test
  void primitiveArraysBecomeTypedLists() {
    assertThat(coercer.coerce(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
    assertThat(coercer.coerce(new long[] {3})).isEqualTo(List.of(3L));
    assertThat(coercer.coerce(new short[] {4})).isEqualTo(List.of(4L));
    assertThat(coercer.coerce(new double[] {1.5})).isEqualTo(List.of(1.5));
    assertThat(coercer.coerce(new float[] {2.5f})).isEqualTo(List.of(2.5));
    assertThat(coercer.coerce(new boolean[] {true, false})).isEqualTo(List.of(true, false));
    assertThat(coercer.coerce(new char[] {'h', 'i'})).isEqualTo("hi");
    assertThat(coercer.coerce(new byte[] {1, 2, 3})).isEqualTo("AQID");
  }

  @Test
  void homogeneousCollectionsBecomeTypedListsAndMixedOnesStrings() {
    assertThat(coercer.coerce(List.of("a", "b"))).isEqualTo(List.of("a", "b"));
    assertThat(coercer.coerce(new LinkedHashSet<>(List.of(1, 2)))).isEqualTo(List.of(1L, 2L));
    assertThat(coercer.coerce(new Object[] {"a", 1})).isEqualTo(List.of("a", "1"));
    assertThat(coercer.coerce(Arrays.asList("a", null))).isEqualTo(List.of("a", "null"));
  }

  @Test
  void longCollectionsAreCutAndCounted() {
    assertThat(coercer.coerce(List.of(1, 2, 3, 4, 5, 6))).isEqualTo(List.of(1L, 2L, 3L, 4L));
    assertThat(coercer.coerce(new int[10])).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(4);
    assertThat(accounting.cutsSoFar(CutKind.COLLECTION_SIZE)).isEqualTo(2);
  }

  @Test
  void hugeStringsAreCutAndCounted() {
    String tenMegabytes = "x".repeat(10 * 1024 * 1024);
    assertThat((String) coercer.coerce(tenMegabytes)).hasSize(64);
    assertThat(accounting.cutsSoFar(CutKind.ATTRIBUTE_VALUE_LENGTH)).isEqualTo(1);
  }

  @Test
  void cutsNeverSplitASurrogatePair() {
    String s = "a".repeat(63) + "\uD83D\uDE00";
    assertThat((String) coercer.coerce(s)).isEqualTo("a".repeat(63));
  }

  @Test
  void selfReferencingMapRendersACycleMarker() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("self", map);
    map.put("k", 1);
    assertThat(coercer.coerce(map)).isEqualTo("{self=<cycle>, k=1}");
  }

  @Test
  void indirectCyclesThatBreakAbstractMapToStringAreSafe() {
    Map<String, Object> a = new HashMap<>();
    List<Object> b = new ArrayList<>();
    a.put("list", b);
    b.add(a);
    assertThat(coercer.coerce(a)).isEqualTo("{list=[<cycle>]}");
    assertThat(accounting.cutsSoFar(CutKind.DEPTH)).isEqualTo(1);
  }

  @Test
  void deepNestingStopsAtTheDepthLimit() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> level = root;
    for (int i = 0; i < 10; i++) {
      Map<String, Object> next = new LinkedHashMap<>();
      level.put("n", next);
      level = next;
    }
    assertThat(coercer.coerce(root)).isEqualTo("{n={n={n=<...>}}}");
  }

  @Test
  void throwingToStringYieldsAPlaceholderNamingTheException() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    assertThat(coercer.coerce(hostile))
        .isEqualTo("<toString() threw java.lang.IllegalStateException: boom>");
    assertThat(coercer.coerce(Map.of("k", hostile)))
        .isEqualTo("{k=<toString() threw java.lang.IllegalStateException: boom>}");
    assertThat(accounting.cutsSoFar(CutKind.TO_STRING_FAILURE)).isEqualTo(2);
  }

  @Test
  void stackOverflowInToStringIsContained() {
    Object recursive =
        new Object() {
          @Override
          public String toString() {
            return "again " + this;
          }
        };
    assertThat((String) coercer.coerce(recursive))
        .startsWith("<toString() threw java.lang.StackOverflowError");
  }

  @Test
  void toStringReturningNullBecomesNull() {
    Object nullString =
        new Object() {
          @Override
          public String toString() {
            return null;
          }
        };
    assertThat(coercer.coerce(nullString)).isEqualTo("null");
  }

  @Test
  void collectionWhoseIteratorThrowsIsContained() {
    List<Object> hostile =
        new ArrayList<>(List.of(1)) {
          @Override
          public java.util.Iterator<Object> iterator() {
            throw new IllegalStateException("no iteration");
          }
        };
    assertThat((String) coercer.coerce(hostile))
        .contains("java.lang.IllegalStateException: no iteration");
  }

  @Test
  void mapKeysOfAnyTypeAreRendered() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(1, "one");
    map.put(List.of("k"), Color.RED);
    map.put(null, null);
    assertThat(coercer.coerce(map)).isEqualTo("{1=one, [k]=RED, null=null}");
  }
}
