package dev.logbridge;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * logbridge's own diagnostics channel: rate-limited messages to the registered {@link
 * StatusListener}s and to the process's <em>original</em> standard error file descriptor:
 * everything goes there while no listener is registered; with listeners (the frameworks' status
 * APIs, which print nothing unless the user configured a status listener of their own), warnings
 * and errors still do, unless that copy is turned off. Losses and a missing OpenTelemetry instance
 * are warnings, so a user sees them without configuring anything.
 *
 * <p>Never {@code System.err}: applications sometimes redirect it into logging, which would feed
 * our diagnostics back into the bridge. Never called on a logging thread: callers on the hot path
 * only count, and the pipeline thread reports the counts.
 *
 * <p>Rate limit: per message key, at most one message per interval; suppressed messages are
 * counted and the next one that passes says how many were suppressed. The clock is injectable.
 *
 * <p>Thread-safety: thread-safe; a dedicated lock serialises the rate-limit state and writes.
 */
final class StatusChannel {
  private static final PrintStream ORIGINAL_STDERR =
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

  private final ReentrantLock lock = new ReentrantLock();
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final PrintStream fallback;
  private final boolean warningsToStderr;
  private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
  // Guarded by lock.
  private final Map<String, KeyState> keys = new HashMap<>();

  public StatusChannel(Duration interval) {
    this(interval, true);
  }

  /** With {@code warningsToStderr} false, listeners alone receive warnings when there are any. */
  public StatusChannel(Duration interval, boolean warningsToStderr) {
    this(interval, System::nanoTime, ORIGINAL_STDERR, warningsToStderr);
  }

  // Visible for testing
  StatusChannel(Duration interval, LongSupplier nanoClock, PrintStream fallback) {
    this(interval, nanoClock, fallback, true);
  }

  // Visible for testing
  StatusChannel(
      Duration interval, LongSupplier nanoClock, PrintStream fallback, boolean warningsToStderr) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.fallback = fallback;
    this.warningsToStderr = warningsToStderr;
  }

  public void addListener(StatusListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StatusListener listener) {
    listeners.remove(listener);
  }

  /**
   * Reports {@code message} unless a message with the same {@code key} was reported within the
   * interval. Returns whether it was reported.
   */
  public boolean report(StatusListener.Level level, String key, String message) {
    String text;
    lock.lock();
    try {
      long now = nanoClock.getAsLong();
      KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
      if (state.reportedOnce && now - state.lastReportNanos < intervalNanos) {
        state.suppressed++;
        return false;
      }
      text =
          state.suppressed == 0
              ? message
              : message + " (" + state.suppressed + " similar messages suppressed)";
      state.reportedOnce = true;
      state.lastReportNanos = now;
      state.suppressed = 0;
      deliver(level, text);
    } finally {
      lock.unlock();
    }
    return true;
  }

  /** Reports {@code message} regardless of the rate limit (shutdown summaries, config errors). */
  public void reportAlways(StatusListener.Level level, String message) {
    lock.lock();
    try {
      deliver(level, message);
    } finally {
      lock.unlock();
    }
  }

  private void deliver(StatusListener.Level level, String text) {
    if (listeners.isEmpty() || warningsToStderr && level != StatusListener.Level.INFO) {
      fallback.println("logbridge " + level + ": " + text);
    }
    for (StatusListener listener : listeners) {
      try {
        listener.onStatus(level, text);
      } catch (Throwable t) {
        fallback.println(
            "logbridge ERROR: status listener "
                + listener.getClass().getName()
                + " threw "
                + t
                + "; message was: "
                + text);
      }
    }
  }

  private static final class KeyState {
    boolean reportedOnce;
    long lastReportNanos;
    long suppressed;
  }
}
