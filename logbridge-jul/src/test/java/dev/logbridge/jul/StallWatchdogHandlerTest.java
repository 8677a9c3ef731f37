package dev.logbridge.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.doctor.BridgeWatchdog;
import dev.logbridge.testing.ScenarioThreads;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JUL handler's opt-in stall watchdog, with real threads and the in-memory SDK. */
@Timeout(60)
class StallWatchdogHandlerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final ScenarioThreads threads = new ScenarioThreads(DEADLINE);
  private final Object inventoryLock = new Object();
  private LogBridgeHandler handler;

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.close();
    if (handler != null) {
      handler.close();
    }
    LogBridge.resetGlobal(DEADLINE);
    otel.close();
  }

  private void holdLock(CountDownLatch holding) {
    synchronized (inventoryLock) {
      holding.countDown();
      threads.awaitRelease();
    }
  }

  private void waitForLock() {
    synchronized (inventoryLock) {
      inventoryLock.notifyAll();
    }
  }

  @Test
  void threadsBlockedOnOneMonitorBecomeAStallEventNamingTheHolder() throws Exception {
    LogBridge.resetGlobal(DEADLINE);
    handler =
        LogBridgeHandler.builder()
            .settings(BridgeSettings.builder().shutdownHookEnabled(false).build())
            .stallWatchdog(Duration.ofMillis(50), Duration.ofMillis(200))
            .build();
    Bridge bridge = handler.getBridge();
    bridge.install(otel.sdk());
    Awaitility.await().atMost(DEADLINE).until(bridge::isInstalled);

    CountDownLatch holding = new CountDownLatch(1);
    threads.start("stock-holder", () -> holdLock(holding));
    assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 3; i++) {
      threads.start("stock-worker-" + i, this::waitForLock);
    }

    Awaitility.await().atMost(DEADLINE).until(() -> stallEvent().isPresent());
    LogRecordData event = stallEvent().orElseThrow();
    assertThat(event.getAttributes().get(AttributeKey.stringArrayKey(BridgeWatchdog.THREADS)))
        .isNotEmpty()
        .allMatch(name -> name.startsWith("stock-worker-"));
    assertThat(BridgeWatchdog.of(bridge)).isNotNull();

    handler.close();
    handler = null;
    Awaitility.await().atMost(DEADLINE).until(() -> BridgeWatchdog.of(bridge) == null);
  }

  @Test
  void outOfRangeTimingsFailAtConfigurationNamingTheProperty() {
    assertThatThrownBy(
            () ->
                LogBridgeHandler.builder()
                    .stallWatchdog(Duration.ofMillis(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stallIntervalMillis must be between 10 and 3600000, was 1");
  }

  /**
   * The stall event that names the holder. The watchdog may first report another finding (the
   * holder's own wait on its release latch), so look for the one about the blocked monitor.
   */
  private Optional<LogRecordData> stallEvent() {
    return otel.logs().stream()
        .filter(l -> BridgeWatchdog.EVENT_NAME.equals(l.getEventName()))
        .filter(
            l ->
                "stock-holder"
                    .equals(l.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.OWNER))))
        .findFirst();
  }
}
