package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DumpThreadsOnTimeout.class)
@Timeout(60)
class BridgeWatchdogTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofMillis(20);
  private static final Duration THRESHOLD = Duration.ofMillis(100);

  /** A named monitor class so the verdict shows which lock it is. */
  static final class LedgerLock {}

  private final List<String> status = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    Awaitility.await().atMost(DEADLINE).until(() -> watchdogThreads() == 0);
  }

  private Bridge newBridge() {
    Bridge bridge =
        Bridge.start(
            BridgeSettings.builder()
                .shutdownHookEnabled(false)
                .statusInterval(Duration.ZERO)
                .build());
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
    cleanup.add(() -> bridge.shutdown(Duration.ofSeconds(5)));
    return bridge;
  }

  private static long watchdogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("logbridge-stall-watchdog") && t.isAlive())
        .count();
  }

  /** One holder keeps a LedgerLock while it waits for the test; three threads block on it. */
  private void threeBlockedBehindHolder() throws InterruptedException {
    LedgerLock lock = new LedgerLock();
    CountDownLatch holding = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    threads.add(
        new Thread(
            () -> {
              synchronized (lock) {
                holding.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "ledger-holder"));
    threads.get(0).start();
    assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 3; i++) {
      Thread t =
          new Thread(
              () -> {
                synchronized (lock) {
                  lock.hashCode();
                }
              },
              "ledger-writer-" + i);
      threads.add(t);
      t.start();
    }
    cleanup.add(
        () -> {
          release.countDown();
          for (Thread t : threads) {
            t.join(DEADLINE.toMillis());
          }
        });
  }

  @Test
  void leasesShareOneWatchdogPerBridgeAndTheLastOneStopsIt() {
    Bridge bridge = newBridge();

    BridgeWatchdog.Lease first = BridgeWatchdog.acquire(bridge, INTERVAL, THRESHOLD);
    BridgeWatchdog.Lease second = BridgeWatchdog.acquire(bridge, Duration.ofMillis(30), THRESHOLD);

    assertThat(second.watchdog()).isSameAs(first.watchdog()).isSameAs(BridgeWatchdog.of(bridge));
    assertThat(watchdogThreads()).isEqualTo(1);
    assertThat(status)
        .anyMatch(s -> s.startsWith("WARN the stall watchdog already runs with interval 20 ms"));
    first.close();
    first.close(); // a second close must not release the other lease
    assertThat(watchdogThreads()).isEqualTo(1);
    second.close();
    assertThat(watchdogThreads()).isZero();
    assertThat(BridgeWatchdog.of(bridge)).isNull();
  }

  @Test
  void theWatchdogEndsByItselfWhenItsBridgeShutsDown() {
    Bridge bridge = newBridge();
    BridgeWatchdog.Lease lease = BridgeWatchdog.acquire(bridge, INTERVAL, THRESHOLD);
    cleanup.add(lease);
    Awaitility.await().atMost(DEADLINE).until(() -> lease.watchdog().samples() > 0);

    bridge.shutdown(Duration.ofSeconds(5));

    Awaitility.await().atMost(DEADLINE).until(() -> watchdogThreads() == 0);
  }

  @Test
  void invalidTimingsFailBeforeAnythingStarts() {
    Bridge bridge = newBridge();
    assertThatThrownBy(() -> BridgeWatchdog.acquire(bridge, Duration.ofMillis(1), THRESHOLD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
    assertThat(BridgeWatchdog.of(bridge)).isNull();
    assertThat(watchdogThreads()).isZero();
  }

  @Test
  void anIdleInstalledBridgeAndItsSdkAreNeverAStall() {
    Bridge bridge = newBridge();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(
                        io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor.builder(
                                InMemoryLogRecordExporter.create())
                            .setScheduleDelay(Duration.ofMillis(50))
                            .build())
                    .build())
            .build();
    cleanup.add(sdk);
    bridge.install(sdk);
    BridgeWatchdog.Lease lease = BridgeWatchdog.acquire(bridge, INTERVAL, THRESHOLD);
    cleanup.add(lease);

    // The pipeline sleeps 500 ms at a time and the batch worker 50 ms, parked on the same object
    // each time:
    // 40 samples span two such sleeps, well past the 100 ms threshold.
    Awaitility.await().atMost(DEADLINE).until(() -> lease.watchdog().samples() >= 40);

    // The one-time advice about the SDK's batch processor is expected; nothing else is.
    assertThat(status).filteredOn(s -> !s.contains("BatchLogRecordProcessor")).isEmpty();
    assertThat(lease.watchdog().summary()).startsWith("no stall seen in ");
  }

  @Test
  void aHotLockIsReportedOnTheStatusChannelAndAsAStallEventNamingTheHolder() throws Exception {
    Bridge bridge = newBridge();
    InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
                    .build())
            .build();
    cleanup.add(sdk);
    bridge.install(sdk);
    Awaitility.await().atMost(DEADLINE).until(bridge::isInstalled);
    BridgeWatchdog.Lease lease = BridgeWatchdog.acquire(bridge, INTERVAL, THRESHOLD);
    cleanup.add(lease);
    List<Diagnosis> heard = new CopyOnWriteArrayList<>();
    lease
        .watchdog()
        .addListener(
            d -> {
              throw new IllegalStateException("a broken listener");
            });
    lease.watchdog().addListener(heard::add);

    threeBlockedBehindHolder();

    Awaitility.await()
        .atMost(DEADLINE)
        .until(() -> !exporter.getFinishedLogRecordItems().isEmpty());
    Awaitility.await().atMost(DEADLINE).until(() -> heard.size() == 1);
    assertThat(heard.get(0)).isSameAs(lease.watchdog().lastStall());
    assertThat(lease.watchdog().failedListenerCalls()).isEqualTo(1);
    LogRecordData event = exporter.getFinishedLogRecordItems().get(0);
    assertThat(event.getEventName()).isEqualTo(BridgeWatchdog.EVENT_NAME);
    assertThat(event.getInstrumentationScopeInfo().getName()).isEqualTo(Bridge.DIAGNOSTIC_SCOPE);
    assertThat(event.getSeverity()).isEqualTo(Severity.WARN);
    assertThat(event.getBodyValue().asString())
        .contains("3 threads blocked behind", "held by `ledger-holder`");
    assertThat(event.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.VERDICT)))
        .isEqualTo("STALL");
    assertThat(event.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.KIND)))
        .isEqualTo("HOT_LOCK");
    assertThat(event.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.OWNER)))
        .isEqualTo("ledger-holder");
    assertThat(event.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.LOCK_CLASS)))
        .endsWith("BridgeWatchdogTest$LedgerLock");
    assertThat(event.getAttributes().get(AttributeKey.stringArrayKey(BridgeWatchdog.THREADS)))
        .containsExactlyInAnyOrder("ledger-writer-1", "ledger-writer-2", "ledger-writer-3");
    assertThat(status)
        .anyMatch(
            s ->
                s.startsWith("WARN stall watchdog: STALL: 3 threads blocked behind")
                    && !s.contains("not sent"));
    assertThat(lease.watchdog().stallsReported()).isEqualTo(1);
    assertThat(lease.watchdog().summary()).startsWith("1 stall(s) reported in ");
    assertThat(lease.watchdog().eventsOffered()).isEqualTo(1);
    assertThat(bridge.stats().emitted()).isEqualTo(1);
  }

  @Test
  void beforeAnInstallTheVerdictGoesToTheStatusChannelOnlyAndSaysWhy() throws Exception {
    Bridge bridge = newBridge();
    BridgeWatchdog.Lease lease = BridgeWatchdog.acquire(bridge, INTERVAL, THRESHOLD);
    cleanup.add(lease);
    assertThat(lease.watchdog().summary()).startsWith("no stall seen in ");

    threeBlockedBehindHolder();

    Awaitility.await().atMost(DEADLINE).until(() -> !status.isEmpty());
    assertThat(status.get(0))
        .startsWith("WARN stall watchdog: STALL:")
        .contains(
            "ledger-holder",
            "(not sent to OpenTelemetry: no OpenTelemetry instance is installed yet)");
    assertThat(bridge.stats().accepted()).isZero();
  }
}
