package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Bridge#emitDiagnostic}: logbridge's own events, outside the filters, inside the accounting. */
class DiagnosticEventTest {
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final List<String> status = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    GlobalOpenTelemetry.resetForTest();
  }

  private Bridge newBridge(BridgeSettings.Builder settings) {
    Bridge bridge = Bridge.start(settings.shutdownHookEnabled(false).build());
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
    cleanup.add(() -> bridge.shutdown(Duration.ofSeconds(5)));
    return bridge;
  }

  private InMemoryOtel installedOtel(Bridge bridge) {
    InMemoryOtel otel = new InMemoryOtel();
    cleanup.add(otel);
    bridge.install(otel.sdk);
    return otel;
  }

  private static Map<String, Object> stallAttributes() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("logbridge.stall.verdict", "DEADLOCK");
    attributes.put("logbridge.stall.threads", List.of("worker-1", "worker-2"));
    attributes.put("logbridge.stall.waiters", 2L);
    return attributes;
  }

  @Test
  void aDiagnosticArrivesAsAnEventWithItsScopeSeverityBodyAndTypedAttributes() {
    Bridge bridge = newBridge(BridgeSettings.builder());
    InMemoryOtel otel = installedOtel(bridge);

    assertThat(
            bridge.emitDiagnostic(
                "logbridge.stall", Severity.ERROR, "worker-1 waits for itself", stallAttributes()))
        .isTrue();

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).hasSize(1);
    LogRecordData log = otel.logs().get(0);
    assertThat(log.getInstrumentationScopeInfo().getName()).isEqualTo(Bridge.DIAGNOSTIC_SCOPE);
    assertThat(log.getEventName()).isEqualTo("logbridge.stall");
    assertThat(log.getSeverity()).isEqualTo(Severity.ERROR);
    assertThat(log.getSeverityText()).isEqualTo("ERROR");
    assertThat(log.getBodyValue().asString()).isEqualTo("worker-1 waits for itself");
    assertThat(log.getObservedTimestampEpochNanos()).isPositive();
    assertThat(log.getAttributes().get(AttributeKey.stringKey("logbridge.stall.verdict")))
        .isEqualTo("DEADLOCK");
    assertThat(log.getAttributes().get(AttributeKey.stringArrayKey("logbridge.stall.threads")))
        .containsExactly("worker-1", "worker-2");
    assertThat(log.getAttributes().get(AttributeKey.longKey("logbridge.stall.waiters")))
        .isEqualTo(2L);
    BridgeStats stats = bridge.stats();
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.emitted()).isEqualTo(1);
    Ledger.assertAccounted(
        List.of("worker-1 waits for itself"), Ledger.bodiesOf(otel.logs()), stats, 0);
  }

  @Test
  void aDiagnosticPassesTheOriginFilterThatRefusesLogRecordsUnderItsScope() {
    Bridge bridge = newBridge(BridgeSettings.builder());
    InMemoryOtel otel = installedOtel(bridge);

    bridge.capture(Bridge.DIAGNOSTIC_SCOPE, "logged", (e, c) -> c.body(e));
    bridge.emitDiagnostic("logbridge.stall", Severity.WARN, "emitted", null);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).extracting(l -> l.getBodyValue().asString()).containsExactly("emitted");
    assertThat(bridge.stats().dropped(DropReason.SELF_ORIGIN)).isEqualTo(1);
  }

  @Test
  void aDiagnosticRaisedInsideACaptureIsNotLostAsRecursionAndStillGuardsItsValues() {
    Bridge bridge = newBridge(BridgeSettings.builder());
    InMemoryOtel otel = installedOtel(bridge);
    Object logsWhenPrinted =
        new Object() {
          @Override
          public String toString() {
            bridge.capture("com.example", "nested", (e, c) -> c.body(e));
            return "printed";
          }
        };

    // Inside a capture: the diagnostic passes the guard the capture holds.
    bridge.capture(
        "com.example",
        "outer",
        (e, c) -> {
          c.body(e);
          bridge.emitDiagnostic("logbridge.test", Severity.INFO, "inside", null);
        });
    // Outside: the diagnostic holds the guard itself, so a value that logs is cut as recursion.
    bridge.emitDiagnostic(
        "logbridge.test", Severity.INFO, "value logs", Map.of("value", logsWhenPrinted));

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(l -> l.getBodyValue().asString())
        .containsExactlyInAnyOrder("outer", "inside", "value logs");
    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.RECURSION)).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(3);
    // "nested" was blocked before acceptance; the three accepted arrived once each.
    Ledger.assertAccounted(
        List.of("outer", "inside", "value logs"), Ledger.bodiesOf(otel.logs()), stats, 0);
  }

  @Test
  void aDiagnosticThatFindsTheQueueFullIsDroppedAndCountedWithoutWaiting() {
    Bridge bridge = newBridge(BridgeSettings.builder().queueCapacity(2));
    bridge.emitDiagnostic("logbridge.test", Severity.INFO, "1", null);
    bridge.emitDiagnostic("logbridge.test", Severity.INFO, "2", null);

    long start = System.nanoTime();
    boolean queued = bridge.emitDiagnostic("logbridge.test", Severity.INFO, "3", null);

    assertThat(queued).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    BridgeStats stats = bridge.stats();
    assertThat(stats.accepted()).isEqualTo(3);
    assertThat(stats.pending()).isEqualTo(2).isEqualTo(bridge.queueSize());
    assertThat(stats.dropped(DropReason.PRE_INSTALL_OVERFLOW)).isEqualTo(1);

    InMemoryOtel otel = installedOtel(bridge);
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    Ledger.assertAccounted(List.of("1", "2", "3"), Ledger.bodiesOf(otel.logs()), bridge.stats(), 0);
  }

  @Test
  void aDiagnosticAfterShutdownIsCountedAsShutdown() {
    Bridge bridge = newBridge(BridgeSettings.builder());
    bridge.shutdown(Duration.ofSeconds(5));

    assertThat(bridge.emitDiagnostic("logbridge.test", Severity.INFO, "late", null)).isFalse();

    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
    assertThat(stats.pending()).isZero();
    Ledger.assertAccounted(List.of("late"), List.of(), stats, 0);
  }

  @Test
  void aHostileAttributeMapIsCountedAsCaptureErrorNeverThrown() {
    Bridge bridge = newBridge(BridgeSettings.builder().statusInterval(Duration.ZERO));
    Map<String, Object> hostile =
        new AbstractMap<>() {
          @Override
          public Set<Entry<String, Object>> entrySet() {
            throw new IllegalStateException("hostile map");
          }
        };

    assertThat(bridge.emitDiagnostic("logbridge.test", Severity.INFO, "x", hostile)).isFalse();

    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.CAPTURE_ERROR)).isEqualTo(1);
    assertThat(stats.accepted()).isZero();
  }

  @Test
  void diagnosticsFromFourThreadsAreAllCounted() throws Exception {
    Bridge bridge = newBridge(BridgeSettings.builder());
    InMemoryOtel otel = installedOtel(bridge);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 500; i++) {
                  bridge.emitDiagnostic(
                      "logbridge.test", Severity.INFO, "n" + i, stallAttributes());
                }
              },
              "emitter-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    BridgeStats stats = bridge.stats();
    assertThat(stats.accepted()).isEqualTo(2000);
    assertThat(stats.emitted()).isEqualTo(2000);
    assertThat(otel.logs()).hasSize(2000);
  }
}
