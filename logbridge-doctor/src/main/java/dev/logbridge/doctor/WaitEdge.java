package dev.logbridge.doctor;

/**
 * One edge of the wait-for graph: a thread waiting to acquire a lock, and the thread that owns it if known.
 *
 * <p>Immutable and thread-safe.
 */
public final class WaitEdge {

  /** How the waiter waits. */
  public enum Kind {
    /** Entering or re-entering a {@code synchronized} monitor. */
    MONITOR,
    /** Parked on a j.u.c synchronizer ({@code LockSupport.park} with a blocker). */
    PARK
  }

  private final String waiter;
  private final LockRef lock;
  private final String owner;
  private final Kind kind;
  private final String waiterFrame;
  private final String ownerLockedAt;
  private final String ownerFrame;

  WaitEdge(String waiter, LockRef lock, String owner, Kind kind) {
    this(waiter, lock, owner, kind, null, null, null);
  }

  WaitEdge(
      String waiter,
      LockRef lock,
      String owner,
      Kind kind,
      String waiterFrame,
      String ownerLockedAt,
      String ownerFrame) {
    this.waiter = waiter;
    this.lock = lock;
    this.owner = owner;
    this.kind = kind;
    this.waiterFrame = waiterFrame;
    this.ownerLockedAt = ownerLockedAt;
    this.ownerFrame = ownerFrame;
  }

  /**
   * The frame where the waiter waits, JDK park and wait machinery skipped (for example
   * {@code AppenderBase.doAppend}), or {@code null} when the dump shows no stack.
   */
  public String waiterFrame() {
    return waiterFrame;
  }

  /**
   * The frame where the owner took the lock (the method under which the dump prints {@code - locked}), or
   * {@code null} when the dump does not show it (j.u.c locks, ThreadMXBean samples, unknown owner).
   */
  public String ownerLockedAt() {
    return ownerLockedAt;
  }

  /** Where the owner is now, JDK park and wait machinery skipped, or {@code null}. */
  public String ownerFrame() {
    return ownerFrame;
  }

  /** The waiting thread's name. */
  public String waiter() {
    return waiter;
  }

  /** The lock waited for. */
  public LockRef lock() {
    return lock;
  }

  /** The owner's name, or {@code null} when no owner is known. */
  public String owner() {
    return owner;
  }

  /** How the waiter waits. */
  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return waiter
        + (waiterFrame == null ? "" : " (in " + waiterFrame + ")")
        + " --["
        + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + lock
        + "]--> "
        + (owner == null
            ? "(owner unknown)"
            : owner
                + (ownerLockedAt == null ? "" : " (took it in " + ownerLockedAt + ")")
                + (ownerFrame == null ? "" : " (now in " + ownerFrame + ")"));
  }

  /** One line for a report: who waits where, for what, held by whom since where. */
  String describe() {
    return "`"
        + waiter
        + "`"
        + (waiterFrame == null ? "" : " in `" + waiterFrame + "`")
        + " waits for "
        + lock
        + (owner == null
            ? " (owner unknown)"
            : " held by `"
                + owner
                + "`"
                + (ownerLockedAt == null ? "" : ", taken in `" + ownerLockedAt + "`")
                + (ownerFrame == null || ownerFrame.equals(ownerLockedAt)
                    ? ""
                    : ", now in `" + ownerFrame + "`"));
  }
}
