package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Without an OpenTelemetry bean, logbridge builds the SDK itself from {@code otel.*} system
 * properties, and records logged before the context existed arrive with those logged after.
 */
class AutoconfigureWithoutBeanTest {
  private static final Logger LOG = LoggerFactory.getLogger("test.autoconfigure");
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Map<String, String> previous = new LinkedHashMap<>();
  private OtlpReceiver collector;

  @BeforeEach
  void collectorAndOtelProperties() {
    collector = OtlpReceiver.builder().host("127.0.0.1").build().start();
    setProperty("otel.logs.exporter", "otlp");
    setProperty("otel.exporter.otlp.logs.protocol", "http/protobuf");
    setProperty("otel.exporter.otlp.logs.endpoint", collector.endpoint());
    setProperty("otel.traces.exporter", "none");
    setProperty("otel.metrics.exporter", "none");
    StarterAppender.attachOnFreshBridge(logback);
  }

  @AfterEach
  void restore() {
    StarterAppender.detach(logback);
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
    collector.close();
  }

  @Test
  void buildsTheSdkFromOtelSettingsWhenTheApplicationHasNone() {
    LOG.info("before the context");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LogBridgeAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context.getBean(LogBridgeConnector.class).installed()).isNull();
              LOG.info("while running");
            });

    List<ReceivedLogRecord> records = collector.awaitRecords(2, Duration.ofSeconds(30));
    assertThat(records)
        .extracting(ReceivedLogRecord::body)
        .containsExactly("before the context", "while running");
  }

  @Test
  void doesNotBuildOneWhenAutoconfigureIsOff() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LogBridgeAutoConfiguration.class))
        .withPropertyValues("logbridge.autoconfigure=false")
        .run(context -> LOG.info("while running"));

    assertThat(LogBridge.global().isInstalled()).isFalse();
    assertThat(LogBridge.stats().pending()).as("waits for an instance").isEqualTo(1);
  }

  private void setProperty(String key, String value) {
    previous.put(key, System.getProperty(key));
    System.setProperty(key, value);
  }
}
