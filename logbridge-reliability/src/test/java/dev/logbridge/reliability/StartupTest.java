package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.Frontend;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Startup: eight threads log, each inside its own span, first before any OpenTelemetry SDK
 * exists and then while the bridge autoconfigures one on its own thread, whose OTLP exporter
 * points at a dead port so the SDK warns through java.util.logging, bridged back with
 * jul-to-slf4j. Every record keeps its content, its thread's order and its trace context, and
 * the SDK's warnings never become records.
 *
 * <p>The autoconfigured SDK runs the SDK's batch processor ({@code logbridge.processor=batch})
 * for every front end, and logbridge's default, {@code PipelineBatchProcessor}, for Logback.
 * Behind the pipeline processor emission is paced by the exporter (back-pressure, by design),
 * so that case turns the OTLP exporter's retries off: each export to the dead port then fails
 * at once instead of after seconds of backoff, and every record still reaches the SDK.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupTest {
  private static final int THREADS = 8;
  private static final int BEFORE = 500;
  private static final int DURING = 1500;
  private static final Map<String, String> OTEL_PROPERTIES =
      Map.of(
          "otel.logs.exporter", "otlp",
          "otel.exporter.otlp.logs.protocol", "http/protobuf",
          "otel.exporter.otlp.logs.timeout", "500",
          "otel.traces.exporter", "none",
          "otel.metrics.exporter", "none",
          "logbridge.reliability.tap", "true");

  static Stream<Arguments> cases() {
    return Stream.concat(
        Reliability.frontends().map(f -> Arguments.of(f, "batch")),
        Stream.of(Arguments.of(Reliability.Logback.INSTANCE, "pipeline")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void recordsLoggedWhileTheSdkAutoconfiguresKeepContentOrderAndTraceContext(
      Frontend frontend, String processor) throws Exception {
    Map<String, String> properties = new HashMap<>(OTEL_PROPERTIES);
    properties.put("logbridge.processor", processor);
    if (processor.equals("pipeline")) {
      properties.put("otel.java.exporter.otlp.retry.disabled", "true");
    }
    properties.put(
        "otel.exporter.otlp.logs.endpoint",
        "http://127.0.0.1:" + Reliability.closedLoopbackPort() + "/v1/logs");
    properties.forEach(System::setProperty);
    AutoCloseable julBridged = Reliability.bridgeJulIntoSlf4j();
    try {
      frontend.configure(Map.of("queueCapacity", "65536"));
      AppLogger app = frontend.logger("com.example.Startup");
      CountDownLatch beforeLogged = new CountDownLatch(THREADS);
      CountDownLatch autoconfigureRequested = new CountDownLatch(1);
      List<SpanContext> spans = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        SpanContext span =
            SpanContext.create(
                String.format("%032x", t + 1),
                String.format("%016x", t + 1),
                TraceFlags.getSampled(),
                TraceState.getDefault());
        spans.add(span);
        int thread = t;
        threads.add(
            new Thread(
                () -> {
                  try (Scope ignored = Span.wrap(span).makeCurrent()) {
                    for (int i = 0; i < BEFORE; i++) {
                      app.info("t" + thread + "-" + i);
                    }
                    beforeLogged.countDown();
                    autoconfigureRequested.await(10, TimeUnit.SECONDS);
                    for (int i = BEFORE; i < BEFORE + DURING; i++) {
                      app.info("t" + thread + "-" + i);
                      if (i % 100 == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "startup-" + t));
      }
      threads.forEach(Thread::start);
      assertThat(beforeLogged.await(20, TimeUnit.SECONDS)).isTrue();
      boolean installedBefore = LogBridge.global().isInstalled();
      long start = System.nanoTime();
      LogBridge.global().enableAutoconfigure();
      autoconfigureRequested.countDown();
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      }
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(LogBridge.global()::isInstalled);
      long installNanos = System.nanoTime() - start;
      LogBridge.flush(Duration.ofSeconds(5)); // the SDK's own force-flush fails: dead port

      BridgeStats stats = LogBridge.stats();
      List<LogRecordData> received = StartupTap.tap().getFinishedLogRecordItems();
      assertThat(installedBefore).as("the first records waited for an SDK").isFalse();
      assertThat(stats.accepted()).as(stats.summary()).isEqualTo(THREADS * (BEFORE + DURING));
      assertThat(stats.emitted()).isEqualTo(stats.accepted());
      assertThat(received).hasSize(THREADS * (BEFORE + DURING));
      int[] next = new int[THREADS];
      for (LogRecordData log : received) {
        String body = log.getBodyValue().asString();
        int thread = Integer.parseInt(body.substring(1, body.indexOf('-')));
        int index = Integer.parseInt(body.substring(body.indexOf('-') + 1));
        assertThat(index).as("thread %d's order", thread).isEqualTo(next[thread]++);
        assertThat(log.getSpanContext()).isEqualTo(spans.get(thread));
        assertThat(log.getInstrumentationScopeInfo().getName()).isEqualTo("com.example.Startup");
      }
      BridgeStats last = frontend.tearDown();
      Reliability.report(
          "startup: logging before and during autoconfiguration ("
              + frontend.name()
              + ", "
              + processor
              + " processor)",
          THREADS + " threads x " + (BEFORE + DURING) + " records",
          null,
          last,
          "install_took="
              + installNanos / 1_000_000
              + "ms delivered="
              + received.size()
              + " in per-thread order with trace context");
    } finally {
      julBridged.close();
      properties.keySet().forEach(System::clearProperty);
      frontend.tearDown();
    }
  }
}
