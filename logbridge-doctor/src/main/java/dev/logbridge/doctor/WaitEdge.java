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

    WaitEdge(String waiter, LockRef lock, String owner, Kind kind) {
        this.waiter = waiter;
        this.lock = lock;
        this.owner = owner;
        this.kind = kind;
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
        return waiter + " --[" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + lock + "]--> "
                + (owner == null ? "(owner unknown)" : owner);
    }
}
