package dev.logbridge.internal;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link SdkHooks} once, on first use: none unless the OpenTelemetry SDK is visible to
 * logbridge's class loader, else the first implementation {@link ServiceLoader} gives (logbridge's
 * own, {@code dev.logbridge.sdk}, registered in the same jar).
 *
 * <p>Thread-safety: class initialisation publishes the result.
 */
final class SdkHooksLookup {
  private static final String SDK_CLASS = "io.opentelemetry.sdk.OpenTelemetrySdk";

  private static final int MAX_ATTEMPTS = 8;

  static final SdkHooks INSTANCE = find();

  private SdkHooksLookup() {}

  private static SdkHooks find() {
    ClassLoader loader = SdkHooks.class.getClassLoader();
    try {
      Class.forName(SDK_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null; // the API alone: nothing SDK-specific is ever loaded
    }
    Iterator<SdkHooks> found = ServiceLoader.load(SdkHooks.class, loader).iterator();
    // Bounded: an iterator that kept failing on the same entry must not spin forever.
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        if (!found.hasNext()) {
          return null;
        }
        return found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // A provider that cannot be loaded (another copy of logbridge, a broken class path):
        // try the next one; without any, logbridge works as with the API alone.
      }
    }
    return null;
  }
}
