package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One snapshot of a process's threads, whatever format it came from, plus what that format can and cannot prove.
 *
 * <p>The evidence flags matter as much as the threads: a HotSpot dump without {@code -l} cannot show who holds a
 * {@code ReentrantLock}, and a JSON dump never can (before JDK-8365057), so the analyser answers "cannot tell"
 * instead of "healthy" when a question depends on missing evidence.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThreadDump {

    /** Where a dump came from. */
    public enum Source {
        /** {@code jstack} or {@code jcmd <pid> Thread.print}, with or without {@code -l}. */
        HOTSPOT_TEXT,
        /** {@code jcmd <pid> Thread.dump_to_file -format=json}. */
        JSON,
        /** {@code ThreadMXBean.getThreadInfo} inside the running process (the stall watchdog). */
        THREAD_MX_BEAN
    }

    private final Source source;
    private final String runtimeVersion;
    private final List<DumpedThread> threads;
    private final boolean synchronizerOwnersKnown;
    private final boolean statesKnown;
    private final List<List<String>> jvmReportedDeadlocks;

    ThreadDump(Source source, String runtimeVersion, List<DumpedThread> threads, boolean synchronizerOwnersKnown,
            boolean statesKnown, List<List<String>> jvmReportedDeadlocks) {
        this.source = Objects.requireNonNull(source, "source");
        this.runtimeVersion = runtimeVersion == null ? "" : runtimeVersion;
        this.threads = List.copyOf(threads);
        this.synchronizerOwnersKnown = synchronizerOwnersKnown;
        this.statesKnown = statesKnown;
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> c : jvmReportedDeadlocks) {
            cycles.add(List.copyOf(c));
        }
        this.jvmReportedDeadlocks = List.copyOf(cycles);
    }

    /** The format the dump was read from. */
    public Source source() {
        return source;
    }

    /** The JVM version the dump names, or an empty string when it names none. */
    public String runtimeVersion() {
        return runtimeVersion;
    }

    /** Every thread in the dump, in dump order. */
    public List<DumpedThread> threads() {
        return threads;
    }

    /**
     * Whether the dump lists every thread's ownable synchronizers ({@code Thread.print -l}), so that a j.u.c lock
     * that no thread lists is known to have no exclusive owner.
     */
    public boolean synchronizerOwnersKnown() {
        return synchronizerOwnersKnown;
    }

    /** Whether the dump carries thread states and locks at all (JDK 21 JSON dumps carry neither). */
    public boolean statesKnown() {
        return statesKnown;
    }

    /** The cycles the JVM itself reported ("Found one Java-level deadlock"), as thread names; often empty. */
    public List<List<String>> jvmReportedDeadlocks() {
        return jvmReportedDeadlocks;
    }

    /** The thread with this exact name, or {@code null}. */
    public DumpedThread thread(String name) {
        for (DumpedThread t : threads) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
