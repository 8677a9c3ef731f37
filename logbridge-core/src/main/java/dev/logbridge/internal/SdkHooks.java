package dev.logbridge.internal;

import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;

/**
 * What the pipeline does with the OpenTelemetry SDK when it is on the class path: look into its
 * logger provider, force-flush it, shut down an SDK logbridge built, build one by
 * autoconfiguration, and tell its version. The pipeline's side of the boundary to {@code
 * dev.logbridge.sdk}, which implements it: core outside that package depends on {@code
 * opentelemetry-api} only.
 *
 * <p>Found through {@link java.util.ServiceLoader} ({@code META-INF/services} in logbridge-core),
 * and only once the SDK itself is seen on logbridge's class loader, so that an application with
 * only the API never loads, let alone links, the SDK-specific classes.
 *
 * <p>Not API: may change without notice.
 *
 * <p>Thread-safety: implementations are stateless and thread-safe.
 */
public interface SdkHooks {
  /** The SDK hooks if the OpenTelemetry SDK is on the class path, else null; looked up once. */
  static SdkHooks find() {
    return SdkHooksLookup.INSTANCE;
  }

  /** Whether the SDK's autoconfiguration extension is on the class path too. */
  boolean isAutoconfigurePresent();

  /**
   * Builds an SDK from the {@code OTEL_*} environment variables and system properties, and from
   * {@code properties} in front of them, with logbridge's processor in place of the batch log
   * processor; not made {@code GlobalOpenTelemetry}, and without the SDK's own shutdown hook
   * (logbridge owns it). Call only if {@link #isAutoconfigurePresent()}.
   */
  OpenTelemetry autoconfigure(Map<String, String> properties);

  /** What logbridge can learn about {@code openTelemetry}'s logger provider (see there). */
  ProviderState inspect(OpenTelemetry openTelemetry);

  /** Force-flushes an SDK's logger provider; true if it finished within {@code timeout}. */
  boolean forceFlush(OpenTelemetry openTelemetry, Duration timeout);

  /** Shuts down an SDK logbridge built; true if it finished within {@code timeout}. */
  boolean shutdown(OpenTelemetry openTelemetry, Duration timeout);

  /** The SDK version on the class path ({@code opentelemetry-sdk-common}), or null. */
  String sdkVersion();
}
