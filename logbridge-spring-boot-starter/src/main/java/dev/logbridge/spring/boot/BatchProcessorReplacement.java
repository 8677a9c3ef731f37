package dev.logbridge.spring.boot;

import dev.logbridge.LogBridge;
import dev.logbridge.StatusListener.Level;
import dev.logbridge.sdk.PipelineBatchProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;

/**
 * Puts the exporters of Spring Boot's own OpenTelemetry SDK behind logbridge's {@link
 * PipelineBatchProcessor} instead of the SDK's {@code BatchLogRecordProcessor}.
 *
 * <p>Why: with Actuator, Spring Boot builds an {@code SdkLoggerProvider} from every {@code
 * LogRecordProcessor} bean, and adds one of its own, a {@code BatchLogRecordProcessor} over all
 * {@code LogRecordExporter} beans. That processor keeps a second queue behind logbridge's, drops
 * silently when it is full, and stops taking records as soon as its shutdown begins. Spring
 * Boot's bean backs off only for another {@code BatchLogRecordProcessor}, a final class, so a
 * bean of another type cannot take its place; its definition is replaced instead.
 *
 * <p>How: after the configuration classes are parsed (their conditions decided), every bean
 * definition made by a factory method of a Spring Boot auto-configuration ({@code
 * org.springframework.boot.*}) that returns {@code BatchLogRecordProcessor} is replaced, under
 * the same name, by one that builds a {@code PipelineBatchProcessor} over the same exporters, in
 * the same order, with Spring Boot's export settings where they apply (see {@link
 * #pipelineProcessorOver}). A {@code BatchLogRecordProcessor} the application defines itself
 * is left alone, as are Spring Boot's when {@code logbridge.replace-batch-processor=false}.
 *
 * <p>Thread-safety: Spring calls it once, on the thread refreshing the context.
 */
final class BatchProcessorReplacement implements BeanDefinitionRegistryPostProcessor, Ordered {
  static final String BATCH_PROCESSOR = "io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor";
  private static final String SPRING_BOOT_PACKAGE = "org.springframework.boot.";

  /** Spring Boot 4.1's settings for its batch processor, applied where they have a meaning. */
  static final String EXPORT_SETTINGS = "management.opentelemetry.logging.export";

  private final BooleanSupplier enabled;
  private final Environment environment;

  BatchProcessorReplacement(BooleanSupplier enabled, Environment environment) {
    this.enabled = enabled;
    this.environment = environment;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry)
      throws BeansException {
    if (!(registry instanceof ListableBeanFactory) || !enabled.getAsBoolean()) {
      return;
    }
    ListableBeanFactory beans = (ListableBeanFactory) registry;
    for (String name : springBootBatchProcessors(registry)) {
      BeanDefinition original = registry.getBeanDefinition(name);
      RootBeanDefinition replacement =
          new RootBeanDefinition(
              PipelineBatchProcessor.class, () -> pipelineProcessorOver(beans, environment));
      replacement.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
      replacement.setPrimary(original.isPrimary());
      replacement.setDescription(
          "logbridge's PipelineBatchProcessor in place of Spring Boot's "
              + "BatchLogRecordProcessor ("
              + original.getResourceDescription()
              + ")");
      registry.removeBeanDefinition(name);
      registry.registerBeanDefinition(name, replacement);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /**
   * As Spring Boot builds its processor: one composite of every exporter bean, in order, with
   * Spring Boot's export settings where it has them (4.1: {@code
   * management.opentelemetry.logging.export.timeout}, {@code max-batch-size}, {@code
   * schedule-delay}; its {@code max-queue-size} has no counterpart, logbridge's queue being
   * {@code logbridge.queue-capacity}).
   */
  static PipelineBatchProcessor pipelineProcessorOver(
      ListableBeanFactory beans, Environment environment) {
    List<LogRecordExporter> exporters =
        beans.getBeanProvider(LogRecordExporter.class).orderedStream().collect(Collectors.toList());
    PipelineBatchProcessor.Builder builder =
        PipelineBatchProcessor.builder(LogRecordExporter.composite(exporters));
    Binder binder = Binder.get(environment);
    setting(binder, "timeout", Duration.class, builder::setExporterTimeout);
    setting(binder, "max-batch-size", Integer.class, builder::setMaxExportBatchSize);
    setting(binder, "schedule-delay", Duration.class, builder::setScheduleDelay);
    return builder.build();
  }

  /** Applies one setting if given; a value that cannot apply is said once, and the default kept. */
  private static <T> void setting(Binder binder, String name, Class<T> type, Consumer<T> apply) {
    String key = EXPORT_SETTINGS + "." + name;
    try {
      binder.bind(key, type).ifBound(apply);
    } catch (RuntimeException e) {
      LogBridge.global()
          .reportStatus(
              Level.WARN,
              "spring_boot_export_setting",
              "cannot apply "
                  + key
                  + " to logbridge's PipelineBatchProcessor ("
                  + e.getMessage()
                  + "); using its default");
    }
  }

  private static List<String> springBootBatchProcessors(BeanDefinitionRegistry registry) {
    List<String> found = new ArrayList<>();
    for (String name : registry.getBeanDefinitionNames()) {
      BeanDefinition definition = registry.getBeanDefinition(name);
      if (!(definition instanceof AnnotatedBeanDefinition)) {
        continue;
      }
      MethodMetadata factoryMethod =
          ((AnnotatedBeanDefinition) definition).getFactoryMethodMetadata();
      if (factoryMethod != null
          && BATCH_PROCESSOR.equals(factoryMethod.getReturnTypeName())
          && factoryMethod.getDeclaringClassName().startsWith(SPRING_BOOT_PACKAGE)) {
        found.add(name);
      }
    }
    return found;
  }
}
