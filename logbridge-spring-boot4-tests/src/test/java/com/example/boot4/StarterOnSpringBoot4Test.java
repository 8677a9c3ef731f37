package com.example.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.LogBridge;
import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.spring.boot.LogBridgeConnector;
import dev.logbridge.spring.boot.LoggingSystemUnderTest;
import dev.logbridge.testing.CollectingExporter;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.util.ClassUtils;

/**
 * The starter on Spring Boot 4, with Actuator (in an application package: logbridge never
 * bridges loggers under dev.logbridge): one appender after Spring's logging initialisation,
 * startup lines kept until the OpenTelemetry bean is installed, logs from context close ({@code
 * ContextClosedEvent}, {@code @PreDestroy}) delivered before the SDK closes, each record once,
 * twice in one JVM (a restart re-initialises logging); counters in Actuator's metrics endpoint
 * and health DOWN while records are lost. The build runs it with Logback and with Log4j 2
 * (surefire execution {@code log4j2}).
 */
class StarterOnSpringBoot4Test {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("test.boot4");
  private static final LoggingSystemUnderTest LOGGING =
      LoggingSystemUnderTest.current("boot4.logging");
  private static final String BOOTS_OWN_SDK =
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration";

  @Test
  @Timeout(60)
  void runsAndRestartsOnSpringBoot4WithoutLosingOrDuplicatingRecords() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
    assertThat(ClassUtils.isPresent(BOOTS_OWN_SDK, null))
        .as("Spring Boot's own OpenTelemetry SDK is the boot-sdk execution's alone")
        .isFalse();
    for (int run = 1; run <= 2; run++) {
      CollectingExporter exporter = new CollectingExporter();
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(Application.class)
              .main(Application.class)
              .web(WebApplicationType.NONE)
              .initializers(c -> c.getBeanFactory().registerSingleton("exporter", exporter))
              .run();
      try {
        assertThat(LOGGING.logbridgeAppenderNames()).containsExactly("LOGBRIDGE_SPRING_BOOT");
        assertThat(context.getBean(LogBridgeConnector.class).installed())
            .isSameAs(context.getBean(OpenTelemetrySdk.class));
        LOG.info("run {} is running", run);
        assertActuatorSupport(context);
      } finally {
        context.close();
      }

      // The SDK's close exported everything synchronously (PipelineBatchProcessor drains).
      List<String> bodies = exporter.bodies();
      assertThat(bodies)
          .as("run %s", run)
          .anyMatch(b -> b.startsWith("Starting StarterOnSpringBoot4Test.Application"))
          .contains(
              "run " + run + " is running",
              "from a ContextClosedEvent listener",
              "from @PreDestroy");
      Map<String, Long> counts =
          bodies.stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(counts).allSatisfy((body, count) -> assertThat(count).as(body).isEqualTo(1));
    }
  }

  /**
   * While logbridge's queue overflows, {@code /actuator/health/logbridge} is DOWN and the drops
   * are counted in {@code /actuator/metrics}; once the loss stops, health is UP again.
   */
  @Test
  @Timeout(60)
  void healthIsDownWhileRecordsAreLostAndTheMetricsCountThem() throws Exception {
    LogBridge.resetGlobal(Duration.ofSeconds(1)); // a new bridge, with this run's queue capacity
    GatedExporter exporter = new GatedExporter();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .main(Application.class)
            .web(WebApplicationType.NONE)
            .initializers(c -> c.getBeanFactory().registerSingleton("exporter", exporter))
            .run("--logbridge.queue-capacity=16");
    try {
      HealthEndpoint health = context.getBean(HealthEndpoint.class);
      health.healthForPath("logbridge"); // whatever startup cost, from here on
      assertThat(status(health)).isEqualTo(Status.UP);

      LOG.info(GatedExporter.GATE);
      assertThat(exporter.awaitHeld(30)).as("the pipeline thread holds the gate").isTrue();
      for (int i = 0; i < 100; i++) {
        LOG.info("while the exporter is held {}", i);
      }

      assertThat(status(health)).isEqualTo(Status.DOWN);
      double queueFull = metric(context, "logbridge.records.dropped", "reason:queue_full");
      assertThat(queueFull).as("at most the queue's 16 wait").isGreaterThanOrEqualTo(84);
      assertThat(exporter.collected().bodies()).noneMatch(b -> b.startsWith("while the"));

      exporter.open();
      assertThat(LogBridge.global().flush(Duration.ofSeconds(30))).isTrue();
      assertThat(status(health)).as("no loss since the last check").isEqualTo(Status.UP);
      // Exactly the records that were not dropped arrived.
      long arrived =
          exporter.collected().bodies().stream()
              .filter(b -> b.startsWith("while the exporter is held"))
              .count();
      assertThat(arrived).isEqualTo(100 - (long) queueFull);
    } finally {
      exporter.open();
      context.close();
    }
  }

  /** logbridge's health (Spring Boot 4's health API and endpoint) and its meters. */
  private static void assertActuatorSupport(ConfigurableApplicationContext context) {
    HealthIndicator health = context.getBean("logbridgeHealthIndicator", HealthIndicator.class);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsEntry("installed", true);
    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
    assertThat(status(endpoint)).isEqualTo(Status.UP);
    assertThat(metric(context, "logbridge.records.accepted", null)).isPositive();
    assertThat(metric(context, "logbridge.records.emitted", null)).isPositive();
    assertThat(metric(context, "logbridge.records.dropped", "reason:queue_full")).isZero();
    assertThat(metric(context, "logbridge.queue.capacity", null)).isPositive();
  }

  /** {@code /actuator/health/logbridge}'s status. */
  private static Status status(HealthEndpoint endpoint) {
    HealthDescriptor logbridge = endpoint.healthForPath("logbridge");
    assertThat(logbridge).as("logbridge's health contributor is registered").isNotNull();
    return logbridge.getStatus();
  }

  /** The value {@code /actuator/metrics/{name}?tag={tag}} shows. */
  private static double metric(ConfigurableApplicationContext context, String name, String tag) {
    MetricsEndpoint.MetricDescriptor metric =
        context.getBean(MetricsEndpoint.class).metric(name, tag == null ? null : List.of(tag));
    assertThat(metric).as(name).isNotNull();
    return metric.getMeasurements().get(0).getValue();
  }

  @SpringBootApplication
  static class Application {
    // Defined (so created) before the SDK: Spring alone would destroy it after the SDK.
    @Bean
    Farewell farewell() {
      return new Farewell();
    }

    @Bean
    OpenTelemetrySdk openTelemetry(LogRecordExporter exporter) {
      // Behind the gate, each record is its own batch, exported as soon as it is emitted.
      int batchSize = exporter instanceof GatedExporter ? 1 : 512;
      return TestOpenTelemetry.sdkWith(
          PipelineBatchProcessor.builder(exporter).setMaxExportBatchSize(batchSize).build());
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
