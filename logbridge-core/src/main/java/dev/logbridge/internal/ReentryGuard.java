package dev.logbridge.internal;

/**
 * The one bridge-wide re-entry guard: marks the current thread as being inside logbridge, so that a
 * record logged while logbridge is capturing another one (a {@code toString()} that logs, an MDC
 * value that logs, a framework bridged into another) is blocked instead of bridged again.
 *
 * <p>Per thread, virtual threads included: a {@link ThreadLocal} is per virtual thread, not per
 * carrier. The guard is shared by every adapter (JUL, Logback, Log4j 2), so a record that crosses
 * from one framework into another while being captured is bridged once.
 *
 * <p>Thread-safety: each thread touches only its own state.
 */
public final class ReentryGuard {
  // A mutable holder rather than a Boolean, so enter/exit never allocate after the first call.
  private static final ThreadLocal<Depth> DEPTH = ThreadLocal.withInitial(Depth::new);

  private ReentryGuard() {}

  /** Marks the thread as inside; returns false, changing nothing, if it already was. */
  public static boolean tryEnter() {
    Depth depth = DEPTH.get();
    if (depth.inside) {
      return false;
    }
    depth.inside = true;
    return true;
  }

  /** Marks the thread as outside again; call only after a successful {@link #tryEnter()}. */
  public static void exit() {
    DEPTH.get().inside = false;
  }

  /** Whether the current thread is inside logbridge. */
  public static boolean isInside() {
    return DEPTH.get().inside;
  }

  private static final class Depth {
    // Read and written only by the owning thread.
    boolean inside;
  }
}
