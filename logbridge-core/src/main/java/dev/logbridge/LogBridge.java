package dev.logbridge;

import dev.logbridge.StatusListener.Level;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide {@link Bridge} that every adapter (Logback, Log4j 2, java.util.logging) feeds,
 * and the entry point for applications.
 *
 * <p>Typical use: configure an adapter in the framework's configuration file, then call {@link
 * #install(OpenTelemetry)} once the OpenTelemetry SDK is built. Records logged before that wait in
 * the bounded queue with their trace context. Without an install, the bridge uses {@code
 * GlobalOpenTelemetry} as soon as someone (the OpenTelemetry Java agent, say) sets it.
 *
 * <p>The global bridge is created on first use, with the settings of the first caller of {@link
 * #global(BridgeSettings)} or the defaults. One process has one queue, so later callers asking for
 * different settings get the existing bridge and a status warning naming the difference.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class LogBridge {
  private static final AtomicReference<Bridge> GLOBAL = new AtomicReference<>();

  private LogBridge() {}

  /** The global bridge, created with default settings if it does not exist yet. */
  public static Bridge global() {
    Bridge bridge = GLOBAL.get();
    return bridge != null ? bridge : global(BridgeSettings.defaults());
  }

  /**
   * The global bridge, created with {@code settings} if it does not exist yet. If it exists with
   * other settings, they stay in force and a warning goes to the status channel.
   */
  public static Bridge global(BridgeSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Bridge existing = GLOBAL.get();
    if (existing != null) {
      warnIfDifferent(existing, settings);
      return existing;
    }
    Bridge created = Bridge.start(settings);
    if (GLOBAL.compareAndSet(null, created)) {
      return created;
    }
    // Lost a creation race: discard ours (it holds nothing yet) and use the winner.
    created.shutdown(Duration.ZERO);
    Bridge winner = GLOBAL.get();
    warnIfDifferent(winner, settings);
    return winner;
  }

  /** Uses {@code openTelemetry} for every record from now on, including those waiting. */
  public static void install(OpenTelemetry openTelemetry) {
    global().install(openTelemetry);
  }

  /** The global bridge's accounting. */
  public static BridgeStats stats() {
    return global().stats();
  }

  /** Flushes the global bridge; see {@link Bridge#flush(Duration)}. */
  public static boolean flush(Duration timeout) {
    return global().flush(timeout);
  }

  /** Shuts the global bridge down; see {@link Bridge#shutdown(Duration)}. */
  public static boolean shutdown(Duration timeout) {
    return global().shutdown(timeout);
  }

  /**
   * Shuts down the global bridge (if any) and forgets it, so the next use creates a new one.
   * For tests and for applications that rebuild their logging from scratch; adapters that hold
   * the old bridge keep counting into it as {@link DropReason#SHUTDOWN} until restarted.
   *
   * @return the old bridge's final accounting, or null if there was none
   */
  public static BridgeStats resetGlobal(Duration timeout) {
    Bridge old = GLOBAL.getAndSet(null);
    if (old == null) {
      return null;
    }
    old.shutdown(timeout);
    return old.stats();
  }

  private static void warnIfDifferent(Bridge existing, BridgeSettings requested) {
    if (!existing.settings().equals(requested)) {
      existing.reportStatus(
          Level.WARN,
          "settings_conflict",
          "the global bridge already runs with "
              + existing.settings()
              + "; ignoring the different settings requested later: "
              + requested);
    }
  }
}
