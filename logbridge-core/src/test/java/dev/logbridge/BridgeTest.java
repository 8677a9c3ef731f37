package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BridgeTest {
  /** Sets the body to the event and adds the event under attribute "value". */
  private static final RecordTranslator<Object> WITH_VALUE =
      (event, capture) ->
          capture.severity(Severity.INFO, "INFO").body("msg").attribute("value", event);

  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);

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

  private Bridge newBridge() {
    return newBridge(BridgeSettings.builder());
  }

  private InMemoryOtel newOtel() {
    InMemoryOtel otel = new InMemoryOtel();
    cleanup.add(otel);
    return otel;
  }

  /**
   * Records an adapter left to the OpenTelemetry Java agent's bridge are counted beside the
   * identity: not accepted, not a loss, named in the summary.
   */
  @Test
  void recordsHandedToTheJavaAgentAreCountedButNeitherAcceptedNorLost() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);

    bridge.capture("com.example", "bridged", BODY);
    for (int i = 0; i < 3; i++) {
      bridge.countHandedToAgent();
    }
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();

    BridgeStats stats = bridge.stats();
    assertThat(stats.handedToAgent()).isEqualTo(3);
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.emitted()).isEqualTo(1);
    assertThat(stats.isBalanced()).isTrue();
    assertThat(stats.hasLosses()).isFalse();
    assertThat(stats.summary()).endsWith(" handed_to_agent=3");
    assertThat(newBridge().stats().summary()).doesNotContain("handed_to_agent");
    assertThat(otel.metricReader.collectAllMetrics())
        .filteredOn(m -> m.getName().equals("logbridge.records.handed_to_agent"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.getLongSumData().getPoints())
                    .singleElement()
                    .satisfies(p -> assertThat(p.getValue()).isEqualTo(3)));
  }

  @Test
  void installedRecordsArriveWithEveryCapturedField() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    Span span = otel.sdk.getTracer("test").spanBuilder("request").startSpan();
    Exception failure = new IllegalStateException("broken");

    try (Scope ignored = span.makeCurrent()) {
      bridge.capture(
          "com.example.Service",
          failure,
          (event, capture) ->
              capture
                  .timestamp(1_700_000_000L, 123_456_789)
                  .severity(Severity.WARN, "WARN")
                  .body("hello")
                  .thread("worker-1", 42)
                  .exception(event)
                  .attribute("user", "alice")
                  .attribute("count", 3)
                  .attribute("ratio", 0.5)
                  .attribute("flag", true)
                  .attribute("tags", List.of("a", "b"))
                  .attribute("otel.event.name", "user.login"));
    } finally {
      span.end();
    }

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).hasSize(1);
    LogRecordData log = otel.logs().get(0);
    assertThat(log.getTimestampEpochNanos()).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(log.getObservedTimestampEpochNanos()).isPositive();
    assertThat(log.getSeverity()).isEqualTo(Severity.WARN);
    assertThat(log.getSeverityText()).isEqualTo("WARN");
    assertThat(log.getBodyValue().asString()).isEqualTo("hello");
    assertThat(log.getInstrumentationScopeInfo().getName()).isEqualTo("com.example.Service");
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(log.getEventName()).isEqualTo("user.login");
    var attributes = log.getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("user"))).isEqualTo("alice");
    assertThat(attributes.get(AttributeKey.longKey("count"))).isEqualTo(3L);
    assertThat(attributes.get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.5);
    assertThat(attributes.get(AttributeKey.booleanKey("flag"))).isTrue();
    assertThat(attributes.get(AttributeKey.stringArrayKey("tags"))).containsExactly("a", "b");
    assertThat(attributes.get(AttributeKey.stringKey("otel.event.name"))).isNull();
    assertThat(attributes.get(AttributeKey.stringKey("thread.name"))).isEqualTo("worker-1");
    assertThat(attributes.get(AttributeKey.longKey("thread.id"))).isEqualTo(42L);
    assertThat(attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(attributes.get(AttributeKey.stringKey("exception.message"))).isEqualTo("broken");
    assertThat(attributes.get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith("java.lang.IllegalStateException: broken");
    assertThat(bridge.stats().emitted()).isEqualTo(1);
  }

  @Test
  void deferredBodiesAreFormattedOnThePipelineThreadFromACopyOfTheArguments() {
    Bridge bridge = newBridge(BridgeSettings.builder().maxBodyLength(16));
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    List<String> formattingThreads = new CopyOnWriteArrayList<>();
    dev.logbridge.spi.BodyFormatter joiner =
        (pattern, args) -> {
          formattingThreads.add(Thread.currentThread().getName());
          return pattern + ":" + java.util.Arrays.toString(args);
        };
    Object[] inert = {"a", 1, java.time.Duration.ofSeconds(1)};
    Object[] notInert = {new StringBuilder("mutable")};

    bridge.capture("com.example", inert, (args, c) -> c.deferredBody("p", args, joiner));
    inert[0] = "changed after the call";
    bridge.capture("com.example", notInert, (args, c) -> c.deferredBody("q", args, joiner));

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(l -> l.getBodyValue().asString())
        .containsExactly("p:[a, 1, PT1S]", "q:[mutable]");
    // The inert arguments were formatted on the pipeline; the mutable one here, at the call.
    assertThat(formattingThreads)
        .containsExactlyInAnyOrder(Thread.currentThread().getName(), "logbridge-pipeline");
  }

  /**
   * Captures are reused (each thread exchanges its filled one for a cleared one): a record must
   * never carry fields of an earlier record that went through the same capture, including a
   * dropped, failed or forwarded one, and a capture never crosses from one bridge to another.
   */
  @Test
  void aReusedCaptureCarriesNothingOfTheRecordBefore() {
    Bridge bridge = newBridge(BridgeSettings.builder().queueCapacity(2).batchSize(2));
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    RecordTranslator<Integer> full =
        (n, capture) ->
            capture
                .timestamp(1_000L + n)
                .severity(Severity.ERROR, "ERROR")
                .deferredBody("full {}", new Object[] {n}, (pattern, args) -> pattern + args[0])
                .thread("worker", 7)
                .exception(new IllegalStateException("boom " + n))
                .attribute("user", "alice")
                .attribute("otel.event.name", "full.event");
    RecordTranslator<Integer> bare = (n, capture) -> capture.body("bare " + n);
    RecordTranslator<Integer> failing =
        (n, capture) -> {
          capture.attribute("half", "filled");
          throw new IllegalStateException("translator failed");
        };
    RecordTranslator<Integer> forwarded =
        (n, capture) -> capture.attribute("copy", "x").forwarded();

    // Enough rounds for every capture in the ring to have served each kind of record.
    for (int round = 0; round < 20; round++) {
      bridge.capture("com.example.Full", round, full);
      bridge.capture("com.example.Failing", round, failing);
      bridge.capture("com.example.Forwarded", round, forwarded);
      bridge.capture("com.example.Bare", round, bare);
      assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    }
    Bridge other = newBridge();
    InMemoryOtel otherOtel = newOtel();
    other.install(otherOtel.sdk);
    other.capture("com.example.Other", 0, bare);
    assertThat(other.flush(Duration.ofSeconds(10))).isTrue();

    List<LogRecordData> bareRecords =
        otel.logs().stream()
            .filter(l -> l.getInstrumentationScopeInfo().getName().equals("com.example.Bare"))
            .toList();
    assertThat(bareRecords)
        .hasSize(20)
        .allSatisfy(
            l -> {
              assertThat(l.getBodyValue().asString()).startsWith("bare ");
              assertThat(l.getTimestampEpochNanos()).isNotEqualTo(1_000L);
              assertThat(l.getSeverity()).isEqualTo(Severity.UNDEFINED_SEVERITY_NUMBER);
              assertThat(l.getSeverityText()).isNull();
              assertThat(l.getEventName()).isNull();
              assertThat(l.getAttributes().asMap().keySet())
                  .extracting(AttributeKey::getKey)
                  .doesNotContain("user", "half", "copy", "exception.type", "thread.name");
            });
    assertThat(otel.logs())
        .filteredOn(l -> l.getInstrumentationScopeInfo().getName().equals("com.example.Full"))
        .hasSize(20)
        .allSatisfy(
            l -> {
              assertThat(l.getBodyValue().asString()).startsWith("full ");
              assertThat(l.getAttributes().get(AttributeKey.stringKey("user"))).isEqualTo("alice");
              assertThat(l.getAttributes().asMap().keySet())
                  .extracting(AttributeKey::getKey)
                  .doesNotContain("half", "copy");
            });
    assertThat(otherOtel.logs())
        .singleElement()
        .satisfies(l -> assertThat(l.getBodyValue().asString()).isEqualTo("bare 0"));
    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.CAPTURE_ERROR)).isEqualTo(20);
    assertThat(stats.dropped(DropReason.FORWARDED)).isEqualTo(20);
    assertThat(stats.emitted()).isEqualTo(40);
  }

  @Test
  void rootLoggerBecomesTheRootScope() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);

    bridge.capture("", "root record", BODY);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs().get(0).getInstrumentationScopeInfo().getName()).isEqualTo("ROOT");
  }

  @Test
  void recordsLoggedBeforeInstallWaitWithTheirTraceContextAndThread() throws Exception {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    Span span = otel.sdk.getTracer("test").spanBuilder("early").startSpan();
    Thread logger =
        new Thread(
            () -> {
              try (Scope ignored = span.makeCurrent()) {
                bridge.capture(
                    "com.example",
                    "early",
                    (event, capture) ->
                        capture
                            .body(event)
                            .thread(
                                Thread.currentThread().getName(), Thread.currentThread().getId()));
              }
            },
            "early-thread");
    logger.start();
    logger.join(10_000);
    span.end();

    assertThat(bridge.flush(Duration.ofMillis(200))).isFalse();
    assertThat(bridge.stats().pending()).isEqualTo(1);

    bridge.install(otel.sdk);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    LogRecordData log = otel.logs().get(0);
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo("early-thread");
  }

  @Test
  void globalOpenTelemetryIsUsedOnceSomeoneSetsIt() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.capture("com.example", "before global", BODY);

    GlobalOpenTelemetry.set(otel.sdk);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(l -> l.getBodyValue().asString())
        .containsExactly("before global");
  }

  @Test
  void anInstalledInstanceWinsOverGlobalOpenTelemetry() {
    Bridge bridge = newBridge();
    InMemoryOtel global = newOtel();
    InMemoryOtel installed = newOtel();
    GlobalOpenTelemetry.set(global.sdk);
    bridge.install(installed.sdk);

    bridge.capture("com.example", "x", BODY);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(installed.logs()).hasSize(1);
    assertThat(global.logs()).isEmpty();
  }

  @Test
  void overflowBeforeInstallIsCountedAsPreInstallOverflow() {
    Bridge bridge = newBridge(BridgeSettings.builder().queueCapacity(4));

    for (int i = 0; i < 10; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    BridgeStats stats = bridge.stats();
    assertThat(stats.queueCapacity()).isEqualTo(4);
    assertThat(stats.accepted()).isEqualTo(10);
    // Not installed, so nothing is in flight: pending is what the ring holds.
    assertThat(bridge.queueSize()).isEqualTo(4);
    assertThat(stats.pending()).isEqualTo(bridge.queueSize());
    assertThat(stats.dropped(DropReason.PRE_INSTALL_OVERFLOW)).isEqualTo(6);

    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(Ledger.bodiesOf(otel.logs())).containsExactly("r0", "r1", "r2", "r3");
    Ledger.assertAccounted(Ledger.bodies("r", 10), Ledger.bodiesOf(otel.logs()), bridge.stats(), 0);
  }

  @Test
  void aFullQueueDropsRecordsUntranslatedWhereTheTranslatorAllowsItAndCountsThemTheSame() {
    Bridge bridge = newBridge(BridgeSettings.builder().queueCapacity(4));
    AtomicInteger translated = new AtomicInteger();
    RecordTranslator<String> droppable =
        new RecordTranslator<>() {
          @Override
          public void translate(String event, RecordCapture capture) {
            translated.incrementAndGet();
            capture.severity(Severity.INFO, "INFO").body(event);
          }

          @Override
          public boolean canDropUntranslated(String event) {
            return true;
          }
        };

    for (int i = 0; i < 10; i++) {
      bridge.capture("com.example", "r" + i, droppable);
    }

    // Four filled the queue (not installed yet, so they wait); six found it full.
    assertThat(translated).hasValue(4);
    BridgeStats stats = bridge.stats();
    assertThat(stats.accepted()).isEqualTo(10);
    assertThat(stats.pending()).isEqualTo(4).isEqualTo(bridge.queueSize());
    assertThat(stats.dropped(DropReason.PRE_INSTALL_OVERFLOW)).isEqualTo(6);

    // A translator that must see every event (the default) still runs on a full queue.
    RecordTranslator<String> mustSee =
        (event, capture) -> {
          translated.incrementAndGet();
          capture.body(event);
        };
    bridge.capture("com.example", "seen", mustSee);
    assertThat(translated).hasValue(5);
    assertThat(bridge.stats().dropped(DropReason.PRE_INSTALL_OVERFLOW)).isEqualTo(7);

    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    List<String> sent = new ArrayList<>(Ledger.bodies("r", 10));
    sent.add("seen");
    Ledger.assertAccounted(sent, Ledger.bodiesOf(otel.logs()), bridge.stats(), 0);
  }

  @Test
  void overflowAfterInstallIsCountedAsQueueFullAndReported() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingExporter blocking = new BlockingExporter(release);
    InMemoryOtel otel = new InMemoryOtel(blocking);
    cleanup.add(otel);
    cleanup.add(release::countDown);
    Bridge bridge =
        newBridge(BridgeSettings.builder().queueCapacity(4).statusInterval(Duration.ZERO));
    bridge.install(otel.sdk);
    bridge.capture("com.example", "blocks the pipeline", BODY);
    assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 10; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(6);
    // Pending: the four in the ring plus the one the exporter holds (a batch of one).
    assertThat(bridge.queueSize()).isEqualTo(4);
    assertThat(stats.pending()).isEqualTo(bridge.queueSize() + 1);
    release.countDown();
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.stream().anyMatch(s -> s.contains("queue (capacity 4) was full")));
    assertThat(bridge.stats().emitted()).isEqualTo(5);
    List<String> sent = new ArrayList<>(Ledger.bodies("r", 10));
    sent.add("blocks the pipeline");
    Ledger.assertAccounted(sent, Ledger.bodiesOf(otel.logs()), bridge.stats(), 0);
  }

  @Test
  void aToStringThatLogsIsCountedAsRecursionAndTheOuterRecordArrivesOnce() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    Object logsWhenPrinted =
        new Object() {
          @Override
          public String toString() {
            bridge.capture("com.example", "nested", BODY);
            return "printed";
          }
        };

    bridge.capture("com.example", logsWhenPrinted, WITH_VALUE);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).hasSize(1);
    assertThat(otel.logs().get(0).getAttributes().get(AttributeKey.stringKey("value")))
        .isEqualTo("printed");
    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.RECURSION)).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(1);
  }

  @Test
  void selfOriginatedRecordsAreNeverBridged() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);

    bridge.capture("io.opentelemetry.exporter.internal.http.HttpExporter", "failed", BODY);
    bridge.capture("dev.logbridge.Anything", "ours", BODY);
    InstrumentationUtil.suppressInstrumentation(
        () -> bridge.capture("com.example", "inside an exporter", BODY));
    bridge.capture("com.example", "application", BODY);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(l -> l.getBodyValue().asString())
        .containsExactly("application");
    assertThat(bridge.stats().dropped(DropReason.SELF_ORIGIN)).isEqualTo(3);
  }

  @Test
  void anExporterThatLogsThroughTheBridgeIsCutOnThePipelineThread() {
    AtomicReference<Bridge> bridgeRef = new AtomicReference<>();
    LogRecordExporter loggingExporter = exporterThatLogs(bridgeRef, "com.example.Exporter");
    InMemoryOtel otel = new InMemoryOtel(loggingExporter);
    cleanup.add(otel);
    Bridge bridge = newBridge();
    bridgeRef.set(bridge);
    bridge.install(otel.sdk);

    for (int i = 0; i < 100; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).hasSize(100);
    assertThat(bridge.stats().dropped(DropReason.SELF_ORIGIN)).isEqualTo(100);
  }

  @Test
  void anExporterThatLogsBehindTheBatchProcessorDoesNotFeedItself() {
    AtomicReference<Bridge> bridgeRef = new AtomicReference<>();
    LogRecordExporter auditing = exporterThatLogs(bridgeRef, "com.example.AuditingExporter");
    io.opentelemetry.sdk.OpenTelemetrySdk sdk =
        io.opentelemetry.sdk.OpenTelemetrySdk.builder()
            .setLoggerProvider(
                io.opentelemetry.sdk.logs.SdkLoggerProvider.builder()
                    .addLogRecordProcessor(
                        io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor.builder(auditing)
                            .setScheduleDelay(Duration.ofMillis(50))
                            .build())
                    .build())
            .build();
    cleanup.add(sdk);
    Bridge bridge = newBridge();
    bridgeRef.set(bridge);
    bridge.install(sdk);

    for (int i = 0; i < 100; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();

    // The exporter logs on the SDK's worker thread after every export; none of it may come
    // back as a record, however long the application stays silent.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> bridge.stats().accepted() == 100);
    assertThat(bridge.stats().dropped(DropReason.SELF_ORIGIN)).isPositive();
  }

  @Test
  void aTranslatorThatThrowsIsCountedAsCaptureErrorAndNeverThrows() {
    Bridge bridge = newBridge();

    bridge.capture(
        "com.example",
        "x",
        (event, capture) -> {
          throw new IllegalStateException("adapter bug");
        });

    BridgeStats stats = bridge.stats();
    assertThat(stats.dropped(DropReason.CAPTURE_ERROR)).isEqualTo(1);
    assertThat(stats.accepted()).isZero();
  }

  @Test
  void emitFailuresAreCountedAndReported() {
    Bridge bridge = newBridge(BridgeSettings.builder().statusInterval(Duration.ZERO));
    bridge.install(new ThrowingOpenTelemetry());

    bridge.capture("com.example", "x", BODY);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(bridge.stats().dropped(DropReason.EMIT_ERROR)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.stream().anyMatch(s -> s.contains("emit() failed")));
  }

  @Test
  void flushAndShutdownReturnByTheirDeadlineWhenTheExporterHangs() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingExporter blocking = new BlockingExporter(release);
    InMemoryOtel otel = new InMemoryOtel(blocking);
    cleanup.add(otel);
    cleanup.add(release::countDown);
    Bridge bridge = newBridge();
    bridge.install(otel.sdk);
    for (int i = 0; i < 5; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }
    assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    assertThat(bridge.flush(Duration.ofMillis(300))).isFalse();
    assertThat(bridge.shutdown(Duration.ofMillis(300))).isFalse();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsedMillis).isLessThan(5_000);

    bridge.capture("com.example", "after shutdown", BODY);
    BridgeStats stats = bridge.stats();
    // Still pending: the record stuck inside the exporter, plus the rest of the consumer's
    // batch; whatever was still queued and the late record are counted as shutdown.
    // The ring is empty; what is pending is in the consumer's batch, which has no accessor.
    assertThat(bridge.queueSize()).isZero();
    assertThat(stats.pending()).isBetween(1L, 5L);
    assertThat(stats.pending() + stats.dropped(DropReason.SHUTDOWN)).isEqualTo(6);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> bridge.stats().pending() == 0);
    assertThat(bridge.stats().emitted()).isEqualTo(1);
    assertThat(bridge.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(5);
    List<String> sent = new ArrayList<>(Ledger.bodies("r", 5));
    sent.add("after shutdown");
    Ledger.assertAccounted(sent, Ledger.bodiesOf(otel.logs()), bridge.stats(), 0);
  }

  @Test
  void flushAfterShutdownReturnsAtOnce() {
    Bridge bridge = newBridge();
    bridge.install(newOtel().sdk);
    bridge.capture("com.example", "x", BODY);
    assertThat(bridge.shutdown(Duration.ofSeconds(10))).isTrue();

    long start = System.nanoTime();
    assertThat(bridge.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shutdownEmitsWhatIsQueuedWhenTheExporterIsHealthy() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    for (int i = 0; i < 1000; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    assertThat(bridge.shutdown(Duration.ofSeconds(10))).isTrue();

    BridgeStats stats = bridge.stats();
    assertThat(stats.emitted()).isEqualTo(1000);
    assertThat(stats.pending()).isZero();
    assertThat(stats.droppedAfterAcceptance()).isZero();
    Ledger.assertAccounted(Ledger.bodies("r", 1000), Ledger.bodiesOf(otel.logs()), stats, 0);
  }

  @Test
  void countersArePublishedAsOpenTelemetryMetrics() {
    Bridge bridge = newBridge();
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    bridge.capture("com.example", "x", BODY);
    bridge.capture("io.opentelemetry.sdk", "self", BODY);
    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();

    Map<String, MetricData> metrics = new java.util.HashMap<>();
    for (MetricData metric : otel.metricReader.collectAllMetrics()) {
      metrics.put(metric.getName(), metric);
    }

    assertThat(metrics)
        .containsKeys(
            "logbridge.records.accepted",
            "logbridge.records.emitted",
            "logbridge.records.dropped",
            "logbridge.records.cut",
            "logbridge.queue.size");
    assertThat(metrics.get("logbridge.records.emitted").getLongSumData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
    assertThat(metrics.get("logbridge.records.dropped").getLongSumData().getPoints())
        .anySatisfy(
            p -> {
              assertThat(p.getAttributes().get(AttributeKey.stringKey("reason")))
                  .isEqualTo("self_origin");
              assertThat(p.getValue()).isEqualTo(1);
            });
  }

  @Test
  void snapshotsWhileFourThreadsLogNeverShowMorePendingThanTheRingAndOneBatchCanHold()
      throws Exception {
    Bridge bridge = newBridge(BridgeSettings.builder().queueCapacity(64));
    InMemoryOtel otel = newOtel();
    bridge.install(otel.sdk);
    // install() hands over asynchronously; until the pipeline takes the instance, overflow
    // would be counted as pre_install_overflow rather than queue_full.
    await().atMost(Duration.ofSeconds(10)).until(bridge::isInstalled);
    // Calls counted by the producers themselves: begun before a capture, done after it.
    AtomicLong begun = new AtomicLong();
    AtomicLong done = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String prefix = "t" + t + "-";
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  begun.incrementAndGet();
                  bridge.capture("com.example", prefix + i, BODY);
                  done.incrementAndGet();
                }
              });
      threads.add(thread);
      thread.start();
    }
    // Pending is derived from the counters, so it is bounded independently: a pending record
    // is in the ring (its capacity) or in the consumer's batch (the batch size). A snapshot is
    // not atomic: records accepted and dropped while it reads the counters show as pending, at
    // most the calls that were under way during the snapshot.
    long held = bridge.queueCapacity() + bridge.settings().batchSize();
    int snapshots = 0;
    while (threads.stream().anyMatch(Thread::isAlive)) {
      long doneBefore = done.get();
      BridgeStats snapshot = bridge.stats();
      long begunAfter = begun.get();
      assertThat(snapshot.accepted()).as(snapshot.summary()).isBetween(doneBefore, begunAfter);
      assertThat(snapshot.pending())
          .as(snapshot.summary())
          .isBetween(0L, held + (begunAfter - doneBefore));
      snapshots++;
    }
    for (Thread thread : threads) {
      thread.join(60_000);
    }

    assertThat(bridge.flush(Duration.ofSeconds(30))).isTrue();
    BridgeStats stats = bridge.stats();
    assertThat(snapshots).isPositive();
    assertThat(stats.accepted()).as(stats.summary()).isEqualTo(80_000);
    assertThat(stats.pending()).isZero();
    assertThat(stats.emitted() + stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(80_000);
    List<String> sent = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      sent.addAll(Ledger.bodies("t" + t + "-", 20_000));
    }
    Ledger.assertAccounted(sent, Ledger.bodiesOf(otel.logs()), stats, 0);
  }

  @Test
  void autoconfigureBuildsTheSdkOnThePipelineThread() {
    System.setProperty("otel.logs.exporter", "none");
    System.setProperty("otel.traces.exporter", "none");
    System.setProperty("otel.metrics.exporter", "none");
    try {
      Bridge bridge = newBridge();
      bridge.capture("com.example", "x", BODY);
      assertThat(bridge.isInstalled()).isFalse();

      bridge.enableAutoconfigure();

      assertThat(bridge.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(bridge.isInstalled()).isTrue();
      assertThat(bridge.stats().emitted()).isEqualTo(1);
      assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    } finally {
      System.clearProperty("otel.logs.exporter");
      System.clearProperty("otel.traces.exporter");
      System.clearProperty("otel.metrics.exporter");
    }
  }

  @Test
  void invalidSettingsFailWithTheirNameAndValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BridgeSettings.builder().queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity must be between 1 and 268435456, was 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BridgeSettings.builder().shutdownHookTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("shutdownHookTimeout")
        .hasMessageContaining("PT-1S");
  }

  @Test
  void settingsFromTypedValuesSkipNullsAndParseTheRest() {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("queueCapacity", null);
    assertThat(BridgeSettings.fromValues(values)).isNull();

    values.put("queueCapacity", 2048);
    values.put("shutdownHook", Boolean.FALSE);
    BridgeSettings settings = BridgeSettings.fromValues(values);
    assertThat(settings.queueCapacity()).isEqualTo(2048);
    assertThat(settings.shutdownHookEnabled()).isFalse();

    values.put("batchSize", -1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BridgeSettings.fromValues(values))
        .hasMessageContaining("batchSize");
  }

  @Test
  void settingsReadFromStringPropertiesNameTheBrokenOne() {
    java.util.Map<String, String> props = new java.util.HashMap<>();
    assertThat(BridgeSettings.fromProperties(props::get)).isNull();

    props.put("queueCapacity", " 1024 ");
    props.put("excludedLoggerPrefixes", "io.opentelemetry, com.acme.noisy");
    props.put("shutdownHook", "false");
    BridgeSettings settings = BridgeSettings.fromProperties(props::get);
    assertThat(settings.queueCapacity()).isEqualTo(1024);
    assertThat(settings.excludedLoggerPrefixes())
        .containsExactly("io.opentelemetry", "com.acme.noisy");
    assertThat(settings.shutdownHookEnabled()).isFalse();

    props.put("maxBodyLength", "lots");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BridgeSettings.fromProperties(props::get))
        .hasMessage(
            "invalid value \"lots\" for maxBodyLength (must be an integer from 16 to"
                + " 268435456); using the default 65536");
  }

  /** An exporter that logs through {@code bridge} (set later) on every export, as some do. */
  private static LogRecordExporter exporterThatLogs(
      AtomicReference<Bridge> bridge, String loggerName) {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        bridge.get().capture(loggerName, "exported " + logs.size(), BODY);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  /** An exporter that blocks in export() until released, like a hung collector connection. */
  static final class BlockingExporter implements LogRecordExporter {
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release;

    BlockingExporter(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      release.countDown();
      return CompletableResultCode.ofSuccess();
    }
  }
}
