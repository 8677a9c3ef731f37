package dev.logbridge;

import dev.logbridge.internal.OpenTelemetryApiSupport;
import io.opentelemetry.context.Context;
import java.util.List;

/**
 * Decides whether a record comes from the telemetry pipeline itself and must not be bridged:
 * records logged on a logbridge thread or one of the OpenTelemetry SDK's worker threads, by a logger under an excluded prefix ({@code
 * io.opentelemetry}, {@code dev.logbridge} by default), or in a context where OpenTelemetry
 * suppresses instrumentation (the SDK's exporters run that way).
 *
 * <p>A thread-local guard alone cannot stop the SDK's feedback loop: the SDK reports export
 * failures through {@code java.util.logging}, often from its HTTP client's threads, so the
 * logger-name check is what cuts that loop.
 *
 * <p>Thread-safety: immutable.
 */
final class OriginFilter {
  /**
   * Name prefixes of the OpenTelemetry SDK's own worker threads. An exporter behind the batch
   * processor runs on its worker thread, in a context that is not suppressed, under whatever
   * logger name it likes: whatever it logs there would cause the next export, forever. Their
   * names are fixed by the SDK, and no application code runs on them.
   */
  static final List<String> SDK_THREAD_PREFIXES =
      List.of(
          "BatchLogRecordProcessor_WorkerThread",
          "BatchSpanProcessor_WorkerThread",
          "PeriodicMetricReader");

  private final String[] excludedPrefixes;

  public OriginFilter(List<String> excludedPrefixes) {
    this.excludedPrefixes = excludedPrefixes.toArray(new String[0]);
  }

  /**
   * Whether a record from {@code loggerName} logged in {@code context} by the current thread,
   * whose state is {@code caller} (the thread's kind is decided once and kept there), is
   * self-originated.
   */
  public boolean isSelfOrigin(String loggerName, Context context, CallerState caller) {
    if (caller.isTelemetryThread()) {
      return true;
    }
    if (loggerName != null && isExcludedName(loggerName)) {
      return true;
    }
    return isSuppressed(context);
  }

  /** Whether {@code loggerName} is one of the excluded prefixes or lies below one. */
  public boolean isExcludedName(String loggerName) {
    for (String prefix : excludedPrefixes) {
      if (loggerName.startsWith(prefix)) {
        if (loggerName.length() == prefix.length()) {
          return true;
        }
        char next = loggerName.charAt(prefix.length());
        if (next == '.' || next == '$') {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isSdkThreadName(String threadName) {
    for (String prefix : SDK_THREAD_PREFIXES) {
      if (threadName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSuppressed(Context context) {
    return OpenTelemetryApiSupport.shouldSuppressInstrumentation(context);
  }
}
