package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.spi.KeyFilter;
import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.TestKeyFilters;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordCapture#attributesFromSnapshot}: a map kept by reference and copied when the
 * pipeline completes the record must give exactly the attributes an immediate copy at the same point
 * would have given — order, count limit and its cuts, event name precedence — and must run no
 * user code while it is copied.
 */
class CaptureSlotSnapshotTest {
  private final Accounting accounting = new Accounting();

  private CaptureSlot newCapture(int maxAttributes) {
    BridgeSettings settings = BridgeSettings.builder().maxAttributes(maxAttributes).build();
    CaptureSupport support = new CaptureSupport(settings, accounting);
    return new CaptureSlot(support, "test", Context.root(), 1L);
  }

  private static List<String> attributes(CaptureSlot capture) {
    capture.complete(); // what the pipeline thread does before it reads
    List<String> out = new ArrayList<>();
    for (int i = 0; i < capture.attributeCount(); i++) {
      out.add(capture.attributeKey(i) + "=" + capture.attributeValue(i));
    }
    return out;
  }

  private static Map<String, Object> mdc(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The same calls, once with the snapshot deferred and once copied at once. */
  private void fill(
      RecordCapture capture, Map<String, Object> map, KeyFilter filter, boolean deferred) {
    capture.attribute("before", "b");
    if (deferred) {
      capture.attributesFromSnapshot(map, filter);
    } else {
      capture.attributes(map, filter);
    }
    capture.attribute("after1", 1L);
    capture.attribute("after2", "a2");
  }

  @Test
  void deferredEntriesLandWhereTheCallWasMadeAndTheFilterApplies() {
    Map<String, Object> map = mdc("user", "alice", "secret", "s3cr3t", "request", "r-1");
    KeyFilter filter = TestKeyFilters.of(List.of("*"), List.of("secret"));
    CaptureSlot eager = newCapture(128);
    CaptureSlot deferred = newCapture(128);
    fill(eager, map, filter, false);
    fill(deferred, map, filter, true);

    assertThat(attributes(deferred))
        .containsExactly("before=b", "user=alice", "request=r-1", "after1=1", "after2=a2")
        .isEqualTo(attributes(eager));
  }

  @Test
  void theCountLimitKeepsTheFirstAttributesInCallOrderAndCountsTheSameCuts() {
    Map<String, Object> map = mdc("m1", "1", "m2", "2", "m3", "3");
    CaptureSlot eager = newCapture(4);
    fill(eager, map, KeyFilter.all(), false);
    List<String> eagerAttributes = attributes(eager);
    long eagerCuts = accounting.cutsSoFar(CutKind.ATTRIBUTE_COUNT);

    CaptureSlot deferred = newCapture(4);
    fill(deferred, map, KeyFilter.all(), true);

    assertThat(attributes(deferred))
        .containsExactly("before=b", "m1=1", "m2=2", "m3=3")
        .isEqualTo(eagerAttributes);
    // The two attributes after the map are cut in both cases: 2 cuts each time.
    assertThat(eagerCuts).isEqualTo(2);
    assertThat(accounting.cutsSoFar(CutKind.ATTRIBUTE_COUNT)).isEqualTo(2 * eagerCuts);
  }

  @Test
  void anEventNameSetAfterTheSnapshotWinsOverTheSnapshotsOne() {
    CaptureSlot capture = newCapture(128);
    capture.attributesFromSnapshot(mdc(RecordCapture.EVENT_NAME_KEY, "from.mdc"), KeyFilter.all());
    capture.attribute(RecordCapture.EVENT_NAME_KEY, "from.key.value");
    capture.complete();

    assertThat(capture.eventName()).isEqualTo("from.key.value");
    assertThat(capture.attributeCount()).isZero();
  }

  @Test
  void theSnapshotsEventNameWinsOverOneSetBeforeIt() {
    CaptureSlot capture = newCapture(128);
    capture.eventName("set.before");
    capture.attributesFromSnapshot(
        mdc(RecordCapture.EVENT_NAME_KEY, "from.mdc", "k", "v"), KeyFilter.all());
    capture.complete();

    assertThat(capture.eventName()).isEqualTo("from.mdc");
    assertThat(attributes(capture)).containsExactly("k=v");
  }

  @Test
  void aValueThatIsNotInertBecomesAPlaceholderWithoutRunningItsToString() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("user code ran while the snapshot was copied");
          }
        };
    CaptureSlot capture = newCapture(128);
    capture.attributesFromSnapshot(
        mdc("hostile", hostile, "number", 42, "duration", Duration.ofSeconds(3)), KeyFilter.all());

    assertThat(attributes(capture))
        .containsExactly(
            "hostile=<" + hostile.getClass().getName() + ">", "number=42", "duration=PT3S");
  }

  @Test
  void aSecondSnapshotIsCopiedAtOnceAndKeepsCallOrder() {
    CaptureSlot capture = newCapture(128);
    capture.attributesFromSnapshot(mdc("first", "1"), KeyFilter.all());
    capture.attributesFromSnapshot(mdc("second", "2"), KeyFilter.all());

    assertThat(attributes(capture)).containsExactly("first=1", "second=2");
  }

  @Test
  void clearForgetsAPendingSnapshot() {
    CaptureSlot capture = newCapture(128);
    capture.attributesFromSnapshot(
        mdc("k", "v", RecordCapture.EVENT_NAME_KEY, "e"), KeyFilter.all());
    capture.clear();
    capture.begin("next", Context.root(), 1L);
    capture.complete();

    assertThat(capture.attributeCount()).isZero();
    assertThat(capture.eventName()).isNull();
  }
}
