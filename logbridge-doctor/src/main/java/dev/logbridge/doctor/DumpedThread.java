package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thread as a dump describes it: identity, state, stack, what it waits for and what it holds.
 *
 * <p>The wait is split by kind because the kinds mean different things: {@link #blockedOn()} is a monitor the
 * thread wants to enter (it has an owner), {@link #waitingOn()} is a monitor the thread released in
 * {@code Object.wait()} (nobody owns a notification), and {@link #parkedOn()} is a {@code LockSupport.park}
 * blocker (owned only for exclusive j.u.c locks). Parsers have already removed the stale {@code - locked} lines
 * that HotSpot prints for monitors released by {@code Object.wait()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DumpedThread {
  private final String name;
  private final long id;
  private final boolean virtual;
  private final Thread.State state;
  private final List<StackFrame> frames;
  private final LockRef blockedOn;
  private final LockRef waitingOn;
  private final LockRef parkedOn;
  private final List<LockRef> heldMonitors;
  private final List<LockRef> ownedSynchronizers;
  private final String reportedLockOwner;
  private final long carriedVirtualThreadId;
  private final java.util.Map<LockRef, Integer> lockedAt;
  private String stackKey; // cache; racy single-check, every thread computes the same String

  private DumpedThread(Builder b, StackInterner stacks) {
    this.name = b.name;
    this.id = b.id;
    this.virtual = b.virtual;
    this.state = b.state;
    this.frames = stacks == null ? List.copyOf(b.frames) : stacks.stack(b.frames);
    this.waitingOn = b.waitingOn;
    this.blockedOn = b.blockedOn;
    this.parkedOn = b.parkedOn;
    List<LockRef> held = new ArrayList<>(b.heldMonitors);
    // A monitor released by Object.wait() is still printed as "- locked" by its entering frame: not
    // held.
    held.remove(b.waitingOn);
    held.remove(b.blockedOn);
    this.heldMonitors = List.copyOf(held);
    this.ownedSynchronizers =
        b.ownedSynchronizers == null ? null : List.copyOf(b.ownedSynchronizers);
    this.reportedLockOwner = b.reportedLockOwner;
    this.carriedVirtualThreadId = b.carriedVirtualThreadId;
    this.lockedAt = java.util.Map.copyOf(b.lockedAt);
  }

  static Builder builder(String name) {
    return new Builder(name);
  }

  /** The thread's name; unnamed virtual threads are shown as {@code virtual#<id>}. */
  public String name() {
    return name;
  }

  /** The Java thread id ({@code #N} in HotSpot text, {@code tid} in JSON), or -1 for VM-internal threads. */
  public long id() {
    return id;
  }

  /** Whether this is a virtual thread. */
  public boolean isVirtual() {
    return virtual;
  }

  /** The Java thread state, or {@code null} when the dump does not say (VM threads, carriers, JDK 21 JSON). */
  public Thread.State state() {
    return state;
  }

  /** The stack, innermost frame first. */
  public List<StackFrame> frames() {
    return frames;
  }

  /** The monitor this thread waits to enter or re-enter after {@code wait()}, or {@code null}. */
  public LockRef blockedOn() {
    return blockedOn;
  }

  /** The monitor this thread waits on in {@code Object.wait()} (released, owner-less), or {@code null}. */
  public LockRef waitingOn() {
    return waitingOn;
  }

  /** The {@code LockSupport.park} blocker object, or {@code null} (not parked, or parked without a blocker). */
  public LockRef parkedOn() {
    return parkedOn;
  }

  /** The monitors this thread really holds. */
  public List<LockRef> heldMonitors() {
    return heldMonitors;
  }

  /**
   * The ownable synchronizers (exclusive j.u.c locks) this thread holds, or {@code null} when the dump does not
   * say (HotSpot text without {@code -l}, JSON dumps); an empty list means "known to hold none".
   */
  public List<LockRef> ownedSynchronizers() {
    return ownedSynchronizers;
  }

  /**
   * The name of the thread that owns the lock this thread waits for, when the source names it directly (the
   * JVM's deadlock section, ThreadMXBean's {@code lockOwnerName}), or {@code null}.
   */
  public String reportedLockOwner() {
    return reportedLockOwner;
  }

  /** For a carrier thread, the id of the virtual thread mounted on it, else -1. */
  public long carriedVirtualThreadId() {
    return carriedVirtualThreadId;
  }

  /**
   * The frame under which the dump prints {@code - locked <lock>}, that is, the method that entered the monitor,
   * or {@code null} when the dump does not show where the lock was taken (j.u.c locks, ThreadMXBean samples).
   */
  StackFrame frameThatLocked(LockRef lock) {
    Integer i = lockedAt.get(lock);
    return i == null || i < 0 || i >= frames.size() ? null : frames.get(i);
  }

  /** The lock this thread waits to acquire (monitor or park blocker), or {@code null}. */
  LockRef acquiring() {
    return blockedOn != null ? blockedOn : parkedOn;
  }

  /** The grouping key: state plus normalised frames, equal for threads with identical stacks. */
  String stackKey() {
    String key = stackKey;
    if (key == null) {
      key = stackKey(state, frames);
      stackKey = key;
    }
    return key;
  }

  /** The grouping key of a state and stack; see {@link StackFrame#groupingKey()}. */
  static String stackKey(Thread.State state, List<StackFrame> frames) {
    StringBuilder sb = new StringBuilder().append(state).append('|');
    for (StackFrame f : frames) {
      sb.append(f.groupingKey()).append('|');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "\"" + name + "\" " + state;
  }

  /** Assembles a thread while a parser reads it. Not thread-safe. */
  static final class Builder {
    private final String name;
    private long id = -1;
    private boolean virtual;
    private Thread.State state;
    private final List<StackFrame> frames = new ArrayList<>();
    private LockRef blockedOn;
    private LockRef waitingOn;
    private LockRef parkedOn;
    private final List<LockRef> heldMonitors = new ArrayList<>();
    private List<LockRef> ownedSynchronizers;
    private String reportedLockOwner;
    private long carriedVirtualThreadId = -1;
    private final java.util.Map<LockRef, Integer> lockedAt = new java.util.HashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    String name() {
      return name;
    }

    Builder id(long value) {
      this.id = value;
      return this;
    }

    long id() {
      return id;
    }

    Builder virtual(boolean value) {
      this.virtual = value;
      return this;
    }

    Thread.State state() {
      return state;
    }

    boolean hasFrames() {
      return !frames.isEmpty();
    }

    LockRef blockedOn() {
      return blockedOn;
    }

    LockRef parkedOn() {
      return parkedOn;
    }

    Builder state(Thread.State value) {
      this.state = value;
      return this;
    }

    Builder frame(StackFrame frame) {
      frames.add(frame);
      return this;
    }

    Builder frames(List<StackFrame> more) {
      frames.addAll(more);
      return this;
    }

    Builder blockedOn(LockRef lock) {
      this.blockedOn = lock;
      return this;
    }

    Builder waitingOn(LockRef lock) {
      this.waitingOn = lock;
      return this;
    }

    Builder parkedOn(LockRef lock) {
      this.parkedOn = lock;
      return this;
    }

    Builder held(LockRef lock) {
      if (!heldMonitors.contains(lock)) {
        heldMonitors.add(lock);
        // The annotation follows the frame that entered the monitor; the outermost entry wins for
        // re-entered monitors, which is where the lock was really taken.
      }
      lockedAt.put(lock, frames.size() - 1);
      return this;
    }

    /** A monitor held by the frame at {@code depth} (0 is the top frame), as JSON dumps say; -1 when unknown. */
    Builder held(LockRef lock, int depth) {
      if (!heldMonitors.contains(lock)) {
        heldMonitors.add(lock);
      }
      if (depth >= 0) {
        lockedAt.merge(
            lock, depth, Math::max); // the outermost entry of a re-entered monitor took it
      }
      return this;
    }

    Builder ownsSynchronizer(LockRef lock) {
      knowsSynchronizers();
      ownedSynchronizers.add(lock);
      return this;
    }

    Builder knowsSynchronizers() {
      if (ownedSynchronizers == null) {
        ownedSynchronizers = new ArrayList<>();
      }
      return this;
    }

    Builder reportedLockOwner(String owner) {
      this.reportedLockOwner = owner;
      return this;
    }

    Builder carrying(long virtualThreadId) {
      this.carriedVirtualThreadId = virtualThreadId;
      return this;
    }

    /**
     * Copies what another thread's body set (state, stack, locks, owned synchronizers, carried virtual thread),
     * for a thread whose dump text after the header is identical to that thread's.
     */
    Builder sameBodyAs(Builder other) {
      state = other.state;
      frames.addAll(other.frames);
      blockedOn = other.blockedOn;
      waitingOn = other.waitingOn;
      parkedOn = other.parkedOn;
      heldMonitors.addAll(other.heldMonitors);
      lockedAt.putAll(other.lockedAt);
      ownedSynchronizers =
          other.ownedSynchronizers == null ? null : new ArrayList<>(other.ownedSynchronizers);
      carriedVirtualThreadId = other.carriedVirtualThreadId;
      return this;
    }

    DumpedThread build() {
      return new DumpedThread(this, null);
    }

    /** Builds the thread with its stack shared with every equal stack built through {@code stacks}. */
    DumpedThread build(StackInterner stacks) {
      return new DumpedThread(this, stacks);
    }
  }
}
