package dev.logbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.logbridge.BridgeSettings;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every logbridge adapter meets, run against the real framework: each adapter module
 * has a small subclass that configures its framework and logs through it.
 *
 * <p>Cases: body, severity, scope, timestamp and thread mapping for every framework level; trace
 * context inside and outside a span; exceptions; the context map (MDC, ThreadContext); the
 * hostile-value corpus ({@link HostileValues}) as argument and as structured value; recursion
 * through a {@code toString()} that logs; records logged before install; records after shutdown;
 * accounting, reconciled by content with what the exporter received ({@link Reconciliation}).
 *
 * <p>Subclasses must leave the framework logging every level to the adapter only.
 *
 * @since 0.1
 */
@Timeout(60)
public abstract class AdapterContractTest {
  /** The logger every case logs through. */
  protected static final String LOGGER = "com.example.contract";

  protected final TestOpenTelemetry otel = TestOpenTelemetry.create();

  /**
   * Starts a fresh global bridge with {@code settings} ({@code LogBridge.resetGlobal}, then {@code
   * LogBridge.global(settings)}) and configures the framework with the adapter on its root logger
   * at the lowest level; does not install OpenTelemetry.
   */
  protected abstract void configure(BridgeSettings settings);

  /**
   * Logs through the framework at {@code level} (one of {@link #frameworkLevelNames()}) on logger
   * {@link #LOGGER}: {@code message} with {@code args}, {@code throwable} (may be null) and
   * {@code context} put in the framework's context map for the call (ignored if it has none).
   */
  protected abstract void log(
      String level,
      String message,
      Object[] args,
      Throwable throwable,
      Map<String, String> context);

  /** The placeholder for argument {@code index} in a message ({@code {}} or {@code {0}}). */
  protected abstract String placeholder(int index);

  /** The framework's level names, least severe first, as severity texts. */
  protected abstract List<String> frameworkLevelNames();

  /** The severities {@link #frameworkLevelNames()} map to. */
  protected abstract List<Severity> expectedSeverities();

  /** Whether the framework has a context map (MDC, ThreadContext). */
  protected abstract boolean hasContextMap();

  /**
   * Logs one INFO record carrying {@code value} as a typed structured attribute {@code key}
   * (Logback key-value pair, Log4j MapMessage); returns false, logging nothing, if the framework
   * has no such concept.
   */
  protected abstract boolean logStructured(String key, Object value);

  /** Stops the framework's adapter and restores the framework's defaults. */
  protected abstract void tearDownFramework();

  @AfterEach
  void tearDownContract() {
    tearDownFramework();
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    otel.close();
  }

  private void start() {
    configure(settings());
    LogBridge.install(otel.sdk());
  }

  /** The settings the contract runs with. */
  protected BridgeSettings settings() {
    return BridgeSettings.builder().shutdownHookEnabled(false).build();
  }

  private void info(String message, Object... args) {
    log(frameworkLevelNames().get(2), message, args, null, null);
  }

  private List<LogRecordData> flushed() {
    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    return otel.logs();
  }

  private LogRecordData onlyRecord() {
    List<LogRecordData> logs = flushed();
    assertThat(logs).hasSize(1);
    return logs.get(0);
  }

  @Test
  void mapsBodySeverityScopeTimestampAndThreadForEveryLevel() {
    start();
    Instant before = Instant.now();

    for (String level : frameworkLevelNames()) {
      log(level, "at " + level + " " + placeholder(0), new Object[] {42}, null, null);
    }

    Instant after = Instant.now();
    List<LogRecordData> logs = flushed();
    assertThat(logs)
        .extracting(LogRecordData::getSeverity)
        .containsExactlyElementsOf(expectedSeverities());
    assertThat(logs)
        .extracting(LogRecordData::getSeverityText)
        .containsExactlyElementsOf(frameworkLevelNames());
    for (int i = 0; i < logs.size(); i++) {
      LogRecordData log = logs.get(i);
      assertThat(log.getBodyValue().asString())
          .isEqualTo("at " + frameworkLevelNames().get(i) + " 42");
      assertThat(log.getInstrumentationScopeInfo().getName()).isEqualTo(LOGGER);
      assertThat(log.getTimestampEpochNanos())
          .isBetween(nanos(before) - 1_000_000, nanos(after) + 1_000_000);
      assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
          .isEqualTo(Thread.currentThread().getName());
      assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id")))
          .isEqualTo(Thread.currentThread().getId());
    }
  }

