package com.example.boot4sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.spring.boot.LogBridgeConnector;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * The starter under Spring Boot 4's own OpenTelemetry SDK ({@code
 * spring-boot-starter-opentelemetry}, its real auto-configuration, OTLP logging export to an
 * embedded receiver): by default Boot's {@code openTelemetryBatchLogRecordProcessor} is
 * logbridge's {@link PipelineBatchProcessor}, and with {@code
 * logbridge.replace-batch-processor=false} it stays the SDK's {@code BatchLogRecordProcessor},
 * which logbridge names once. Either way every record, from "Starting ..." to {@code
 * @PreDestroy}, arrives exactly once, and the receiver holds as many records as logbridge
 * emitted. Run by the surefire execution {@code boot-sdk}, the only one with that starter on
 * its class path. (A package of its own: the other tests' applications scan theirs.)
 */
class SpringBootOwnSdkOnSpringBoot4Test {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("test.boot4.sdk");
  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final String SDK_BATCH_WARNING = "exports through its BatchLogRecordProcessor";

  private OtlpReceiver collector;
  private Bridge bridge;
  private final List<String> status = new CopyOnWriteArrayList<>();

  @BeforeEach
  void collectorAndFreshBridge() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .as("Logback behind SLF4J")
        .startsWith("ch.qos.logback");
    collector = OtlpReceiver.builder().host("127.0.0.1").build().start();
    // A bridge of this test's own: Spring's logging initialisation attaches the appender to it.
    LogBridge.resetGlobal(Duration.ofSeconds(1));
    bridge = LogBridge.global();
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));
  }

  @AfterEach
  void closeCollector() {
    collector.close();
  }

  @Test
  @Timeout(60)
  void springBootsExportersSitBehindPipelineBatchProcessorAndEveryRecordArrivesOnce() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
    ConfigurableApplicationContext context = run();
    try {
      assertThat(context.getBean("openTelemetryBatchLogRecordProcessor"))
          .isInstanceOf(PipelineBatchProcessor.class);
      assertThat(context.getBeansOfType(BatchLogRecordProcessor.class)).isEmpty();
      assertThat(context.getBean(SdkLoggerProvider.class).toString())
          .contains("PipelineBatchProcessor")
          .doesNotContain("BatchLogRecordProcessor");
      assertThat(context.getBean(LogBridgeConnector.class).installed())
          .isSameAs(context.getBean(OpenTelemetrySdk.class));
      LOG.info("running on Spring Boot's SDK");
    } finally {
      context.close();
    }

    assertEachRecordOnceAndNoLoss("running on Spring Boot's SDK");
    assertThat(bridge.stats().lostAfterEmit()).as("counted behind PipelineBatchProcessor").isZero();
    assertThat(status).noneMatch(line -> line.contains(SDK_BATCH_WARNING));
  }

  @Test
  @Timeout(60)
  void withTheReplacementOffBootsBatchProcessorStaysAndLogbridgeNamesItOnce() {
    ConfigurableApplicationContext context = run("--logbridge.replace-batch-processor=false");
    try {
      assertThat(context.getBean("openTelemetryBatchLogRecordProcessor"))
          .isInstanceOf(BatchLogRecordProcessor.class);
      assertThat(context.getBeansOfType(PipelineBatchProcessor.class)).isEmpty();
      assertThat(context.getBean(SdkLoggerProvider.class).toString())
          .contains("BatchLogRecordProcessor");
      assertThat(context.getBean(LogBridgeConnector.class).installed())
          .isSameAs(context.getBean(OpenTelemetrySdk.class));
      LOG.info("running on Spring Boot's batch processor");
    } finally {
      context.close();
    }

    assertEachRecordOnceAndNoLoss("running on Spring Boot's batch processor");
    assertThat(bridge.stats().lostAfterEmit())
        .as("the SDK's processor does not tell")
        .isEqualTo(-1);
    assertThat(status.stream().filter(line -> line.contains(SDK_BATCH_WARNING)))
        .as(status.toString())
        .singleElement()
        .asString()
        .startsWith("WARN");
  }

  private ConfigurableApplicationContext run(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--management.opentelemetry.logging.export.otlp.endpoint=" + collector.endpoint(),
                // The OTLP meter registry would push to localhost:4318; this test looks at logs
                // only.
                "--management.otlp.metrics.export.enabled=false"));
    all.addAll(Arrays.asList(args));
    return new SpringApplicationBuilder(Application.class)
        .main(Application.class)
        .web(WebApplicationType.NONE)
        .run(all.toArray(String[]::new));
  }

  /**
   * After the context closed (the bridge retired, its SDK shut down): startup, running and
   * shutdown records arrived, none twice, nothing dropped, and the receiver holds exactly what
   * logbridge emitted.
   */
  private void assertEachRecordOnceAndNoLoss(String running) {
    BridgeStats stats = bridge.stats();
    assertThat(stats.pending()).as(stats.summary()).isZero();
    assertThat(stats.droppedAfterAcceptance()).as(stats.summary()).isZero();
    assertThat(stats.emitted()).as(stats.summary()).isEqualTo(stats.accepted()).isPositive();

    List<ReceivedLogRecord> records = collector.awaitRecords((int) stats.emitted(), DELIVERY);
    List<String> bodies =
        records.stream().map(ReceivedLogRecord::body).collect(Collectors.toList());
    assertThat(bodies)
        .hasSize((int) stats.emitted())
        .anyMatch(b -> b.startsWith("Starting SpringBootOwnSdkOnSpringBoot4Test.Application"))
        .anyMatch(b -> b.startsWith("Started SpringBootOwnSdkOnSpringBoot4Test.Application"))
        .contains(running, "from a ContextClosedEvent listener", "from @PreDestroy");
    Map<String, Long> counts =
        bodies.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).allSatisfy((body, count) -> assertThat(count).as(body).isEqualTo(1));
  }

  @SpringBootApplication
  static class Application {
    @Bean
    Farewell farewell() {
      return new Farewell();
    }
  }

  static class Farewell {
    @EventListener
    void onClose(ContextClosedEvent event) {
      LOG.info("from a ContextClosedEvent listener");
    }

    @PreDestroy
    void close() {
      LOG.info("from @PreDestroy");
    }
  }
}
