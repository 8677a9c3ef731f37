package dev.logbridge.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.internal.OpenTelemetryApiSupport;
import dev.logbridge.log4j2.Log4jFixture;
import dev.logbridge.spi.SupportedVersionsProbe;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Log4j 2 appender on the oldest supported Log4j and OpenTelemetry 1.49.0. */
@Timeout(60)
class Log4jCompatTest {
  private final CompatSdk otel = new CompatSdk();
  private final Logger logger = LogManager.getLogger("com.example.compat");

  @AfterEach
  void tearDown() {
    ThreadContext.clearAll();
    Log4jFixture.tearDown();
    otel.close();
  }

  @Test
  void runsOnTheVersionsUnderTestAndFindsThemSupported() {
    configure();
    LogBridge.install(otel.sdk());
    assertThat(Versions.of(LogEvent.class)).isEqualTo(Versions.expected("log4j"));
    assertThat(OpenTelemetryApiSupport.apiVersion()).isEqualTo(Versions.expected("opentelemetry"));

    assertThat(SupportedVersionsProbe.check(LogBridge.global(), LogEvent.class)).isEmpty();
  }

  @Test
  void emitsEveryRecordThroughAGlobalOpenTelemetrySetBeforehandWithItsTraceContext() {
    GlobalOpenTelemetry.set(otel.sdk());
    configure();

    Span span = otel.sdk().getTracer("compat").spanBuilder("request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      IntStream.range(0, 100).forEach(i -> logger.info("record {}", i));
    } finally {
      span.end();
    }

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies())
        .containsExactlyElementsOf(
            IntStream.range(0, 100).mapToObj(i -> "record " + i).collect(Collectors.toList()));
    assertThat(otel.logs())
        .allSatisfy(log -> assertThat(log.getSpanContext()).isEqualTo(span.getSpanContext()));
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.isBalanced()).isTrue();
    assertThat(stats.emitted()).isEqualTo(100);
  }

  @Test
  void anEventNameFromTheThreadContextIsKeptOnAnApiWithoutTheEventNameField() {
    configure();
    LogBridge.install(otel.sdk());

    ThreadContext.put("otel.event.name", "order.placed");
    logger.info("placed");
    ThreadContext.clearAll();

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies()).containsExactly("placed");
    if (!OpenTelemetryApiSupport.hasEventNameField()) {
      assertThat(otel.attribute("event.name")).containsExactly("order.placed");
    }
  }

  @Test
  void aToStringThatLogsIsCountedAsRecursionAndTheOuterRecordIsExportedOnce() {
    configure();
    LogBridge.install(otel.sdk());
    Object loud =
        new Object() {
          @Override
          public String toString() {
            logger.info("inner");
            return "loud";
          }
        };

    logger.info("outer {}", loud);

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies()).containsExactly("outer loud");
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.dropped(DropReason.RECURSION)).isEqualTo(1);
    assertThat(stats.isBalanced()).isTrue();
  }

  private static void configure() {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    String xml =
        "<Configuration status=\"WARN\"><Appenders>"
            + "<LogBridge name=\"OTEL\" shutdownHook=\"false\"/></Appenders>"
            + "<Loggers><Root level=\"trace\"><AppenderRef ref=\"OTEL\"/></Root></Loggers>"
            + "</Configuration>";
    LoggerContext context = Log4jFixture.reconfigure(xml);
    assertThat(context.getConfiguration().getAppenders()).containsKey("OTEL");
  }
}
