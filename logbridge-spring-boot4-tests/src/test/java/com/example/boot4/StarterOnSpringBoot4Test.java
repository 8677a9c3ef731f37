package com.example.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.PipelineBatchProcessor;
import dev.logbridge.logback.LogBridgeAppender;
import dev.logbridge.spring.boot.LogBridgeConnector;
import dev.logbridge.testing.CollectingExporter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
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
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * The starter on Spring Boot 4, with Actuator (in an application package: logbridge never bridges loggers
 * under dev.logbridge): one appender after Spring's logging initialisation, startup
 * lines kept until the OpenTelemetry bean is installed, logs from context close delivered before
 * the SDK closes, each record once, twice in one JVM (a restart re-initialises logging).
 */
class StarterOnSpringBoot4Test {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("test.boot4");

  @Test
  @Timeout(60)
  void runsAndRestartsOnSpringBoot4WithoutLosingOrDuplicatingRecords() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
    for (int run = 1; run <= 2; run++) {
      CollectingExporter exporter = new CollectingExporter();
      ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
          .main(Application.class)
          .web(WebApplicationType.NONE)
          .initializers(c -> c.getBeanFactory().registerSingleton("exporter", exporter))
          .run();
      assertThat(logbridgeAppenderNames()).containsExactly("LOGBRIDGE_SPRING_BOOT");
      assertThat(context.getBean(LogBridgeConnector.class).installed())
          .isSameAs(context.getBean(OpenTelemetrySdk.class));
      LOG.info("run {} is running", run);
      assertActuatorSupport(context);

      context.close();

      // The SDK's close exported everything synchronously (PipelineBatchProcessor drains).
      List<String> bodies = exporter.bodies();
      assertThat(bodies).as("run %s", run)
          .anyMatch(b -> b.startsWith("Starting StarterOnSpringBoot4Test.Application"))
          .contains("run " + run + " is running", "from a ContextClosedEvent listener",
              "from @PreDestroy");
      Map<String, Long> counts = bodies.stream()
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(counts).allSatisfy((body, count) -> assertThat(count).as(body).isEqualTo(1));
    }
  }

  /** logbridge's health indicator (Spring Boot 4's health API) and its meters. */
  private static void assertActuatorSupport(ConfigurableApplicationContext context) {
    HealthIndicator health = context.getBean("logbridgeHealthIndicator", HealthIndicator.class);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsEntry("installed", true);
    assertThat(context.getBean(MeterRegistry.class).get("logbridge.records.accepted")
        .functionCounter().count()).isPositive();
  }

  private static List<String> logbridgeAppenderNames() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    List<String> names = new ArrayList<>();
    for (Logger logger : logback.getLoggerList()) {
      logger.iteratorForAppenders().forEachRemaining(appender -> {
        if (appender instanceof LogBridgeAppender) {
          names.add(appender.getName());
        }
      });
    }
    return names;
  }

  @SpringBootApplication
  static class Application {
    // Defined (so created) before the SDK: Spring alone would destroy it after the SDK.
    @Bean
    Farewell farewell() {
      return new Farewell();
    }

    @Bean
    OpenTelemetrySdk openTelemetry(CollectingExporter exporter) {
      return OpenTelemetrySdk.builder()
          .setLoggerProvider(SdkLoggerProvider.builder()
              .addLogRecordProcessor(PipelineBatchProcessor.builder(exporter).build())
              .build())
          .build();
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
