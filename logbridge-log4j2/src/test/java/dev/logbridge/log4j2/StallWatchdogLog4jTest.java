package dev.logbridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.doctor.BridgeWatchdog;
import dev.logbridge.testing.ScenarioThreads;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code <LogBridge stallWatchdog="true">} attribute, with real threads and Log4j. */
@Timeout(60)
class StallWatchdogLog4jTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final ScenarioThreads threads = new ScenarioThreads(DEADLINE);
  private final Object ledger = new Object();

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.close();
    Log4jFixture.tearDown();
    otel.close();
  }

  @Test
  void threadsBlockedOnOneMonitorBecomeAStallEventAndStopEndsTheWatchdog() throws Exception {
    LogBridgeAppender appender =
        Log4jFixture.configure(
            "stallWatchdog=\"true\" stallIntervalMillis=\"50\" stallThresholdMillis=\"200\"",
            false);
    Bridge bridge = appender.getBridge();
    bridge.install(otel.sdk());
    Awaitility.await().atMost(DEADLINE).until(bridge::isInstalled);
    assertThat(BridgeWatchdog.of(bridge)).isNotNull();

    CountDownLatch holding = new CountDownLatch(1);
    threads.start(
        "ledger-holder",
        () -> {
          synchronized (ledger) {
            holding.countDown();
            threads.awaitRelease();
          }
        });
    assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 3; i++) {
      threads.start(
          "ledger-worker-" + i,
          () -> {
            synchronized (ledger) {
              ledger.notifyAll();
            }
          });
    }

    Awaitility.await().atMost(DEADLINE).until(() -> stallEvent().isPresent());
    assertThat(
            stallEvent()
                .orElseThrow()
                .getAttributes()
                .get(AttributeKey.stringArrayKey(BridgeWatchdog.THREADS)))
        .isNotEmpty()
        .allMatch(name -> name.startsWith("ledger-worker-"));

    appender.stop(5, TimeUnit.SECONDS);
    Awaitility.await().atMost(DEADLINE).until(() -> BridgeWatchdog.of(bridge) == null);
    // The test logs nothing itself: every record the bridge accepted (the watchdog's events)
    // reached the exporter once, by content, or was counted as dropped.
    assertThat(LogBridge.flush(DEADLINE)).isTrue();
    BridgeStats stats = LogBridge.stats();
    List<String> received =
        otel.logs().stream()
            .map(
                l ->
                    l.getEventName()
                        + "|"
                        + l.getBodyValue().asString()
                        + "|"
                        + l.getObservedTimestampEpochNanos())
            .collect(Collectors.toList());
    assertThat(received).doesNotHaveDuplicates();
    assertThat(received.size() + stats.droppedAfterAcceptance())
        .as(stats.summary())
        .isEqualTo(stats.accepted());
    assertThat(LogBridge.global().queueSize()).isZero();
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
                "ledger-holder"
                    .equals(l.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.OWNER))))
        .findFirst();
  }
}
