package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.Bridge;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.testing.CollectingExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring Boot's own OpenTelemetry SDK (Actuator's auto-configuration, with {@code
 * management.otlp.logging.endpoint}) exports through {@link PipelineBatchProcessor}, not the
 * SDK's {@code BatchLogRecordProcessor}, unless {@code logbridge.replace-batch-processor=false};
 * either way every record reaches the collector.
 */
class SpringBootOwnSdkTest {
  private static final Logger LOG = LoggerFactory.getLogger("test.boot.sdk");
  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private OtlpReceiver collector;

  @BeforeEach
  void collectorAndAppender() {
    collector = OtlpReceiver.builder().host("127.0.0.1").build().start();
    StarterAppender.attachOnFreshBridge(logback);
  }

  @AfterEach
  void detach() {
    StarterAppender.detach(logback);
    LogBridge.resetGlobal(Duration.ofSeconds(1));
    collector.close();
  }

  private ApplicationContextRunner springBootWithActuatorsSdk() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                OpenTelemetryAutoConfiguration.class,
                OpenTelemetryLoggingAutoConfiguration.class,
                OtlpLoggingAutoConfiguration.class,
                LogBridgeAutoConfiguration.class))
        .withPropertyValues("management.otlp.logging.endpoint=" + collector.endpoint());
  }

  @Test
  @Timeout(60)
  void springBootsExportersSitBehindPipelineBatchProcessorByDefault() {
    Bridge bridge = LogBridge.global(); // retired when the context closes
    List<String> status = new CopyOnWriteArrayList<>();
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
    AtomicReference<PipelineBatchProcessor> processor = new AtomicReference<>();
    LOG.info("before the context");
    springBootWithActuatorsSdk()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(BatchLogRecordProcessor.class)).isEmpty();
              processor.set(context.getBean(PipelineBatchProcessor.class));
              assertThat(context.getBean(SdkLoggerProvider.class).toString())
                  .contains("PipelineBatchProcessor")
                  .doesNotContain("BatchLogRecordProcessor");
              assertThat(context.getBean(LogBridgeConnector.class).installed())
                  .isSameAs(context.getBean(OpenTelemetrySdk.class));
              for (int i = 0; i < 100; i++) {
                LOG.info("record {}", i);
              }
            });

    List<ReceivedLogRecord> records = collector.awaitRecords(101, DELIVERY);
    assertThat(records)
        .extracting(ReceivedLogRecord::body)
        .contains("before the context", "record 0", "record 99")
        .doesNotHaveDuplicates();
    assertThat(processor.get().exportedRecords()).isGreaterThanOrEqualTo(101);
    assertThat(processor.get().failedRecords()).isZero();
    assertThat(bridge.stats().droppedAfterAcceptance()).as(bridge.stats().summary()).isZero();
    // Nothing to warn about: logbridge's queue is the only one before the exporters.
    assertThat(status).noneMatch(line -> line.contains("BatchLogRecordProcessor"));
  }

  @Test
  @Timeout(60)
  void withTheReplacementOffSpringBootKeepsTheSdksBatchProcessor() {
    Bridge bridge = LogBridge.global();
    List<String> status = new CopyOnWriteArrayList<>();
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
    springBootWithActuatorsSdk()
        .withPropertyValues("logbridge.replace-batch-processor=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context)
                  .hasSingleBean(BatchLogRecordProcessor.class)
                  .doesNotHaveBean(PipelineBatchProcessor.class);
              assertThat(context.getBean(SdkLoggerProvider.class).toString())
                  .contains("BatchLogRecordProcessor");
              LOG.info("through the SDK's batch processor");
            });

    List<ReceivedLogRecord> records = collector.awaitRecords(1, DELIVERY);
    assertThat(records)
        .extracting(ReceivedLogRecord::body)
        .contains("through the SDK's batch processor");
    assertThat(bridge.stats().dropped(DropReason.SDK_SHUTDOWN)).isZero();
    // As before the replacement existed: logbridge names the second queue once.
    assertThat(status)
        .anyMatch(
            line ->
                line.startsWith("WARN")
                    && line.contains("exports through its BatchLogRecordProcessor"));
  }

  /** Spring Boot 4.1's settings for its batch processor apply to the one in its place. */
  @Test
  @Timeout(60)
  void springBootsExportSettingsApplyWhereTheyHaveAMeaning() {
    springBootWithActuatorsSdk()
        .withPropertyValues(
            "management.opentelemetry.logging.export.max-batch-size=7",
            "management.opentelemetry.logging.export.schedule-delay=50ms",
            "management.opentelemetry.logging.export.timeout=3s")
        .run(
            context ->
                assertThat(context.getBean(PipelineBatchProcessor.class).toString())
                    .contains(
                        "maxExportBatchSize=7", "scheduleDelay=PT0.05S", "exporterTimeout=PT3S"));
  }

  /** A value that cannot apply is said on the status channel; the processor keeps its default. */
  @Test
  @Timeout(60)
  void anExportSettingThatCannotApplyKeepsTheDefault() {
    List<String> status = new CopyOnWriteArrayList<>();
    LogBridge.global().addStatusListener((level, message) -> status.add(level + " " + message));
    springBootWithActuatorsSdk()
        .withPropertyValues("management.opentelemetry.logging.export.max-batch-size=0")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(PipelineBatchProcessor.class).toString())
                  .contains("maxExportBatchSize=512");
            });
    assertThat(status)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("WARN", "management.opentelemetry.logging.export.max-batch-size"));
  }

  /** A BatchLogRecordProcessor the application defines is its choice, and stays. */
  @Test
  @Timeout(60)
  void anApplicationsOwnBatchProcessorIsLeftAlone() {
    CollectingExporter exporter = new CollectingExporter();
    springBootWithActuatorsSdk()
        .withBean(
            "myProcessor",
            BatchLogRecordProcessor.class,
            () -> BatchLogRecordProcessor.builder(exporter).build())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context)
                  .hasSingleBean(BatchLogRecordProcessor.class)
                  .doesNotHaveBean(PipelineBatchProcessor.class);
              assertThat(context.getBean(BatchLogRecordProcessor.class))
                  .isSameAs(context.getBean("myProcessor"));
            });
  }
}
