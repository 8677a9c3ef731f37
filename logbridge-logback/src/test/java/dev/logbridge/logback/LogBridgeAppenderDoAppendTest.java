package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.TestOpenTelemetry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appender's own {@code doAppend}: Logback's semantics (not-started warning, filter chain,
 * contained exceptions) without Logback's re-entry guard, so that re-entry is logbridge's to
 * count. The same cases on Logback 1.5.0 and 1.5.20 are in logbridge-compat-tests.
 */
@Timeout(30)
class LogBridgeAppenderDoAppendTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = LoggerFactory.getLogger("com.example.doappend");

  @AfterEach
  void tearDown() {
    LogbackFixture.tearDown();
    otel.close();
  }

  @Test
  void theFilterChainDecides() {
    LoggerContext context =
        LogbackFixture.configure(
            "<filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\">"
                + "<level>INFO</level></filter>");
    LogBridge.install(otel.sdk());

    logger.debug("denied");
    logger.info("accepted");

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.bodies()).containsExactly("accepted");
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR)).isEmpty();
  }

  @Test
  void aStoppedAppenderWarnsTheFirstThreeTimesAndTakesNothing() {
    LoggerContext context = LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    LogbackFixture.appender(context).stop();

    for (int i = 0; i < 5; i++) {
      logger.info("after stop");
    }

    assertThat(LogbackFixture.statusMessages(context, Status.WARN))
        .filteredOn(m -> m.startsWith("Attempted to append to non started appender"))
        .containsExactly(
            "Attempted to append to non started appender [OTEL].",
            "Attempted to append to non started appender [OTEL].",
            "Attempted to append to non started appender [OTEL].");
    assertThat(LogBridge.stats().accepted()).isZero();
  }

  @Test
  void aFilterThatThrowsIsReportedTheFirstThreeTimesAndNeverReachesTheCaller() {
    LoggerContext context = LogbackFixture.configure("");
    LogBridge.install(otel.sdk());
    Filter<ILoggingEvent> failing =
        new Filter<>() {
          @Override
          public FilterReply decide(ILoggingEvent event) {
            throw new IllegalStateException("filter bug");
          }
        };
    failing.start();
    LogbackFixture.appender(context).addFilter(failing);

    for (int i = 0; i < 5; i++) {
      assertThatCode(() -> logger.info("through a broken filter")).doesNotThrowAnyException();
    }

    assertThat(LogbackFixture.statusMessages(context, Status.ERROR))
        .containsExactly(
            "Appender [OTEL] failed to append.",
            "Appender [OTEL] failed to append.",
            "Appender [OTEL] failed to append.");
    assertThat(LogBridge.stats().accepted()).isZero();
  }

  @Test
  void reEntryIsLeftToLogbridgeWhichCountsIt() {
    LogbackFixture.configure("");
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

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.bodies()).containsExactly("outer loud");
    assertThat(LogBridge.stats().dropped(DropReason.RECURSION)).isEqualTo(1);
  }
}
