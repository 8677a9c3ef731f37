package dev.logbridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.LogBridge;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LogBridgeAppenderTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = LogManager.getLogger("com.example.Log4j");

  @AfterEach
  void tearDown() {
    ThreadContext.clearAll();
    Log4jFixture.tearDown();
    otel.close();
  }

  @Test
  void everyLevelIncludingCustomOnesMapsByValue() {
    Log4jFixture.configure("", false);
    LogBridge.install(otel.sdk());

    logger.trace("t");
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    logger.fatal("f");
    logger.log(Level.forName("NOTICE", 350), "n");

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(LogRecordData::getSeverity)
        .containsExactly(
            Severity.TRACE,
            Severity.DEBUG,
            Severity.INFO,
            Severity.WARN,
            Severity.ERROR,
            Severity.FATAL,
            Severity.INFO2);
    assertThat(otel.logs())
        .extracting(LogRecordData::getSeverityText)
        .containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "NOTICE");
  }

  @Test
  void mapsThreadContextMapMessageTypedMarkerAndEventName() {
    Log4jFixture.configure("contextDataExclude=\"secret\"", false);
    LogBridge.install(otel.sdk());
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("secret", "s");
    ThreadContext.put("otel.event.name", "from.context");

    @SuppressWarnings({"rawtypes", "unchecked"})
    MapMessage<?, Object> message = new MapMessage();
    message.with("message", "order placed");
    message.with("order.id", 1234L);
    message.with("amount", 9.5);
    message.with("items", List.of("book", "pen"));
    message.with("otel.event.name", "order.placed");
    logger.info(MarkerManager.getMarker("AUDIT"), message);

    LogRecordData log = otel.onlyLogAfterFlush();
    Attributes attributes = log.getAttributes();
    assertThat(log.getBodyValue().asString()).isEqualTo("order placed");
    assertThat(log.getEventName()).isEqualTo("order.placed");
    assertThat(attributes.get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    assertThat(attributes.get(AttributeKey.stringKey("secret"))).isNull();
    assertThat(attributes.get(AttributeKey.longKey("order.id"))).isEqualTo(1234L);
    assertThat(attributes.get(AttributeKey.doubleKey("amount"))).isEqualTo(9.5);
    assertThat(attributes.get(AttributeKey.stringArrayKey("items"))).containsExactly("book", "pen");
    assertThat(attributes.get(AttributeKey.stringKey("log4j.marker"))).isEqualTo("AUDIT");
    assertThat(attributes.get(AttributeKey.stringKey("message"))).isNull();
  }

  @Test
  void aDeserialisedEventKeepsItsExceptionThroughTheProxy() throws Exception {
    LogBridgeAppender appender = Log4jFixture.configure("", false);
    LogBridge.install(otel.sdk());
    LogEvent original =
        Log4jLogEvent.newBuilder()
            .setLoggerName("com.example.Remote")
            .setLevel(Level.ERROR)
            .setMessage(new SimpleMessage("remote failure"))
            .setThrown(new IllegalStateException("lost connection"))
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(Log4jLogEvent.serialize(original, false));
    }
    LogEvent received;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      received = (LogEvent) in.readObject(); // the proxy resolves to a Log4jLogEvent
    }
    assertThat(received.getThrown()).isNull(); // only the proxy travels

    appender.append(received);

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(attributes.get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("lost connection");
    assertThat(attributes.get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("lost connection", "aDeserialisedEventKeepsItsExceptionThroughTheProxy");
  }

  @Test
  void threadAttributesCanBeLeftOut() {
    Log4jFixture.configure("captureThread=\"false\"", false);
    LogBridge.install(otel.sdk());

    logger.info("no thread");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("thread.name"))).isNull();
    assertThat(attributes.get(AttributeKey.longKey("thread.id"))).isNull();
  }

  @Test
  void threadAttributesAreOnByDefault() {
    Log4jFixture.configure("", false);
    LogBridge.install(otel.sdk());

    logger.info("with thread");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    assertThat(attributes.get(AttributeKey.longKey("thread.id")))
        .isEqualTo(Thread.currentThread().getId());
  }

  @Test
  void codeLocationIsOptIn() {
    Log4jFixture.configure("captureCodeLocation=\"true\"", false);
    LogBridge.install(otel.sdk());

    logger.info("located");

    Attributes attributes = otel.onlyLogAfterFlush().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo(getClass().getName() + ".codeLocationIsOptIn");
    assertThat(attributes.get(AttributeKey.stringKey("code.file.path")))
        .isEqualTo("LogBridgeAppenderTest.java");
  }

  @Test
  void behindAnAsyncAppenderTheCallersTraceContextAndThreadAreKept() {
    Log4jFixture.configure("", true);
    LogBridge.install(otel.sdk());
    Span span = otel.startSpan("async");

    try (Scope ignored = span.makeCurrent()) {
      logger.info("through AsyncAppender");
    } finally {
      span.end();
    }

    LogRecordData log = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (otel.logs().isEmpty() && System.nanoTime() < deadline) {
      LogBridge.flush(Duration.ofMillis(100));
    }
    log = otel.onlyLogAfterFlush();
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("trace_id"))).isNull();
  }

  @Test
  void anInvalidValueIsAStatusErrorNamingTheAttributeAndTheBuilderStillBuilds() {
    List<String> errors = new CopyOnWriteArrayList<>();
    LogBridgeAppender appender =
        Log4jFixture.withStatusLoggerErrorsInto(
            errors,
            () -> LogBridgeAppender.newBuilder().setName("bad").setQueueCapacity(-5).build());
    LogBridgeAppender globs =
        Log4jFixture.withStatusLoggerErrorsInto(
            errors,
            () ->
                LogBridgeAppender.newBuilder()
                    .setName("bad2")
                    .setContextDataInclude("a,,b")
                    .build());

    assertThat(appender).isNotNull();
    assertThat(globs).isNotNull();
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("\"-5\" for queueCapacity"));
    assertThat(errors).anySatisfy(m -> assertThat(m).contains("\"a,,b\" for contextDataInclude"));
  }

  @Test
  void anEventCarryingItsOwnTimeIsObservedWhenCaptured() {
    Log4jFixture.configure("", false);
    LogBridge.install(otel.sdk());
    java.time.Instant anHourAgo = java.time.Instant.now().minus(Duration.ofHours(1));
    // On the logging thread, as a replayed or re-sent event would be.
    LogEvent replayed =
        Log4jLogEvent.newBuilder()
            .setLoggerName(logger.getName())
            .setLevel(Level.INFO)
            .setMessage(new SimpleMessage("replayed"))
            .setTimeMillis(anHourAgo.toEpochMilli())
            .setThreadId(Thread.currentThread().getId())
            .setThreadName(Thread.currentThread().getName())
            .build();

    long before = epochNanos(java.time.Instant.now());
    ((org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false))
        .getConfiguration()
        .getRootLogger()
        .log(replayed);
    long after = epochNanos(java.time.Instant.now());

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getTimestampEpochNanos()).isEqualTo(anHourAgo.toEpochMilli() * 1_000_000L);
    assertThat(log.getObservedTimestampEpochNanos()).isBetween(before, after);
  }

  private static long epochNanos(java.time.Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Test
  void xmlAttributesConfigureTheBridge() {
    LogBridgeAppender appender =
        Log4jFixture.configure("queueCapacity=\"1024\" maxAttributes=\"7\"", false);

    assertThat(appender.getBridge().settings().queueCapacity()).isEqualTo(1024);
    assertThat(appender.getBridge().settings().maxAttributes()).isEqualTo(7);
  }
}
