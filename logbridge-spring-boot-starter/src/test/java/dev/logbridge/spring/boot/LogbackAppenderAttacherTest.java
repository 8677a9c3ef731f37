package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import dev.logbridge.LogBridge;
import dev.logbridge.logback.LogBridgeAppender;
import dev.logbridge.spring.boot.AppenderAttacher.Outcome;
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
