package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.Reconciliation;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The seed's failure chain in Java terms, driven for real through Logback and the OpenTelemetry
 * SDK: a record whose translation logs again, on the same thread or through the SDK's own
 * diagnostics. In each case the caller returns, the outer record is exported exactly once, the
 * nested records are counted, and nothing grows without bound. Each test has a deadline; JUnit
 * prints a thread dump when it expires.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeedChainTest {
  private static final Logger APP = LoggerFactory.getLogger("com.example.Worker");

  private TestOpenTelemetry otel;

  @AfterEach
  void tearDown() {
    LogbackFixture.tearDown();
    if (otel != null) {
      otel.close();
    }
  }

  /** A value whose {@code toString()} logs through SLF4J, like a request object that warns. */
  static final class LoggingToString {
    @Override
    public String toString() {
      APP.warn("rendering a request object");
      return "Request[GET /checkout]";
    }
  }

  @Test
  void argumentAndKeyValueWhoseToStringLogsAreCountedAsRecursion() {
    otel = TestOpenTelemetry.create();
    LogbackFixture.configure("");
    LogBridge.install(otel.sdk());

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      APP.atInfo()
          .addKeyValue("request", new LoggingToString())
          .log("handling {} #{}", new LoggingToString(), i);
      sent.add("handling Request[GET /checkout] #" + i);
    }

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).hasSize(100);
    LogRecordData log = otel.logs().get(0);
    assertThat(log.getBodyValue().asString()).isEqualTo("handling Request[GET /checkout] #0");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("request")))
        .isEqualTo("Request[GET /checkout]");
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.dropped(DropReason.RECURSION)).isEqualTo(200);
    assertThat(stats.accepted()).isEqualTo(100);
    Reconciliation.of(sent, otel.bodies(), stats).assertReconciled();
  }

  @Test
  void valuesTheCoercerCannotRepresentNativelyNeverLog() {
    otel = TestOpenTelemetry.create();
    LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    Map<String, Object> selfReferencing = new HashMap<>();
    selfReferencing.put("self", selfReferencing);
    Set<Object> mixedSet = new LinkedHashSet<>(List.of("a", 1));
    Object throwing =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no string for you");
          }
        };

    APP.atInfo()
        .addKeyValue("when", ZonedDateTime.parse("2026-11-25T10:00:00Z"))
        .addKeyValue("set", mixedSet)
        .addKeyValue("map", selfReferencing)
        .addKeyValue("throwing", throwing)
        .log("odd values");

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs()).hasSize(1);
    var attributes = otel.logs().get(0).getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("when"))).isEqualTo("2026-11-25T10:00Z");
    assertThat(attributes.get(AttributeKey.stringArrayKey("set"))).containsExactly("a", "1");
    assertThat(attributes.get(AttributeKey.stringKey("map"))).isEqualTo("{self=<cycle>}");
    assertThat(attributes.get(AttributeKey.stringKey("throwing")))
        .isEqualTo("<toString() threw java.lang.IllegalStateException: no string for you>");
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.blocked()).isZero();
    assertThat(stats.accepted()).isEqualTo(1);
  }

  @Test
  void anExporterThatLogsThroughSlf4jIsCutAsSelfOrigin() {
    Logger exporterLogger = LoggerFactory.getLogger("com.example.AuditingExporter");
    InMemoryLogRecordExporter memory = InMemoryLogRecordExporter.create();
    LogRecordExporter loggingExporter =
        new LogRecordExporter() {
          @Override
          public CompletableResultCode export(Collection<LogRecordData> logs) {
            exporterLogger.warn("exporting {} records", logs.size());
            return memory.export(logs);
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
    OpenTelemetrySdk sdk = TestOpenTelemetry.sdkExportingTo(loggingExporter);
    try {
      LogbackFixture.configure("");
      LogBridge.install(sdk);

      for (int i = 0; i < 500; i++) {
        APP.info("request {}", i);
      }

      assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(memory.getFinishedLogRecordItems()).hasSize(500);
      BridgeStats stats = LogBridge.stats();
      assertThat(stats.accepted()).isEqualTo(500);
      assertThat(stats.emitted()).isEqualTo(500);
      assertThat(stats.dropped(DropReason.SELF_ORIGIN)).isEqualTo(500);
    } finally {
      sdk.close();
    }
  }

  @Test
  void theSdksExportFailureWarningsBridgedBackThroughJulAreCut() throws IOException {
    int closedPort = closedLoopbackPort();
    InMemoryLogRecordExporter memory = InMemoryLogRecordExporter.create();
    OpenTelemetrySdk sdk =
        TestOpenTelemetry.sdkWith(
            SimpleLogRecordProcessor.create(memory),
            BatchLogRecordProcessor.builder(
                    OtlpHttpLogRecordExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + closedPort + "/v1/logs")
                        .setTimeout(Duration.ofMillis(500))
                        .build())
                .setScheduleDelay(Duration.ofMillis(50))
                .setMaxExportBatchSize(32)
                .build());
    java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    Level julRootLevel = julRoot.getLevel();
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    julRoot.setLevel(Level.ALL);
    try {
      LogbackFixture.configure("");
      LogBridge.install(sdk);

      // Ten seconds of a steady application, as the issue asks: the SDK keeps failing to
      // export, and every failure it reports through JUL comes back towards the bridge.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int logged = 0;
      long maxQueue = 0;
      while (System.nanoTime() < deadline && logged < 100_000) {
        APP.info("request {}", logged++);
        if (logged % 100 == 0) {
          maxQueue = Math.max(maxQueue, LogBridge.global().queueSize());
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // pacing, not waiting
        }
      }

      // flush() reports false here, truthfully: the SDK's force-flush fails against the closed
      // port. What the bridge owns, its queue, must still have drained.
      LogBridge.flush(Duration.ofSeconds(2));
      BridgeStats stats = LogBridge.stats();
      assertThat(stats.pending()).isZero();
      // Only application records: neither the SDK's warnings nor OkHttp's task-runner debug
      // records (both logged from the exporter's threads) became records of their own.
      assertThat(memory.getFinishedLogRecordItems())
          .allSatisfy(
              l ->
                  assertThat(l.getInstrumentationScopeInfo().getName())
                      .isEqualTo("com.example.Worker"));
      assertThat(stats.accepted()).isEqualTo(logged);
      assertThat(stats.emitted()).isEqualTo(logged);
      assertThat(memory.getFinishedLogRecordItems()).hasSize(logged);
      // The feedback arrived and was cut; it never became application records.
      assertThat(stats.dropped(DropReason.SELF_ORIGIN)).isPositive();
      assertThat(stats.dropped(DropReason.SELF_ORIGIN)).isLessThan(logged);
      assertThat(maxQueue).isLessThan(LogBridge.stats().queueCapacity());
    } finally {
      SLF4JBridgeHandler.uninstall();
      julRoot.setLevel(julRootLevel);
      sdk.getSdkLoggerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  private static int closedLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
