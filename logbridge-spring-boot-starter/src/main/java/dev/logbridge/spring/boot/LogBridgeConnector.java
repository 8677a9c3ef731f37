package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import dev.logbridge.LogBridge;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Connects logbridge to the application's {@link OpenTelemetry} bean once every singleton
 * exists, or, when there is none, lets logbridge build an SDK from {@code OTEL_*} settings and
 * the {@code otel.*} properties of the Spring environment (see {@link
 * OtelEnvironmentProperties}).
 *
 * <p>Records logged before this point (the whole startup) wait in logbridge's queue and flow
 * as soon as the instance is installed. The SDK is never built on the application's thread:
 * autoconfiguration runs on logbridge's pipeline thread, exporting with {@code
 * PipelineBatchProcessor}, and only if neither a bean nor {@code GlobalOpenTelemetry} (the
 * OpenTelemetry Java agent's, say) is there.
 *
 * <p>When the context closes, it is destroyed after the telemetry beans (see {@link
 * LogBridgeShutdownOrdering}). If it had installed a bean of this context, that SDK is now shut
 * down, and logbridge would hand it every later record, all lost; so it retires the
 * process-wide bridge ({@link LogBridge#resetGlobal}). A later run of the application in the
 * same JVM (a DevTools restart, a second test context) re-initialises logging, whose appenders
 * then feed a new bridge, where startup records wait for that run's SDK.
 *
 * <p>Thread-safety: called by Spring on the thread refreshing, then closing, the context.
 */
public final class LogBridgeConnector implements SmartInitializingSingleton, DisposableBean {
  private final Bridge bridge;
  private final ObjectProvider<OpenTelemetry> openTelemetry;
  private final boolean autoconfigure;
  private final Duration shutdownTimeout;
  private final Supplier<Map<String, String>> otelProperties;
  private volatile OpenTelemetry installed;
  // Set by destroy(), after which this connector feeds nothing.
  private volatile boolean retired;

  LogBridgeConnector(
      Bridge bridge,
      ObjectProvider<OpenTelemetry> openTelemetry,
      boolean autoconfigure,
      Duration shutdownTimeout) {
    this(bridge, openTelemetry, autoconfigure, shutdownTimeout, Collections::emptyMap);
  }

  LogBridgeConnector(
      Bridge bridge,
      ObjectProvider<OpenTelemetry> openTelemetry,
      boolean autoconfigure,
      Duration shutdownTimeout,
      Supplier<Map<String, String>> otelProperties) {
    this.bridge = bridge;
    this.openTelemetry = openTelemetry;
    this.autoconfigure = autoconfigure;
    this.shutdownTimeout = shutdownTimeout;
    this.otelProperties = otelProperties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    OpenTelemetry bean = openTelemetry.getIfUnique();
    if (bean != null) {
      bridge.install(bean);
      installed = bean;
    } else if (autoconfigure) {
      // Read here, on the context's thread; the SDK is built later on logbridge's.
      bridge.enableAutoconfigure(otelProperties.get());
    }
  }

  @Override
  public void destroy() {
    retired = true;
    // Only the bridge this context connected, and only if nobody replaced it meanwhile.
    if (installed != null && LogBridge.global() == bridge) {
      LogBridge.resetGlobal(shutdownTimeout);
    }
  }

  /**
   * Whether this connector installed a bean into {@code bridge} and has not retired it: then an
   * instance is there for {@code bridge} even before logbridge's thread has taken it up.
   */
  boolean feeds(Bridge bridge) {
    return installed != null && !retired && this.bridge == bridge;
  }

  /** The bean installed into logbridge, or null if logbridge looks for an instance itself. */
  public OpenTelemetry installed() {
    return installed;
  }
}
