package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.Bridge;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.sdk.PipelineBatchProcessor;
import dev.logbridge.testing.CollectingExporter;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Logs written while the context closes reach the exporter: the {@code @PreDestroy} of a bean
 * created before the SDK bean (which Spring would destroy after the SDK), and a {@code
 * ContextClosedEvent} listener.
 */
class ShutdownOrderingTest {
  private static final Logger LOG = LoggerFactory.getLogger("test.shutdown");
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final CollectingExporter exporter = new CollectingExporter();

  @BeforeEach
  void attach() {
    StarterAppender.attachOnFreshBridge(logback);
  }

  @AfterEach
  void detach() {
    StarterAppender.detach(logback);
    LogBridge.resetGlobal(Duration.ofSeconds(1));
  }

  @Test
  void logsFromPreDestroyAndContextClosedEventAreExportedBeforeTheSdkCloses() {
    Bridge bridge = LogBridge.global();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LogBridgeAutoConfiguration.class))
        .withBean(CollectingExporter.class, () -> exporter)
        .withUserConfiguration(Application.class)
        .run(context -> LOG.info("while running"));

    assertThat(exporter.bodies())
        .contains("while running", "from a ContextClosedEvent listener", "from @PreDestroy");
    assertThat(bridge.stats().dropped(DropReason.SDK_SHUTDOWN)).isZero();
  }

  /**
   * After the SDK bean is gone, the bridge that fed it is retired, so that a next run of the
   * application (whose logging is re-initialised) feeds a new bridge instead of the closed SDK.
   */
  @Test
  void theBridgeFeedingTheClosedSdkIsRetiredAfterIt() {
    Bridge bridge = LogBridge.global();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LogBridgeAutoConfiguration.class))
        .withBean(CollectingExporter.class, () -> exporter)
        .withUserConfiguration(Application.class)
        .run(context -> assertThat(bridge.isShutdown()).isFalse());

    assertThat(bridge.isShutdown()).isTrue();
    assertThat(bridge.stats().pending()).isZero();
    assertThat(LogBridge.global()).isNotSameAs(bridge);
  }

  /**
   * A context closed right after it started, before logbridge's thread took up the installed
   * SDK, still hands its records over before the SDK (here behind the SDK's own batch processor,
   * which does not drain logbridge) shuts down. Repeated, since how far logbridge's thread got
   * at close is up to the scheduler.
   */
  @Test
  void aContextClosedRightAfterItStartedStillDeliversEveryRecord() {
    for (int run = 0; run < 20; run++) {
      detach(); // each run a new bridge, fed by a new appender
      attach();
      Bridge bridge = LogBridge.global();
      CollectingExporter runExporter = new CollectingExporter();
      String line = "run " + run;
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(LogBridgeAutoConfiguration.class))
          .withBean(
              OpenTelemetrySdk.class,
              () -> TestOpenTelemetry.sdkWith(BatchLogRecordProcessor.builder(runExporter).build()))
          .run(context -> LOG.info(line));

      assertThat(runExporter.bodies()).as(bridge.stats().summary()).contains(line);
      assertThat(bridge.stats().dropped(DropReason.SDK_SHUTDOWN)).isZero();
    }
  }

  /** The control: the same application, installing the SDK by hand, loses the @PreDestroy line. */
  @Test
  void withoutTheStarterTheSdkClosesBeforeAnEarlierBeansPreDestroy() {
    new ApplicationContextRunner()
        .withBean(CollectingExporter.class, () -> exporter)
        .withUserConfiguration(Application.class, InstallByHand.class)
        .run(context -> LOG.info("while running"));

    assertThat(exporter.bodies())
        .contains("while running", "from a ContextClosedEvent listener")
        .doesNotContain("from @PreDestroy");
    // Counted once the pipeline reaches it, after the close returned.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(LogBridge.stats().dropped(DropReason.SDK_SHUTDOWN)).isPositive());
  }

  @Configuration(proxyBeanMethods = false)
  static class Application {
    // Defined (so created) before the SDK: Spring alone would destroy it after the SDK.
    @Bean
    Farewell farewell() {
      return new Farewell();
    }

    @Bean
    OpenTelemetrySdk openTelemetry(CollectingExporter exporter) {
      return TestOpenTelemetry.sdkWith(PipelineBatchProcessor.builder(exporter).build());
    }

    @Bean
    ApplicationListener<ContextClosedEvent> closingListener() {
      return event -> LOG.info("from a ContextClosedEvent listener");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class InstallByHand {
    // Once every bean exists, as the starter does, so that creation order stays the same.
    @Bean
    SmartInitializingSingleton installByHand(ObjectProvider<OpenTelemetrySdk> openTelemetry) {
      return () -> LogBridge.install(openTelemetry.getObject());
    }
  }

  static class Farewell {
    @PreDestroy
    void close() {
      LOG.info("from @PreDestroy");
    }
  }
}
