package dev.logbridge.internal;

/**
 * The one bridge-wide re-entry guard: marks the current thread as being inside logbridge, so that a
 * record logged while logbridge is capturing another one (a {@code toString()} that logs, an MDC
 * value that logs, a framework bridged into another) is blocked instead of bridged again.
 *
 * <p>Per thread, virtual threads included; the mark lives in {@link CallerState}, which the
 * bridge's hot path reads once per call. The guard is shared by every adapter (JUL, Logback, Log4j
 * 2), so a record that crosses from one framework into another while being captured is bridged
 * once.
 *
 * <p>Thread-safety: each thread touches only its own state.
 */
public final class ReentryGuard {
  private ReentryGuard() {}

  /** Marks the thread as inside; returns false, changing nothing, if it already was. */
  public static boolean tryEnter() {
    return CallerState.current().tryEnter();
  }

  /** Marks the thread as outside again; call only after a successful {@link #tryEnter()}. */
  public static void exit() {
    CallerState.current().exit();
  }

  /** Whether the current thread is inside logbridge. */
  public static boolean isInside() {
    return CallerState.current().isInside();
  }
}
