package dev.logbridge.sdk;

import dev.logbridge.internal.ProviderState;
import dev.logbridge.internal.SdkHooks;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What logbridge does with the OpenTelemetry SDK when it is on the class path: force-flush its
 * logger provider, shut down an SDK logbridge built, and build one by autoconfiguration. The
 * pipeline's {@link SdkHooks}, registered in {@code META-INF/services}.
 *
 * <p>The SDK is an optional dependency: the pipeline loads this class only after it has seen the
 * SDK on the class path, so an application with only the API never links against the SDK.
 *
 * <p>Not API: public only for {@link java.util.ServiceLoader}; may change without notice.
 *
 * <p>Thread-safety: stateless.
 */
public final class SdkSupport implements SdkHooks {
  private static final String SDK_CLASS = "io.opentelemetry.sdk.OpenTelemetrySdk";
  private static final String AUTOCONFIGURE_CLASS =
      "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk";

  /** For {@link java.util.ServiceLoader}. */
  public SdkSupport() {}

  @Override
  public boolean isAutoconfigurePresent() {
    return isPresent(AUTOCONFIGURE_CLASS) && isPresent(SDK_CLASS);
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, SdkSupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Builds an SDK from the {@code OTEL_*} environment variables and system properties, and from
   * {@code properties} in front of them (see {@code Bridge.enableAutoconfigure(Map)}), with
   * logbridge's {@code PipelineBatchProcessor} in place of the batch log processor (see {@link
   * AutoconfiguredProcessor}). It is not made {@code GlobalOpenTelemetry}: a library must not
   * take that decision from the application (or from the Java agent, which may set it later).
   *
   * <p>Without the SDK's own JVM shutdown hook: logbridge owns this SDK and shuts it down from
   * its hook after the last flush. The SDK's would also make the build fail ("Shutdown in
   * progress") in a program that exits while the SDK is being built, losing every record.
   */
  @Override
  public OpenTelemetry autoconfigure(Map<String, String> properties) {
    AutoConfiguredOpenTelemetrySdkBuilder builder =
        AutoConfiguredOpenTelemetrySdk.builder()
            .disableShutdownHook()
            .addLogRecordExporterCustomizer(AutoconfiguredProcessor::wrapExporter)
            .addLogRecordProcessorCustomizer(AutoconfiguredProcessor::replaceBatchProcessor);
    if (!properties.isEmpty()) {
      // A customizer's properties override what autoconfiguration read itself; the caller has
      // already put system properties and environment variables first where they should win.
      builder.addPropertiesCustomizer(config -> properties);
    }
    return builder.build().getOpenTelemetrySdk();
  }

  @Override
  public ProviderState inspect(OpenTelemetry openTelemetry) {
    return SdkProviderInspector.inspect(openTelemetry);
  }

  @Override
  public boolean forceFlush(OpenTelemetry openTelemetry, Duration timeout) {
    if (!(openTelemetry instanceof OpenTelemetrySdk)) {
      return true;
    }
    CompletableResultCode result =
        ((OpenTelemetrySdk) openTelemetry).getSdkLoggerProvider().forceFlush();
    return result.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).isSuccess();
  }

  @Override
  public boolean shutdown(OpenTelemetry openTelemetry, Duration timeout) {
    if (!(openTelemetry instanceof OpenTelemetrySdk)) {
      return true;
    }
    CompletableResultCode result = ((OpenTelemetrySdk) openTelemetry).shutdown();
    return result.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).isSuccess();
  }

  @Override
  public String sdkVersion() {
    return OpenTelemetrySdkSupport.sdkVersion();
  }
}