  @Test
  void carriesTheTraceContextInsideASpanAndNoneOutside() {
    start();
    Span span = otel.startSpan("contract");
    try (Scope ignored = span.makeCurrent()) {
      info("inside");
    } finally {
      span.end();
    }
    info("outside");

    List<LogRecordData> logs = flushed();
    assertThat(logs).hasSize(2);
    assertThat(logs.get(0).getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(logs.get(1).getSpanContext()).isEqualTo(SpanContext.getInvalid());
  }

  @Test
  void mapsExceptions() {
    start();

    log(
        frameworkLevelNames().get(frameworkLevelNames().size() - 1),
        "failed",
        new Object[0],
        new IllegalStateException("db down", new java.io.IOException("reset")),
        null);

    Attributes attributes = onlyRecord().getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(attributes.get(AttributeKey.stringKey("exception.message"))).isEqualTo("db down");
    assertThat(attributes.get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("Caused by: java.io.IOException: reset");
  }

  @Test
  void mapsTheContextMap() {
    start();

    log(
        frameworkLevelNames().get(2),
        "with context",
        new Object[0],
        null,
        Map.of("tenant", "acme", "otel.event.name", "order.placed"));

    LogRecordData log = onlyRecord();
    if (hasContextMap()) {
      assertThat(log.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
      assertThat(log.getEventName()).isEqualTo("order.placed");
    } else {
      assertThat(log.getAttributes().get(AttributeKey.stringKey("tenant"))).isNull();
    }
    assertThat(log.getAttributes().get(AttributeKey.stringKey("otel.event.name"))).isNull();
  }

  @Test
  void everyHostileValueAsArgumentYieldsExactlyOneRecord() {
    start();
    List<HostileValues.Case> corpus = HostileValues.corpus(this::info);
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);

    for (HostileValues.Case c : corpus) {
      int before = otel.logs().size();
      assertThatCode(() -> info("value " + placeholder(0), c.value()))
          .as(c.name())
          .doesNotThrowAnyException();
      List<LogRecordData> logs = flushed();
      assertThat(logs.size() - before).as(c.name()).isEqualTo(1);
      assertThat(logs.get(logs.size() - 1).getBodyValue()).as(c.name()).isNotNull();
    }
    assertThat(LogBridge.stats().dropped(DropReason.CAPTURE_ERROR)).isZero();
  }

  @Test
  void everyHostileValueAsStructuredValueIsCoercedAsDocumented() {
    // The expected values are written for the default limits.
    BridgeSettings defaults = BridgeSettings.defaults();
    assertThat(settings().maxAttributeValueLength()).isEqualTo(defaults.maxAttributeValueLength());
    assertThat(settings().maxRenderDepth()).isEqualTo(defaults.maxRenderDepth());
    assertThat(settings().maxCollectionElements()).isEqualTo(defaults.maxCollectionElements());
    start();
    List<HostileValues.Case> corpus = HostileValues.corpus(this::info);

    for (HostileValues.Case c : corpus) {
      int before = otel.logs().size();
      assertThatCode(() -> logStructured("hostile", c.value()))
          .as(c.name())
          .doesNotThrowAnyException();
      List<LogRecordData> logs = flushed();
      if (logs.size() == before) {
        return; // the framework has no structured values (JUL): the argument case covers it
      }
      assertThat(logs.size() - before).as(c.name()).isEqualTo(1);
      Object actual =
          logs.get(logs.size() - 1).getAttributes().asMap().entrySet().stream()
              .filter(e -> e.getKey().getKey().equals("hostile"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      assertThat(actual).as(c.name()).isEqualTo(c.expected());
    }
  }

  @Test
  void aToStringThatLogsIsCountedAsRecursionAndTheOuterRecordIsExportedOnce() {
    start();
    Object loud =
        new Object() {
          @Override
          public String toString() {
            info("inner");
            return "loud";
          }
        };

    info("outer " + placeholder(0), loud);

    assertThat(onlyRecord().getBodyValue().asString()).isEqualTo("outer loud");
    assertThat(LogBridge.stats().dropped(DropReason.RECURSION)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void recordsLoggedBeforeInstallKeepTheirTraceContextAndThread() throws Exception {
    configure(settings());
    Span span = otel.startSpan("early");
    Thread early =
        new Thread(
            () -> {
              try (Scope ignored = span.makeCurrent()) {
                info("before install");
              }
            },
            "early-worker");
    early.start();
    early.join(10_000);
    span.end();
    assertThat(LogBridge.stats().pending()).isEqualTo(1);
    assertThat(LogBridge.global().queueSize()).isEqualTo(1);

    LogBridge.install(otel.sdk());

    LogRecordData log = onlyRecord();
    assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo("early-worker");
  }

  @Test
  void recordsAfterShutdownAreCountedAsShutdown() {
    start();
    info("before shutdown");
    assertThat(LogBridge.shutdown(Duration.ofSeconds(10))).isTrue();

    info("after shutdown");

    assertThat(otel.bodies()).containsExactly("before shutdown");
    assertThat(LogBridge.stats().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
  }

  @Test
  void everyCallIsReceivedByContentOrCountedAsDropped() {
    // Not installed yet, so the pipeline drains nothing: pending must be exactly the queue.
    configure(BridgeSettings.builder().shutdownHookEnabled(false).queueCapacity(16).build());
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      info("n " + placeholder(0), i);
      sent.add("n " + i);
    }
    BridgeStats waiting = LogBridge.stats();
    int queued = LogBridge.global().queueSize();
    assertThat(queued).isEqualTo(16);
    assertThat(waiting.pending()).as(waiting.summary()).isEqualTo(queued);
    Reconciliation.of(sent, otel.bodies(), waiting).withPending(queued).assertReconciled();

    LogBridge.install(otel.sdk());
    flushed();

    BridgeStats stats = LogBridge.stats();
    Reconciliation delivered = Reconciliation.of(sent, otel.bodies(), stats).assertReconciled();
    assertThat(delivered.distinct()).isEqualTo(16);
    assertThat(stats.dropped(DropReason.PRE_INSTALL_OVERFLOW)).isEqualTo(34);
    assertThat(stats.pending()).isZero();
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
