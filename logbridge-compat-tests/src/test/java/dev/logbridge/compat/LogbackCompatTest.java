package dev.logbridge.compat;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.internal.OpenTelemetryApiSupport;
import dev.logbridge.logback.LogBridgeAppender;
import dev.logbridge.logback.LogbackFixture;
import dev.logbridge.spi.SupportedVersionsProbe;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Logback appender on the oldest supported Logback (and again on 1.5.20, the last release
 * whose UnsynchronizedAppenderBase guards re-entry itself), the oldest SLF4J and OpenTelemetry
 * 1.49.0 (what Spring Boot 3.5 manages).
 */
@Timeout(60)
class LogbackCompatTest {
  private final CompatSdk otel = new CompatSdk();
  private final Logger logger = LoggerFactory.getLogger("com.example.compat");

  @AfterEach
  void tearDown() {
    MDC.clear();
    LogbackFixture.tearDown();
    otel.close();
  }

  @Test
  void runsOnTheVersionsUnderTestAndFindsThemSupported() {
    configure("");
    LogBridge.install(otel.sdk());
    assertThat(Versions.of(LoggerContext.class)).isEqualTo(Versions.expected("logback"));
    assertThat(Versions.of(Logger.class)).isEqualTo(Versions.expected("slf4j"));
    assertThat(OpenTelemetryApiSupport.apiVersion()).isEqualTo(Versions.expected("opentelemetry"));

    assertThat(SupportedVersionsProbe.check(LogBridge.global(), LoggerContext.class, Logger.class))
        .isEmpty();
  }

  @Test
  void startsWithoutErrorAndEmitsThroughAGlobalOpenTelemetrySetBeforehand() {
    GlobalOpenTelemetry.set(otel.sdk());

    configure("");
    IntStream.range(0, 100).forEach(i -> logger.info("record {}", i));

    assertThat(appender().isStarted()).isTrue();
    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies())
        .containsExactlyElementsOf(
            IntStream.range(0, 100).mapToObj(i -> "record " + i).collect(Collectors.toList()));
    assertThat(statuses(Status.ERROR)).isEmpty();
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.isBalanced()).isTrue();
    assertThat(stats.emitted()).isEqualTo(100);
  }

  @Test
  void saysOnceAtStartWhatTheOpenTelemetryApiLacks() {
    configure("");
    LogBridge.install(otel.sdk());

    if (OpenTelemetryApiSupport.hasEventNameField()) {
      assertThat(statuses(Status.INFO)).noneMatch(s -> s.contains("setEventName"));
    } else {
      assertThat(statuses(Status.INFO))
          .filteredOn(s -> s.contains("setEventName"))
          .containsExactly(
              "opentelemetry-api "
                  + Versions.expected("opentelemetry")
                  + " has no LogRecordBuilder.setEventName (added in 1.50.0): event names are"
                  + " exported as the attribute event.name");
    }
  }

  @Test
  void anEventNameFromTheMdcIsKeptOnAnApiWithoutTheEventNameField() {
    configure("");
    LogBridge.install(otel.sdk());

    MDC.put("otel.event.name", "order.placed");
    logger.info("placed");
    MDC.clear();

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies()).containsExactly("placed");
    assertThat(otel.attribute("otel.event.name")).containsExactly((String) null);
    if (!OpenTelemetryApiSupport.hasEventNameField()) {
      assertThat(otel.attribute("event.name")).containsExactly("order.placed");
    }
  }

  @Test
  void aToStringThatLogsIsCountedAsRecursionAndTheOuterRecordIsExportedOnce() {
    configure("");
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
    // The inner record is blocked before acceptance, and counted: not lost silently.
    assertThat(stats.dropped(DropReason.RECURSION)).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(1);
    assertThat(stats.isBalanced()).isTrue();
  }

  @Test
  void theFilterChainStillDecides() {
    configure(
        "<filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\">"
            + "<level>INFO</level></filter>");
    LogBridge.install(otel.sdk());

    logger.debug("denied");
    logger.info("accepted");

    assertThat(LogBridge.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(otel.bodies()).containsExactly("accepted");
    assertThat(LogBridge.stats().accepted()).isEqualTo(1);
  }

  @Test
  void aStoppedAppenderWarnsAndTakesNothing() {
    configure("");
    LogBridge.install(otel.sdk());
    appender().stop();

    logger.info("after stop");

    assertThat(statuses(Status.WARN))
        .contains("Attempted to append to non started appender [OTEL].");
    assertThat(LogBridge.stats().accepted()).isZero();
    assertThat(otel.bodies()).isEmpty();
  }

  private static LogBridgeAppender appender() {
    return LogbackFixture.appender(LogbackFixture.context());
  }

  /** A logbridge appender named OTEL holding {@code appenderBody} on the root logger (TRACE). */
  private static void configure(String appenderBody) {
    LogbackFixture.configure(appenderBody);
  }

  /** Logback's status messages at exactly {@code level}. */
  private static List<String> statuses(int level) {
    return LogbackFixture.context().getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() == level)
        .map(Status::getMessage)
        .collect(Collectors.toList());
  }
}
