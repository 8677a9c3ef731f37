package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import dev.logbridge.LogBridge;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of logbridge for Spring Boot: connects the process-wide bridge to the
 * application's OpenTelemetry bean (see {@link LogBridgeConnector}), orders shutdown (see {@link
 * LogBridgeShutdownOrdering}), and, with Actuator, publishes logbridge's counters as metrics
 * and a health indicator. The appender itself is attached by {@link LogBridgeLoggingListener},
 * which must run before any bean exists.
 *
 * <p>Thread-safety: configuration; Spring calls it on the thread refreshing the context.
 */
// No ordering against Spring Boot's OpenTelemetry auto-configuration is needed: the connector
// looks for the OpenTelemetry bean only once every singleton exists.
@AutoConfiguration
@ConditionalOnProperty(prefix = "logbridge", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(LogBridgeProperties.class)
public class LogBridgeAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  LogBridgeConnector logBridgeConnector(
      ObjectProvider<OpenTelemetry> openTelemetry,
      LogBridgeProperties properties,
      Environment environment) {
    return new LogBridgeConnector(
        LogBridge.global(),
        openTelemetry,
        properties.isAutoconfigure(),
        properties.getShutdownFlushTimeout(),
        () -> OtelEnvironmentProperties.from(environment));
  }

  /**
   * Static, as a bean post-processor must be, and reading the properties from the environment
   * itself: post-processors are created before properties beans are bound.
   */
  @Bean
  static LogBridgeShutdownOrdering logBridgeShutdownOrdering(Environment environment) {
    return new LogBridgeShutdownOrdering(
        LogBridge::global,
        () -> LogBridgeLoggingListener.bind(environment).getShutdownFlushTimeout());
  }

  /** Spring Boot's own SDK exports through PipelineBatchProcessor (see there). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = BatchProcessorReplacement.BATCH_PROCESSOR)
  static class ReplaceBatchProcessor {
    /** Static and reading the environment itself, as {@link #logBridgeShutdownOrdering}. */
    @Bean
    static BatchProcessorReplacement logBridgeBatchProcessorReplacement(Environment environment) {
      return new BatchProcessorReplacement(
          () -> LogBridgeLoggingListener.bind(environment).isReplaceBatchProcessor(), environment);
    }
  }

  /** logbridge's counters as Micrometer meters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    LogBridgeMeterBinder logBridgeMeterBinder() {
      return new LogBridgeMeterBinder(LogBridge.global());
    }
  }

  /** The {@code logbridge} health indicator, Spring Boot 4. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator(
      "logbridge")
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "logbridgeHealthIndicator")
    LogBridgeBoot4HealthIndicator logbridgeHealthIndicator() {
      return new LogBridgeBoot4HealthIndicator(LogBridge.global());
    }
  }

  /** The {@code logbridge} health indicator, Spring Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("logbridge")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "logbridgeHealthIndicator")
    LogBridgeHealthIndicator logbridgeHealthIndicator() {
      Bridge bridge = LogBridge.global();
      return new LogBridgeHealthIndicator(bridge);
    }
  }
}
