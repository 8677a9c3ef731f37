package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Connects logbridge to the application's {@link OpenTelemetry} bean once every singleton
 * exists, or, when there is none, lets logbridge build an SDK from {@code OTEL_*} settings.
 *
 * <p>Records logged before this point (the whole startup) wait in logbridge's queue and flow
 * as soon as the instance is installed. The SDK is never built on the application's thread:
 * autoconfiguration runs on logbridge's pipeline thread, exporting with {@code
 * PipelineBatchProcessor}, and only if neither a bean nor {@code GlobalOpenTelemetry} (the
 * OpenTelemetry Java agent's, say) is there.
 *
 * <p>Thread-safety: called once by Spring on the thread refreshing the context.
 */
public final class LogBridgeConnector implements SmartInitializingSingleton {
  private final Bridge bridge;
  private final ObjectProvider<OpenTelemetry> openTelemetry;
  private final boolean autoconfigure;
  private volatile OpenTelemetry installed;

  LogBridgeConnector(Bridge bridge, ObjectProvider<OpenTelemetry> openTelemetry,
      boolean autoconfigure) {
    this.bridge = bridge;
    this.openTelemetry = openTelemetry;
    this.autoconfigure = autoconfigure;
  }

  @Override
  public void afterSingletonsInstantiated() {
    OpenTelemetry bean = openTelemetry.getIfUnique();
    if (bean != null) {
      bridge.install(bean);
      installed = bean;
    } else if (autoconfigure) {
      bridge.enableAutoconfigure();
    }
  }

  /** The bean installed into logbridge, or null if logbridge looks for an instance itself. */
  public OpenTelemetry installed() {
    return installed;
  }
}
