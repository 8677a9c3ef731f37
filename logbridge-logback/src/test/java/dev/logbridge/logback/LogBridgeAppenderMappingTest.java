package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

@Timeout(30)
class LogBridgeAppenderMappingTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = LoggerFactory.getLogger("com.example.Checkout");

  @AfterEach
  void tearDown() {
    MDC.clear();
    LogbackFixture.tearDown();
    otel.close();
  }

  private void start(String properties) {
    LogbackFixture.configure(properties);
    LogBridge.install(otel.sdk());
  }

  @Test
  void mapsBodyTimeSeverityScopeThreadAndTraceContext() {
    start("");
    Span span = otel.startSpan("checkout");
    Instant before = Instant.now();

    try (Scope ignored = span.makeCurrent()) {
      logger.warn("user {} paid {}", "alice", 42);
    } finally {
      span.end();
    }

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getBodyValue().asString()).isEqualTo("user alice paid 42");
    assertThat(log.getSeverity()).isEqualTo(Severity.WARN);
    assertThat(log.getSeverityText()).isEqualTo("WARN");
    assertThat(log.getInstrumentationScopeInfo().getName()).isEqualTo("com.example.Checkout");
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    long beforeNanos = before.getEpochSecond() * 1_000_000_000L + before.getNano();
    assertThat(log.getTimestampEpochNanos()).isGreaterThanOrEqualTo(beforeNanos - 1_000_000);
    assertThat(log.getObservedTimestampEpochNanos())
        .isGreaterThanOrEqualTo(log.getTimestampEpochNanos());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id")))
        .isEqualTo(Thread.currentThread().getId());
  }

  @Test
  void timestampKeepsLogbacksNanosecondPrecision() {
    start("");

    logger.info("precise");

    LogRecordData log = otel.onlyLogAfterFlush();
    // Logback 1.3+ takes Instant.now(): sub-millisecond digits survive (microseconds on Linux).
    assertThat(log.getTimestampEpochNanos() % 1_000_000).isNotZero();
  }

  @Test
  void anEventWithAnOlderTimeOfItsOwnKeepsItAndIsObservedWhenCaptured() {
    LoggerContext context = LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    ch.qos.logback.classic.Logger replaying = context.getLogger("com.example.Replay");
    LoggingEvent replayed =
        new LoggingEvent(
            ch.qos.logback.classic.Logger.class.getName(),
            replaying,
            ch.qos.logback.classic.Level.INFO,
            "replayed",
            null,
            null);
    Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
    replayed.setInstant(anHourAgo);
    long before = epochNanos(Instant.now());

    replaying.callAppenders(replayed); // on this thread, as a relay or a replay would

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getTimestampEpochNanos()).isEqualTo(epochNanos(anHourAgo));
    assertThat(log.getObservedTimestampEpochNanos()).isBetween(before, epochNanos(Instant.now()));
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Test
  void outsideASpanTheRecordHasNoTraceContext() {
    start("");

    logger.info("no span");

    assertThat(otel.onlyLogAfterFlush().getSpanContext()).isEqualTo(SpanContext.getInvalid());
  }

  @Test
  void everyLogbackLevelMapsToItsSeverity() {
    start("");

    logger.trace("t");
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(LogRecordData::getSeverity)
        .containsExactly(
            Severity.TRACE, Severity.DEBUG, Severity.INFO, Severity.WARN, Severity.ERROR);
    assertThat(otel.logs())
        .extracting(LogRecordData::getSeverityText)
        .containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  }

  @Test
  void mapsExceptions() {
    start("");

    logger.error(
        "failed",
        new IllegalStateException("db down", new java.io.IOException("connection reset")));

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(attributes.get(AttributeKey.stringKey("exception.message"))).isEqualTo("db down");
    assertThat(attributes.get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith("java.lang.IllegalStateException: db down\n\tat ")
        .contains("Caused by: java.io.IOException: connection reset");
  }

  @Test
  void mapsMdcKeyValuesTypedAndMarkers() {
    start("");
    MDC.put("tenant", "acme");

    logger
        .atInfo()
        .addMarker(MarkerFactory.getMarker("AUDIT"))
        .addKeyValue("order.id", 1234L)
        .addKeyValue("amount", 9.5)
        .addKeyValue("paid", true)
        .addKeyValue("items", List.of("book", "pen"))
        .addKeyValue("when", Instant.parse("2026-11-25T12:00:00Z"))
        .addKeyValue("tags", Set.of("x"))
        .log("order placed");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    assertThat(attributes.get(AttributeKey.longKey("order.id"))).isEqualTo(1234L);
    assertThat(attributes.get(AttributeKey.doubleKey("amount"))).isEqualTo(9.5);
    assertThat(attributes.get(AttributeKey.booleanKey("paid"))).isTrue();
    assertThat(attributes.get(AttributeKey.stringArrayKey("items"))).containsExactly("book", "pen");
    assertThat(attributes.get(AttributeKey.stringKey("when"))).isEqualTo("2026-11-25T12:00:00Z");
    assertThat(attributes.get(AttributeKey.stringArrayKey("tags"))).containsExactly("x");
    assertThat(attributes.get(AttributeKey.stringArrayKey("logback.marker")))
        .containsExactly("AUDIT");
  }

  @Test
  void eventNameFromKeyValuesOrMdcBecomesTheEventName() {
    start("");

    logger.atInfo().addKeyValue("otel.event.name", "order.placed").log("kv");
    MDC.put("otel.event.name", "from.mdc");
    logger.info("mdc");

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(LogRecordData::getEventName)
        .containsExactly("order.placed", "from.mdc");
    assertThat(otel.logs().get(0).getAttributes().get(AttributeKey.stringKey("otel.event.name")))
        .isNull();
  }

  @Test
  void includeAndExcludeGlobsFilterMdcAndKeyValues() {
    start(
        "<mdcInclude>user.*</mdcInclude><mdcExclude>*.secret</mdcExclude>"
            + "<keyValueExclude>debug.*</keyValueExclude>");
    MDC.put("user.id", "u1");
    MDC.put("user.secret", "s");
    MDC.put("tenant", "t");

    logger.atInfo().addKeyValue("debug.x", 1).addKeyValue("kept", 2).log("filtered");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("user.id"))).isEqualTo("u1");
    assertThat(attributes.get(AttributeKey.stringKey("user.secret"))).isNull();
    assertThat(attributes.get(AttributeKey.stringKey("tenant"))).isNull();
    assertThat(attributes.get(AttributeKey.longKey("debug.x"))).isNull();
    assertThat(attributes.get(AttributeKey.longKey("kept"))).isEqualTo(2L);
  }

  @Test
  void eachRecordKeepsTheMdcOfItsCallWhileItWaitsForTheExport() {
    // Records wait in the queue until install, so the MDC changes below happen while the first
    // records still hold (by reference) the MDC snapshot of their call.
    LogbackFixture.configure("");
    MDC.put("tenant", "acme");
    MDC.put("request", "r-1");
    logger.info("first");
    MDC.put("tenant", "globex");
    MDC.remove("request");
    logger.info("second");
    MDC.clear();
    logger.info("third");

    LogBridge.install(otel.sdk());
    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(otel.logs())
        .extracting(
            log ->
                log.getBodyValue().asString()
                    + " tenant="
                    + log.getAttributes().get(AttributeKey.stringKey("tenant"))
                    + " request="
                    + log.getAttributes().get(AttributeKey.stringKey("request")))
        .containsExactly(
            "first tenant=acme request=r-1",
            "second tenant=globex request=null",
            "third tenant=null request=null");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aNonStringSmuggledIntoTheMdcIsNamedNotRunOnThePipelineThread() {
    start("");
    Object smuggled =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("the pipeline thread ran an MDC value's toString()");
          }
        };
    Map raw = new HashMap();
    raw.put("tenant", "acme");
    raw.put("smuggled", smuggled); // heap pollution: MDC.put only takes strings
    MDC.setContextMap(raw);

    logger.info("polluted");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    assertThat(attributes.get(AttributeKey.stringKey("smuggled")))
        .isEqualTo("<" + smuggled.getClass().getName() + ">");
  }

  @Test
  void behindAnAsyncAppenderTheMdcOfTheLoggingThreadIsCaptured() throws Exception {
    LoggerContext context = LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    Appender<ILoggingEvent> bridgeAppender = LogbackFixture.appender(context);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(bridgeAppender);
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("ASYNC");
    async.addAppender(bridgeAppender);
    async.start();
    root.addAppender(async);
    MDC.put("tenant", "acme");

    logger.info("through async");
    MDC.put("tenant", "changed after the call");
    async.stop(); // drains its queue into the bridge

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getBodyValue().asString()).isEqualTo("through async");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
  }

  @Test
  void threadAttributesCanBeLeftOut() {
    start("<captureThread>false</captureThread>");

    logger.info("no thread");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("thread.name"))).isNull();
    assertThat(attributes.get(AttributeKey.longKey("thread.id"))).isNull();
  }

  @Test
  void threadAttributesAreOnByDefault() {
    start("");

    logger.info("with thread");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    assertThat(attributes.get(AttributeKey.longKey("thread.id")))
        .isEqualTo(Thread.currentThread().getId());
  }

  @Test
  void codeLocationIsOptIn() {
    start("");
    logger.info("without");
    assertThat(
            otel.onlyLogAfterFlush()
                .getAttributes()
                .get(AttributeKey.stringKey("code.function.name")))
        .isNull();
    LogbackFixture.tearDown();
    otel.close();

    TestOpenTelemetry withLocation = TestOpenTelemetry.create();
    try {
      LogbackFixture.configure("<captureCodeLocation>true</captureCodeLocation>");
      LogBridge.install(withLocation.sdk());
      logger.info("with");
      assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
      Attributes attributes = withLocation.logs().get(0).getAttributes();
      assertThat(attributes.get(AttributeKey.stringKey("code.function.name")))
          .isEqualTo(getClass().getName() + ".codeLocationIsOptIn");
      assertThat(attributes.get(AttributeKey.stringKey("code.file.path")))
          .isEqualTo("LogBridgeAppenderMappingTest.java");
      assertThat(attributes.get(AttributeKey.longKey("code.line.number"))).isPositive();
    } finally {
      withLocation.close();
    }
  }

  @Test
  void recordsBeforeInstallWaitAndKeepTheirTraceContextAndThread() throws Exception {
    LoggerContext context = LogbackFixture.configure("");
    Span span = otel.startSpan("early");
    Thread early =
        new Thread(
            () -> {
              try (Scope ignored = span.makeCurrent()) {
                logger.info("logged before install");
              }
            },
            "early-worker");
    early.start();
    early.join(10_000);
    span.end();
    assertThat(LogBridge.stats().pending()).isEqualTo(1);

    LogBridge.install(otel.sdk());

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo("early-worker");
    assertThat(context).isNotNull();
  }
}
