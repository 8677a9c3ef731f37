package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import dev.logbridge.LogBridge;
import dev.logbridge.logback.LogBridgeAppender;
import dev.logbridge.spring.boot.AppenderAttacher.Outcome;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogbackAppenderAttacherTest {
  private final LoggerContext context = new LoggerContext();
  private final LogbackAppenderAttacher attacher = new LogbackAppenderAttacher(context);
  private final LogBridgeProperties properties = new LogBridgeProperties();

  @BeforeEach
  void freshBridge() {
    LogBridge.resetGlobal(Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() {
    // The bridge first: a stopping appender flushes, and with no OpenTelemetry instance a live
    // bridge would make it wait its whole flush timeout.
    LogBridge.resetGlobal(Duration.ofSeconds(1));
    context.stop();
  }

  @Test
  void attachesOneStartedAppenderToTheRootLogger() {
    assertThat(attacher.ensureAttached(properties)).isEqualTo(Outcome.ATTACHED);

    assertThat(logbridgeAppenders())
        .singleElement()
        .satisfies(a -> assertThat(a.isStarted()).isTrue());
  }

  @Test
  void attachingAgainKeepsTheSingleAppender() {
    attacher.ensureAttached(properties);

    assertThat(attacher.ensureAttached(properties)).isEqualTo(Outcome.ALREADY_ATTACHED);
    assertThat(logbridgeAppenders()).hasSize(1);
  }

  @Test
  void reattachesAfterTheContextIsReset() {
    attacher.ensureAttached(properties);
    context.reset(); // what Spring Boot's logging initialisation does

    assertThat(attacher.ensureAttached(properties)).isEqualTo(Outcome.ATTACHED);
    assertThat(logbridgeAppenders())
        .singleElement()
        .satisfies(a -> assertThat(a.isStarted()).isTrue());
  }

  @Test
  void stepsAsideForAnAppenderTheConfigurationDeclares() {
    attacher.ensureAttached(properties);
    LogBridgeAppender declared = new LogBridgeAppender();
    declared.setContext(context);
    declared.setName("OTEL");
    declared.start();
    context.getLogger("com.example").addAppender(declared);

    assertThat(attacher.ensureAttached(properties)).isEqualTo(Outcome.USER_DECLARED);
    assertThat(logbridgeAppenders()).containsExactly(declared);
  }

  @Test
  void captureThreadFalseLeavesTheThreadAttributesOut() {
    context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's binding does for its context
    properties.setCaptureThread(false);
    attacher.ensureAttached(properties);
    try (TestOpenTelemetry otel = TestOpenTelemetry.create()) {
      LogBridge.install(otel.sdk());

      context.getLogger("com.example.Greetings").info("no thread");

      LogRecordData log = otel.onlyLogAfterFlush();
      assertThat(log.getBodyValue().asString()).isEqualTo("no thread");
      assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name"))).isNull();
      assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id"))).isNull();
    }
  }

  @Test
  void threadAttributesAreCapturedByDefault() {
    context.setMDCAdapter(new LogbackMDCAdapter());
    attacher.ensureAttached(properties);
    try (TestOpenTelemetry otel = TestOpenTelemetry.create()) {
      LogBridge.install(otel.sdk());

      context.getLogger("com.example.Greetings").info("with thread");

      assertThat(
              otel.onlyLogAfterFlush().getAttributes().get(AttributeKey.stringKey("thread.name")))
          .isEqualTo(Thread.currentThread().getName());
    }
  }

  private List<Appender<ILoggingEvent>> logbridgeAppenders() {
    List<Appender<ILoggingEvent>> found = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof LogBridgeAppender) {
          found.add(appender);
        }
      }
    }
    return found;
  }
}
