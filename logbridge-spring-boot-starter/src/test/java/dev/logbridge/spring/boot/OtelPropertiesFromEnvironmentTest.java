package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Without an OpenTelemetry bean, the SDK logbridge builds takes its {@code otel.*} settings
 * from the application's properties file (through Spring's environment, placeholders
 * resolved), and a system property still beats that file, as it does everywhere in Spring.
 */
class OtelPropertiesFromEnvironmentTest {
  private static final Logger LOG = LoggerFactory.getLogger("test.otel.environment");
  private static final String SERVICE_NAME = "otel.service.name";
  private OtlpReceiver collector;

  @BeforeEach
  void collector() {
    collector = OtlpReceiver.builder().host("127.0.0.1").build().start();
    LogBridge.resetGlobal(Duration.ofSeconds(1));
  }

  @AfterEach
  void restore() {
    // The appender the starter attached feeds the bridge reset below; the next test's is new.
    StarterAppender.detach((LoggerContext) LoggerFactory.getILoggerFactory());
    System.clearProperty(SERVICE_NAME);
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    collector.close();
  }

  @Test
  @Timeout(60)
  void applicationPropertiesConfigureTheSdkLogbridgeBuilds() {
    ConfigurableApplicationContext app = start();
    try {
      assertThat(app.getBean(LogBridgeConnector.class).installed()).as("no bean").isNull();
      LOG.info("configured by application.properties");
    } finally {
      app.close();
    }

    List<ReceivedLogRecord> records = awaitBody("configured by application.properties");
    assertThat(records)
        .extracting(ReceivedLogRecord::body)
        .anyMatch(body -> body.startsWith("Starting "));
    assertThat(records)
        .allSatisfy(
            record ->
                assertThat(record.resourceAttributes())
                    .containsEntry("service.name", "from-application-properties"));
  }

  @Test
  @Timeout(60)
  void aSystemPropertyBeatsApplicationProperties() {
    System.setProperty(SERVICE_NAME, "from-a-system-property");
    start().close();
    LOG.info("after the context");

    List<ReceivedLogRecord> records = awaitBody("after the context");
    assertThat(records)
        .allSatisfy(
            record ->
                assertThat(record.resourceAttributes())
                    .containsEntry("service.name", "from-a-system-property"));
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.config.name=otel-from-environment",
            "--test.collector.endpoint=" + collector.endpoint());
  }

  private List<ReceivedLogRecord> awaitBody(String body) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            collector::records,
            records ->
                records.stream()
                    .map(ReceivedLogRecord::body)
                    .collect(Collectors.toList())
                    .contains(body));
  }

  /** An application without an OpenTelemetry bean (nor Actuator's auto-configuration). */
  @Configuration(proxyBeanMethods = false)
  @Import(LogBridgeAutoConfiguration.class)
  static class Application {}
}
