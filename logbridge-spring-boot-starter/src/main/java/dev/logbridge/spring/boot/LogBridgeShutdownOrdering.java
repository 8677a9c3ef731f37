package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.ClassUtils;

/**
 * Orders the context's shutdown so that what the application logs while it closes ({@code
 * ContextClosedEvent} listeners, lifecycle stops, {@code @PreDestroy} and {@code destroy()}
 * methods) is delivered before the OpenTelemetry SDK shuts down.
 *
 * <p>Why: Spring destroys singletons in reverse creation order, and the SDK bean is usually
 * created early, so without help it is closed while beans created before it still log in their
 * {@code @PreDestroy}; those records reach a closed SDK and are lost (counted as {@code
 * sdk_shutdown}). Two steps fix that:
 * <ol>
 *   <li>On {@link ContextClosedEvent} (published before any bean is stopped or destroyed),
 *       every singleton that is not part of the telemetry pipeline is registered as depending
 *       on each telemetry bean (an {@link OpenTelemetry}, {@link SdkLoggerProvider}, {@link
 *       LogRecordProcessor} or {@link LogRecordExporter}, with everything those depend on).
 *       Spring destroys a bean's dependents before the bean, so the telemetry beans go last.
 *       They are registered in reverse creation order, the order Spring would have destroyed
 *       them in anyway.
 *   <li>Just before the first telemetry bean is destroyed, logbridge flushes: what waits in its
 *       queue is handed to the still-open SDK, which exports it as it closes.
 *   <li>The {@link LogBridgeConnector} is registered the other way round, as a dependency of
 *       every telemetry bean, so that it is destroyed after the SDK and can retire the bridge
 *       that feeds it.
 * </ol>
 *
 * <p>Thread-safety: Spring calls it from the thread closing the context.
 */
public final class LogBridgeShutdownOrdering
    implements DestructionAwareBeanPostProcessor,
        BeanFactoryAware,
        ApplicationListener<ContextClosedEvent> {
  private static final List<String> TELEMETRY_TYPES =
      Arrays.asList(
          "io.opentelemetry.api.OpenTelemetry",
          "io.opentelemetry.sdk.logs.SdkLoggerProvider",
          "io.opentelemetry.sdk.logs.LogRecordProcessor",
          "io.opentelemetry.sdk.logs.export.LogRecordExporter");

  private final Supplier<Bridge> bridge;
  private final Supplier<Duration> flushTimeout;
  private final List<Class<?>> telemetryTypes;
  private ConfigurableListableBeanFactory beanFactory;

  LogBridgeShutdownOrdering(Supplier<Bridge> bridge, Supplier<Duration> flushTimeout) {
    this.bridge = bridge;
    this.flushTimeout = flushTimeout;
    this.telemetryTypes = presentTypes();
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
    if (beanFactory instanceof ConfigurableListableBeanFactory) {
      this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (beanFactory == null
        || event.getApplicationContext().getAutowireCapableBeanFactory() != beanFactory) {
      return; // a child or parent context's close is that context's business
    }
    Set<String> telemetry = telemetryBeansWithDependencies();
    if (telemetry.isEmpty()) {
      return;
    }
    List<String> connectors =
        Arrays.asList(beanFactory.getBeanNamesForType(LogBridgeConnector.class, true, false));
    List<String> others = new ArrayList<>(Arrays.asList(beanFactory.getSingletonNames()));
    Collections.reverse(others);
    others.removeAll(telemetry);
    others.removeAll(connectors);
    for (String telemetryBean : telemetry) {
      for (String other : others) {
        beanFactory.registerDependentBean(telemetryBean, other);
      }
      for (String connector : connectors) {
        beanFactory.registerDependentBean(connector, telemetryBean);
      }
    }
  }

  @Override
  public boolean requiresDestruction(Object bean) {
    return isTelemetry(bean);
  }

  @Override
  public void postProcessBeforeDestruction(Object bean, String beanName) throws BeansException {
    if (!isTelemetry(bean)) {
      return;
    }
    Bridge current = bridge.get();
    if ((current.isInstalled() || aConnectorFeeds(current)) && !current.isShutdown()) {
      // Bounded: a hung exporter costs the shutdown at most this long.
      current.flush(flushTimeout.get());
    }
  }

  /**
   * Whether this context's connector installed a bean into {@code current}: then an instance is
   * there even if logbridge's thread has not taken it up yet (a context closed right after it
   * started), and a flush is short. Without one (or once the connector retired that bridge), a
   * flush could only wait its whole timeout.
   */
  private boolean aConnectorFeeds(Bridge current) {
    if (beanFactory == null) {
      return false;
    }
    for (String name : beanFactory.getBeanNamesForType(LogBridgeConnector.class, true, false)) {
      Object connector = beanFactory.getSingleton(name); // never creates one while closing
      if (connector instanceof LogBridgeConnector
          && ((LogBridgeConnector) connector).feeds(current)) {
        return true;
      }
    }
    return false;
  }

  private boolean isTelemetry(Object bean) {
    for (Class<?> type : telemetryTypes) {
      if (type.isInstance(bean)) {
        return true;
      }
    }
    return false;
  }

  private Set<String> telemetryBeansWithDependencies() {
    Set<String> found = new LinkedHashSet<>();
    Deque<String> toVisit = new ArrayDeque<>();
    for (Class<?> type : telemetryTypes) {
      toVisit.addAll(Arrays.asList(beanFactory.getBeanNamesForType(type, true, false)));
    }
    while (!toVisit.isEmpty()) {
      String name = toVisit.pop();
      if (found.add(name)) {
        toVisit.addAll(Arrays.asList(beanFactory.getDependenciesForBean(name)));
      }
    }
    found.retainAll(Arrays.asList(beanFactory.getSingletonNames()));
    return found;
  }

  /** The telemetry types on the class path (the SDK is optional for an application). */
  private static List<Class<?>> presentTypes() {
    List<Class<?>> types = new ArrayList<>();
    ClassLoader loader = LogBridgeShutdownOrdering.class.getClassLoader();
    for (String name : TELEMETRY_TYPES) {
      if (ClassUtils.isPresent(name, loader)) {
        types.add(ClassUtils.resolveClassName(name, loader));
      }
    }
    return types;
  }
}
