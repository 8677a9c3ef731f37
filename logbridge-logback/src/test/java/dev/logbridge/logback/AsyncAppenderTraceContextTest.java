package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The caller's trace context and thread id through Logback's AsyncAppender (real Logback). */
@Timeout(60)
class AsyncAppenderTraceContextTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final ContextKey<Object> PROBE = ContextKey.named("probe");
  private static final String FIX = LogBridgeAsyncAppender.class.getName();

  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  // Spans from a tracer provider with a span processor: without one, the SDK's tracer makes only
  // invalid (propagated) spans, against which any trace correlation check passes vacuously.
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
          .build();
  private final Tracer tracer = tracing.get("dev.logbridge.logback.test");
  private final Logger logger = LoggerFactory.getLogger("com.example.Checkout");
  private final Gate gate = new Gate();

  @AfterEach
  void tearDown() {
    gate.open();
    LogbackFixture.tearDown();
    otel.close();
    tracing.close();
  }

  /** Starts a sampled span named {@code name}; the caller makes it current and ends it. */
  private Span startSpan(String name) {
    Span span = tracer.spanBuilder(name).startSpan();
    assertThat(span.getSpanContext().isValid()).isTrue();
    return span;
  }

  /** OTEL (logbridge) behind an async appender of class {@code asyncClass}, on the root. */
  private LoggerContext start(String asyncClass, String asyncProperties) {
    LoggerContext context =
        LogbackFixture.configureXml(
            "<configuration>\n"
                + "  <appender name=\"OTEL\" class=\"dev.logbridge.logback.LogBridgeAppender\">\n"
                + "    <shutdownHook>false</shutdownHook>\n"
                + "  </appender>\n"
                + "  <appender name=\"ASYNC\" class=\""
                + asyncClass
                + "\">\n"
                + asyncProperties
                + "    <appender-ref ref=\"OTEL\"/>\n"
                + "  </appender>\n"
                + "  <root level=\"TRACE\"><appender-ref ref=\"ASYNC\"/></root>\n"
                + "</configuration>\n");
    LogBridge.install(otel.sdk());
    assertThat(async(context).isStarted()).isTrue();
    return context;
  }

  private static AsyncAppender async(LoggerContext context) {
    return (AsyncAppender)
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
  }

  /** Waits until the async worker and the bridge have exported {@code count} records. */
  private List<LogRecordData> awaitRecords(int count) {
    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              LogBridge.flush(Duration.ofSeconds(5));
              return otel.logs().size() >= count;
            });
    assertThat(otel.logs()).hasSize(count);
    return otel.logs();
  }

  private static List<String> crossThreadNotices(LoggerContext context) {
    return LogbackFixture.statusMessages(context, Status.WARN).stream()
        .filter(message -> message.contains(FIX))
        .collect(Collectors.toList());
  }

  @Test
  void behindLogBridgeAsyncAppenderTheRecordHasTheCallersSpanAndThread() {
    LoggerContext context = start(FIX, "");
    List<String> appendingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    async(context).getAppender("OTEL").addFilter(recordingThreadInto(appendingThreads));
    Span span = startSpan("checkout");

    try (Scope ignored = span.makeCurrent()) {
      logger.info("paid {}", 42);
    } finally {
      span.end();
    }

    LogRecordData log = awaitRecords(1).get(0);
    assertThat(appendingThreads).containsExactly("AsyncAppender-Worker-ASYNC");
    assertThat(log.getBodyValue().asString()).isEqualTo("paid 42");
    assertThat(log.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(log.getSpanContext().getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id")))
        .isEqualTo(Thread.currentThread().getId());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    assertThat(crossThreadNotices(context)).isEmpty();
  }

  @Test
  void behindLogBridgeAsyncAppenderAnEventOutsideASpanHasNoTraceContext() {
    start(FIX, "");

    logger.info("no span");

    assertThat(awaitRecords(1).get(0).getSpanContext()).isEqualTo(SpanContext.getInvalid());
  }

  @Test
  void behindLogBridgeAsyncAppenderAnEventLoggedInASuppressedContextIsNotBridged() {
    start(FIX, "");

    // What an OpenTelemetry exporter does around its own I/O: whatever it logs is not bridged.
    InstrumentationUtil.suppressInstrumentation(() -> logger.warn("from inside an exporter"));
    logger.info("application");

    // One worker, in order: once "application" is out, the first event has been decided.
    assertThat(awaitRecords(1).get(0).getBodyValue().asString()).isEqualTo("application");
    assertThat(LogBridge.stats().dropped(DropReason.SELF_ORIGIN)).isEqualTo(1);
  }

  @Test
  void behindTheStockAsyncAppenderTheAppenderSaysOnceWhichClassCarriesTheContext() {
    LoggerContext context = start(AsyncAppender.class.getName(), "");
    Span span = startSpan("checkout");

    try (Scope ignored = span.makeCurrent()) {
      logger.info("one");
      logger.info("two");
    } finally {
      span.end();
    }

    List<LogRecordData> logs = awaitRecords(2);
    // What the notice says: the worker's context (none) and no thread id.
    assertThat(logs.get(0).getSpanContext()).isEqualTo(SpanContext.getInvalid());
    assertThat(logs.get(0).getAttributes().get(AttributeKey.longKey("thread.id"))).isNull();
    List<String> notices = crossThreadNotices(context);
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0))
        .contains(
            "[OTEL]",
            "AsyncAppender [ASYNC]",
            "[" + Thread.currentThread().getName() + "]",
            "AsyncAppender-Worker-ASYNC");
  }

  @Test
  void onTheLoggingThreadNothingIsReported() {
    LoggerContext context = LogbackFixture.configure("");
    LogBridge.install(otel.sdk());

    logger.info("direct");

    assertThat(awaitRecords(1)).hasSize(1);
    assertThat(crossThreadNotices(context)).isEmpty();
  }

  @Test
  void eventsTheAsyncQueueDiscardsLeaveNothingBehind() throws Exception {
    // Queue of 4; below 2 free slots INFO is discarded; a full queue discards even WARN.
    LoggerContext context =
        start(
            FIX,
            "    <queueSize>4</queueSize>\n"
                + "    <discardingThreshold>2</discardingThreshold>\n"
                + "    <neverBlock>true</neverBlock>\n");
    AsyncAppender async = async(context);
    Appender<ILoggingEvent> bridgeAppender = async.getAppender("OTEL");
    bridgeAppender.addFilter(gate);
    logger.warn("holds the worker");
    assertThat(gate.entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // The worker holds the first event and the queue is empty: info 0-2 fit, then fewer than 2
    // slots are free and info 3-9 are discarded; warn 0 takes the last slot, warn 1-4 find the
    // queue full and are discarded.
    Map<String, Call> calls = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      calls.put("info " + i, logInItsOwnContext("info " + i, false));
    }
    for (int i = 0; i < 5; i++) {
      calls.put("warn " + i, logInItsOwnContext("warn " + i, true));
    }
    List<String> queued = List.of("info 0", "info 1", "info 2", "warn 0");
    List<WeakReference<Object>> discardedProbes = new ArrayList<>();
    calls.forEach(
        (body, call) -> {
          if (!queued.contains(body)) {
            discardedProbes.add(call.probe);
          }
        });

    // While the worker still waits, each discarded event's context can be collected...
    await("the contexts of discarded events are collected")
        .atMost(DEADLINE)
        .until(
            () -> {
              System.gc();
              return discardedProbes.stream().allMatch(probe -> probe.get() == null);
            });
    // ...and each queued one is still held, by the queue: the probes do tell.
    for (String body : queued) {
      assertThat(calls.get(body).probe.get()).as(body).isNotNull();
    }

    gate.open();
    List<LogRecordData> logs = awaitRecords(1 + queued.size());
    Map<String, SpanContext> exported = new HashMap<>();
    for (LogRecordData log : logs) {
      exported.put(log.getBodyValue().asString(), log.getSpanContext());
    }
    assertThat(exported.keySet())
        .containsExactlyInAnyOrder("holds the worker", "info 0", "info 1", "info 2", "warn 0");
    for (String body : queued) {
      assertThat(exported.get(body)).as(body).isEqualTo(calls.get(body).span);
    }
    // Once exported, no context of any call is held anywhere either.
    await("the contexts of exported events are collected")
        .atMost(DEADLINE)
        .until(
            () -> {
              System.gc();
              return calls.values().stream().allMatch(call -> call.probe.get() == null);
            });
  }

  /**
   * Logs {@code body} in a context of its own (a new span and a probe object only that context
   * holds) and returns the span's context and a weak reference to the probe. A method of its
   * own, so no stack slot of the test keeps the probe.
   */
  private Call logInItsOwnContext(String body, boolean warn) {
    Span span = startSpan(body);
    Object probe = new Object();
    try (Scope ignored = Context.current().with(span).with(PROBE, probe).makeCurrent()) {
      if (warn) {
        logger.warn(body);
      } else {
        logger.info(body);
      }
    } finally {
      span.end();
    }
    return new Call(span.getSpanContext(), new WeakReference<>(probe));
  }

  private static final class Call {
    final SpanContext span;
    final WeakReference<Object> probe;

    Call(SpanContext span, WeakReference<Object> probe) {
      this.span = span;
      this.probe = probe;
    }
  }

  /** A filter that adds the name of the thread running the appender to {@code names}. */
  private static Filter<ILoggingEvent> recordingThreadInto(List<String> names) {
    Filter<ILoggingEvent> filter =
        new Filter<>() {
          @Override
          public FilterReply decide(ILoggingEvent event) {
            names.add(Thread.currentThread().getName());
            return FilterReply.NEUTRAL;
          }
        };
    filter.start();
    return filter;
  }

  /** Holds the thread that runs the appender (the async worker) until opened. */
  private static final class Gate extends Filter<ILoggingEvent> {
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    Gate() {
      start();
    }

    void open() {
      opened.countDown();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
      entered.countDown();
      try {
        opened.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return FilterReply.NEUTRAL;
    }
  }
}
