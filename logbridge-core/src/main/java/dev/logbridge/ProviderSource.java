package dev.logbridge;

import dev.logbridge.StatusListener.Level;
import dev.logbridge.internal.OpenTelemetryApiSupport;
import dev.logbridge.internal.SdkHooks;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * Where a pipeline's OpenTelemetry instance comes from, and the SDK logbridge owns.
 *
 * <p>In order: the instance {@linkplain #install installed} (a later install replaces an
 * earlier one); else {@link GlobalOpenTelemetry} once something has set it to more than the
 * API's no-op; else, once, an SDK built by autoconfiguration when {@linkplain
 * #requestAutoconfigure asked for}. logbridge owns only that last one: it shuts it down when it
 * switches away from it, when its pipeline ends, and from the JVM shutdown hook. The SDK-specific
 * work (building, shutting down) goes through {@link SdkHooks}.
 *
 * <p>Thread-safety: {@link #install}, {@link #requestAutoconfigure}, {@link #isInstalled},
 * {@link #mayDeliver} and {@link #shutdownOwnedAtExit} may be called from any thread; the rest
 * is confined to the pipeline thread. Fields say who writes and who reads them.
 */
final class ProviderSource {
  /** What the pipeline does with the instance it switches to. Runs on the pipeline thread. */
  interface Switch {
    /**
     * Makes {@code next} the pipeline's instance; {@code owned} if logbridge built it. The
     * pipeline calls {@link #adopt} from here, once it has let go of the previous instance.
     */
    void to(OpenTelemetry next, boolean owned);
  }

  private final StatusChannel status;

  // Written by install() on any thread; read by the consumer.
  private volatile OpenTelemetry installed;
  // Written by requestAutoconfigure() on any thread; read by the consumer. The properties are
  // written before the flag and read after it.
  private volatile boolean autoconfigureRequested;
  private volatile Map<String, String> autoconfigureProperties = Collections.emptyMap();
  // Written by the consumer when it builds (owns) an SDK, read by the JVM shutdown hook.
  private volatile OpenTelemetry ownedForExit;

  // Confined to the consumer thread.
  private OpenTelemetry active;
  private boolean ownsActive;
  private boolean autoconfigureAttempted;

  ProviderSource(StatusChannel status) {
    this.status = status;
  }

  /** Uses {@code openTelemetry} from now on, in preference to any other source. */
  void install(OpenTelemetry openTelemetry) {
    installed = openTelemetry;
  }

  /**
   * Builds an SDK from the {@code OTEL_*} settings if nothing else provides one, with {@code
   * properties} (immutable) in front of them.
   */
  void requestAutoconfigure(Map<String, String> properties) {
    autoconfigureProperties = properties;
    autoconfigureRequested = true;
  }

  /** Whether an instance has been installed explicitly. */
  boolean isInstalled() {
    return installed != null;
  }

  /**
   * Whether an instance is there or may still come: installed, autoconfiguration asked for, or a
   * {@code GlobalOpenTelemetry} that is not the no-op.
   */
  boolean mayDeliver() {
    return installed != null
        || autoconfigureRequested
        || OpenTelemetryApiSupport.isGlobalSet() && !isNoop(GlobalOpenTelemetry.get());
  }

  /** Whether an install has arrived that the pipeline has not switched to yet. Consumer only. */
  boolean hasNewInstall() {
    return installed != active && installed != null;
  }

  /**
   * Switches the pipeline, through {@code to}, to the instance it should use now, if that
   * changed: a new install, else (while there is none yet) a {@code GlobalOpenTelemetry} that was
   * set, else the SDK built by autoconfiguration. Consumer only.
   */
  void resolve(Switch to) {
    OpenTelemetry explicit = installed;
    if (explicit != null) {
      if (explicit != active) {
        to.to(explicit, false);
      }
      return;
    }
    if (active != null) {
      return;
    }
    if (OpenTelemetryApiSupport.isGlobalSet()) {
      OpenTelemetry global = GlobalOpenTelemetry.get();
      if (!isNoop(global)) {
        to.to(global, false);
        return;
      }
      // Taking it would count every record as emitted into nothing; keep waiting instead.
      status.report(
          Level.WARN,
          "noop_global",
          "GlobalOpenTelemetry is OpenTelemetry's no-op "
              + "instance (on API versions before 1.57, calling GlobalOpenTelemetry.get() before an "
              + "SDK is registered fixes the no-op for good); logbridge does not emit into it and "
              + "keeps records waiting for LogBridge.install(openTelemetry) or autoconfigure");
    }
    if (autoconfigureRequested && !autoconfigureAttempted) {
      autoconfigureAttempted = true;
      autoconfigure(to);
    }
  }

  /**
   * Records {@code next} as the instance in use, first shutting down the SDK logbridge owned
   * until now, if any. Called by the pipeline's {@link Switch}. Consumer only.
   */
  void adopt(OpenTelemetry next, boolean owned) {
    if (ownsActive && active != null) {
      shutdownContained(active, Duration.ofSeconds(5));
    }
    active = next;
    ownsActive = owned;
    ownedForExit = owned ? next : null;
  }

  /** Shuts down the SDK logbridge owns, if any, waiting at most {@code timeout}. Consumer only. */
  void shutdownOwned(Duration timeout) {
    if (ownsActive && active != null) {
      shutdownContained(active, timeout);
    }
  }

  /**
   * Shuts down the SDK logbridge built by autoconfiguration, if any, waiting at most {@code
   * timeout}: for the JVM shutdown hook, after its last flush (that SDK has no hook of its own).
   *
   * @return the instance shut down, or null if logbridge built none
   */
  OpenTelemetry shutdownOwnedAtExit(Duration timeout) {
    OpenTelemetry owned = ownedForExit;
    if (owned != null) {
      shutdownContained(owned, timeout);
    }
    return owned;
  }

  /** Whether {@code openTelemetry}'s logs go nowhere (the API's no-op logger provider). */
  private static boolean isNoop(OpenTelemetry openTelemetry) {
    try {
      return openTelemetry.getLogsBridge() == LoggerProvider.noop();
    } catch (Throwable t) {
      return false;
    }
  }

  private void autoconfigure(Switch to) {
    SdkHooks sdkHooks = SdkHooks.find();
    if (sdkHooks == null || !sdkHooks.isAutoconfigurePresent()) {
      status.reportAlways(
          Level.ERROR,
          "autoconfigure was requested, but "
              + "io.opentelemetry:opentelemetry-sdk-extension-autoconfigure is not on the class "
              + "path; records wait for LogBridge.install() or GlobalOpenTelemetry");
      return;
    }
    try {
      Map<String, String> properties = autoconfigureProperties;
      to.to(sdkHooks.autoconfigure(properties), true);
      status.reportAlways(
          Level.INFO,
          properties.isEmpty()
              ? "built the OpenTelemetry SDK from the OTEL_* environment variables"
              : "built the OpenTelemetry SDK from the OTEL_* environment variables and the "
                  + properties.size()
                  + " otel.* properties the application gave "
                  + properties.keySet());
    } catch (Throwable t) {
      status.reportAlways(Level.ERROR, AutoconfigureFailure.explain(t));
    }
  }

  private void shutdownContained(OpenTelemetry sdk, Duration timeout) {
    SdkHooks sdkHooks = SdkHooks.find();
    if (sdkHooks == null) {
      return; // only the SDK builds an instance logbridge owns
    }
    try {
      sdkHooks.shutdown(sdk, timeout);
    } catch (Throwable t) {
      status.report(Level.WARN, "sdk_shutdown", "shutting down the OpenTelemetry SDK failed: " + t);
    }
  }
}
