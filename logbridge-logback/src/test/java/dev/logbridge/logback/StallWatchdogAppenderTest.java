package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.logbridge.Bridge;
import dev.logbridge.LogBridge;
import dev.logbridge.doctor.BridgeWatchdog;
import dev.logbridge.testing.ScenarioThreads;
import dev.logbridge.testing.TestOpenTelemetry;
import example.orders.Inventory;
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
import org.slf4j.LoggerFactory;

/** The appender's {@code stallWatchdog}: real Logback, real threads, the in-memory SDK. */
@Timeout(60)
class StallWatchdogAppenderTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** Stopping an appender flushes; without an OpenTelemetry instance that waits until this. */
  private static final String QUICK_STOP = "<stopFlushTimeoutMillis>100</stopFlushTimeoutMillis>";

  private static final String FAST_WATCHDOG =
      "<stallWatchdog>true</stallWatchdog>"
          + "<stallThresholdMillis>200</stallThresholdMillis>"
          + "<stallIntervalMillis>50</stallIntervalMillis>";

  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final ScenarioThreads threads = new ScenarioThreads(DEADLINE);

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.close();
    LogbackFixture.tearDown();
    otel.close();
    Awaitility.await().atMost(DEADLINE).until(() -> watchdogThreads() == 0);
  }

  private static long watchdogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("logbridge-stall-watchdog") && t.isAlive())
        .count();
  }

  /** "order-holder" keeps an Inventory's monitor while it waits; four threads block on it. */
  private void fourBlockedBehindHolder() throws InterruptedException {
    Inventory inventory = new Inventory();
    CountDownLatch holding = new CountDownLatch(1);
    threads.start("order-holder", inventory.holdUntil(holding, threads.releaseLatch()));
    assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 4; i++) {
      threads.start("order-worker-" + i, inventory.update());
    }
  }

  /**
   * The stall event about the blocked monitor. The watchdog may first report another finding
   * (the holder's own wait on its release latch), so look for the one naming the holder.
   */
  private static Optional<LogRecordData> stallEvent(TestOpenTelemetry otel) {
    return otel.logs().stream()
        .filter(l -> BridgeWatchdog.EVENT_NAME.equals(l.getEventName()))
        .filter(
            l ->
                "order-holder"
                    .equals(l.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.OWNER))))
        .findFirst();
  }

  @Test
  void threadsBlockedOnOneMonitorBecomeAStatusWarningAndAStallEventNamingTheHolder()
      throws InterruptedException {
    LoggerContext context = LogbackFixture.configure(FAST_WATCHDOG);
    LogBridge.install(otel.sdk());
    Awaitility.await().atMost(DEADLINE).until(() -> LogBridge.global().isInstalled());

    fourBlockedBehindHolder();

    Awaitility.await().atMost(DEADLINE).until(() -> stallEvent(otel).isPresent());
    LogRecordData event = stallEvent(otel).orElseThrow();
    assertThat(event.getInstrumentationScopeInfo().getName()).isEqualTo(Bridge.DIAGNOSTIC_SCOPE);
    assertThat(event.getBodyValue().asString())
        .contains("4 threads blocked behind", "example.orders.Inventory", "held by `order-holder`");
    assertThat(event.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.VERDICT)))
        .isEqualTo("STALL");
    assertThat(event.getAttributes().get(AttributeKey.stringKey(BridgeWatchdog.OWNER)))
        .isEqualTo("order-holder");
    assertThat(event.getAttributes().get(AttributeKey.stringArrayKey(BridgeWatchdog.THREADS)))
        .hasSize(4)
        .allMatch(name -> name.startsWith("order-worker-"));
    assertThat(LogbackFixture.statusMessages(context, Status.WARN))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("stall watchdog: STALL: 4 threads blocked behind")
                    .contains("order-holder"));

    threads.releaseAndJoin();
    assertThat(LogBridge.flush(DEADLINE)).isTrue();
    // Diagnostics are accounted for like any record: 4 "got the lock" records plus each stall
    // event the watchdog sent (at least the one above; it may also have reported the holder's
    // own wait on its latch).
    long events =
        otel.logs().stream()
            .filter(l -> BridgeWatchdog.EVENT_NAME.equals(l.getEventName()))
            .count();
    assertThat(events).isPositive();
    assertThat(LogBridge.stats().accepted()).isEqualTo(4 + events);
    // By content: each worker's "got the lock" arrived once, and nothing else but the events.
    assertThat(
            otel.logs().stream()
                .filter(l -> l.getEventName() == null)
                .map(
                    l ->
                        l.getBodyValue().asString()
                            + " on "
                            + l.getAttributes().get(AttributeKey.stringKey("thread.name"))))
        .containsExactlyInAnyOrder(
            "got the lock on order-worker-1",
            "got the lock on order-worker-2",
            "got the lock on order-worker-3",
            "got the lock on order-worker-4");
    assertThat(otel.logs()).hasSize((int) (4 + events));
    assertThat(LogBridge.stats().droppedAfterAcceptance()).isZero();
  }

  @Test
  void twoAppendersShareOneWatchdogThatStopsWithTheLastOfThem() {
    String appender =
        "class=\"dev.logbridge.logback.LogBridgeAppender\"><shutdownHook>false"
            + "</shutdownHook>"
            + QUICK_STOP
            + FAST_WATCHDOG
            + "</appender>\n";
    String xml =
        "<configuration>\n<appender name=\"A\" "
            + appender
            + "<appender name=\"B\" "
            + appender
            + "<root level=\"INFO\"><appender-ref ref=\"A\"/><appender-ref ref=\"B\"/>"
            + "</root>\n</configuration>";
    LoggerContext context = LogbackFixture.configureXml(xml);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    assertThat(watchdogThreads()).isEqualTo(1);
    assertThat(BridgeWatchdog.of(LogBridge.global())).isNotNull();
    root.getAppender("A").stop();
    assertThat(watchdogThreads()).isEqualTo(1);
    root.getAppender("B").stop();
    assertThat(watchdogThreads()).isZero();
    assertThat(BridgeWatchdog.of(LogBridge.global())).isNull();
  }

  @Test
  void withoutTheDoctorTheAppenderReportsAnErrorNamingItAndStillBridges() {
    LoggerContext context = LogbackFixture.configure(QUICK_STOP);
    LogBridgeAppender appender = LogbackFixture.appender(context);
    appender.stop();
    appender.doctorLoader =
        new ClassLoader(LogBridgeAppender.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.logbridge.doctor.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };
    appender.setStallWatchdog(true);
    appender.start();
    LogBridge.install(otel.sdk());

    LoggerFactory.getLogger("com.example").info("still bridged");

    assertThat(appender.isStarted()).isTrue();
    assertThat(watchdogThreads()).isZero();
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "stallWatchdog", "dev.logbridge:logbridge-doctor", "Running without it"));
    assertThat(LogBridge.flush(DEADLINE)).isTrue();
    assertThat(otel.bodies()).containsExactly("still bridged");
  }

  @Test
  void anOutOfRangeTimingIsAnErrorNamingThePropertyAndTheWatchdogRunsWithTheDefault() {
    LoggerContext context =
        LogbackFixture.configure(
            QUICK_STOP
                + "<stallWatchdog>true</stallWatchdog><stallIntervalMillis>5</stallIntervalMillis>");

    assertThat(LogbackFixture.appender(context).isStarted()).isTrue();
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR))
        .anySatisfy(
            m -> assertThat(m).contains("\"5\" for stallIntervalMillis", "using the default 1000"));
    assertThat(watchdogThreads()).isEqualTo(1);
  }

  @Test
  void theWatchdogIsOffByDefault() {
    LoggerContext context = LogbackFixture.configure(QUICK_STOP);

    assertThat(LogbackFixture.appender(context).isStarted()).isTrue();
    assertThat(watchdogThreads()).isZero();
  }
}
