package dev.logbridge.sdk;

import dev.logbridge.internal.ArtifactVersions;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;

/**
 * The calls into the OpenTelemetry SDK whose availability depends on the SDK's version, each
 * probed once when this class initialises (the SDK counterpart of {@code
 * dev.logbridge.internal.OpenTelemetryApiSupport}). Loaded only where the SDK is on the class path.
 *
 * <p>What an older SDK lacks, and what logbridge does instead:
 * <ul>
 *   <li>{@code BatchLogRecordProcessorBuilder.setInternalTelemetryVersion} and {@code
 *       InternalTelemetryVersion} (added in 1.58.0 and 1.51.0 respectively): the batch
 *       processor's own metrics keep the SDK's legacy names ({@code processedLogs}, {@code
 *       queueSize}) instead of the semantic-convention ones.
 * </ul>
 *
 * <p>Thread-safety: stateless after class initialisation.
 */
final class OpenTelemetrySdkSupport {
  private static final boolean HAS_INTERNAL_TELEMETRY_VERSION = probeInternalTelemetryVersion();
  private static final String SDK_VERSION = readSdkVersion();

  private OpenTelemetrySdkSupport() {}

  /**
   * Makes the batch processor built by {@code builder} report its metrics under the
   * semantic-convention names; returns false, changing nothing, on an SDK that cannot.
   */
  static boolean useSemanticConventionMetrics(BatchLogRecordProcessorBuilder builder) {
    if (!HAS_INTERNAL_TELEMETRY_VERSION) {
      return false;
    }
    builder.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST);
    return true;
  }

  /** The SDK version on the class path ({@code opentelemetry-sdk-common}), or null. */
  static String sdkVersion() {
    return SDK_VERSION;
  }

  private static boolean probeInternalTelemetryVersion() {
    try {
      BatchLogRecordProcessorBuilder.class.getMethod(
          "setInternalTelemetryVersion", InternalTelemetryVersion.class);
      return true;
    } catch (NoSuchMethodException | LinkageError | SecurityException e) {
      return false; // no such method, or no InternalTelemetryVersion class at all
    }
  }

  private static String readSdkVersion() {
    return ArtifactVersions.versionOf(
        io.opentelemetry.sdk.common.CompletableResultCode.class,
        "/io/opentelemetry/sdk/common/version.properties");
  }
}
