package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The thread-dump analyser: builds the wait-for graph over every edge kind (monitors, j.u.c lock owners, virtual
 * threads), finds cycles and self-waits itself, ranks hot locks, classifies owner-less waits by primitive, notices
 * logging frames, and says "cannot tell" when the dump lacks the evidence to decide.
 *
 * <p>It never relies on the JVM's own deadlock section for cycles (that misses self-waits and mixed
 * virtual/platform cycles); it uses the section only as evidence of lock owners the dump hides otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public final class Analyzer {
    private final int minWaiters;

    private Analyzer(int minWaiters) {
        this.minWaiters = minWaiters;
    }

    /** An analyser that calls a lock hot, or an owner-less wait a stall, from 3 waiting threads. */
    public static Analyzer defaults() {
        return new Analyzer(3);
    }

    /**
     * An analyser with a different waiter threshold.
     *
     * @param minWaiters threads waiting for one lock or primitive before it counts as a stall; at least 1
     */
    public static Analyzer withMinWaiters(int minWaiters) {
        if (minWaiters < 1) {
            throw new IllegalArgumentException("minWaiters must be at least 1, was " + minWaiters);
        }
        return new Analyzer(minWaiters);
    }

    /** Diagnoses one dump. */
    public Diagnosis analyze(ThreadDump dump) {
        return new Run(dump).diagnose();
    }

    /**
     * Diagnoses two dumps of one process taken a short interval apart: threads with the same state and stack in
     * both are stuck, others are progressing; stalls whose threads progressed are demoted to notes.
     */
    public Diagnosis analyze(ThreadDump earlier, ThreadDump later) {
        return DumpComparison.compare(earlier, later, analyze(later));
    }

    int minWaiters() {
        return minWaiters;
    }

    /** One analysis. Not thread-safe; confined to the calling thread. */
    private final class Run {
        private final ThreadDump dump;
        private final Map<String, DumpedThread> byName = new HashMap<>();
        private final Map<LockRef, DumpedThread> monitorOwners = new HashMap<>();
        private final Map<LockRef, DumpedThread> synchronizerOwners = new HashMap<>();
        private final Map<DumpedThread, DumpedThread> waitsFor = new IdentityHashMap<>();
        private final List<WaitEdge> edges = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final List<String> missing = new ArrayList<>();

        Run(ThreadDump dump) {
            this.dump = dump;
            for (DumpedThread t : dump.threads()) {
                byName.putIfAbsent(t.name(), t);
                for (LockRef l : t.heldMonitors()) {
                    monitorOwners.putIfAbsent(l, t);
                }
                if (t.ownedSynchronizers() != null) {
                    for (LockRef l : t.ownedSynchronizers()) {
                        synchronizerOwners.putIfAbsent(l, t);
                    }
                }
            }
        }

        Diagnosis diagnose() {
            Map<LockRef, List<DumpedThread>> ownerless = new LinkedHashMap<>();
            Map<LockRef, Primitive> ownerlessKind = new HashMap<>();
            Map<LockRef, List<DumpedThread>> unknown = new LinkedHashMap<>();
            for (DumpedThread t : dump.threads()) {
                LockRef lock = t.acquiring();
                if (lock != null) {
                    DumpedThread owner = owner(t, lock);
                    edges.add(new WaitEdge(t.name(), lock, owner == null ? null : owner.name(),
                            t.blockedOn() != null ? WaitEdge.Kind.MONITOR : WaitEdge.Kind.PARK));
                    if (owner != null) {
                        waitsFor.put(t, owner);
                        continue;
                    }
                }
                if (ThreadActivity.isIdle(t)) {
                    continue;
                }
                Primitive p = ownerlessPrimitive(t, lock);
                if (p == null) {
                    continue;
                }
                LockRef key = lock != null ? lock : t.waitingOn() != null ? t.waitingOn()
                        : new LockRef("park:" + t.stackKey().hashCode(), "(no blocker)");
                if (p.ownable() && !(p == Primitive.READ_WRITE_LOCK && dump.synchronizerOwnersKnown())) {
                    unknown.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
                } else {
                    ownerless.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
                    ownerlessKind.put(key, p);
                }
            }
            findCycles();
            findHotLocks();
            ownerless.forEach((lock, waiters) -> findings.add(ownerlessFinding(lock, ownerlessKind.get(lock), waiters)));
            unknown.forEach((lock, waiters) -> findings.add(unknownOwnerFinding(lock, waiters)));
            for (String unread : dump.unreadParts()) {
                missing.add("part of the input was not understood: " + unread);
            }
            if (dump.partial()) {
                missing.add("the input shows only some threads (no 'Full thread dump' header, or only the JVM's"
                        + " deadlock report): the threads that matter may be missing; paste the whole jstack -l /"
                        + " jcmd <pid> Thread.print -l output");
            }
            if (!dump.statesKnown()) {
                missing.add("thread states and locks: this Thread.dump_to_file dump carries stacks only (JDK 21-24);"
                        + " take it with JDK 25+ or use jcmd <pid> Thread.print -l");
            }
            return new Diagnosis(findings, StackGroups.of(dump), edges, missing, Map.of(), dump.threads().size(),
                    dump.source());
        }

        /** The owner of what {@code t} waits for, from the strongest evidence available. */
        private DumpedThread owner(DumpedThread t, LockRef lock) {
            if (t.reportedLockOwner() != null && byName.containsKey(t.reportedLockOwner())) {
                return byName.get(t.reportedLockOwner());
            }
            return t.blockedOn() != null ? monitorOwners.get(lock) : synchronizerOwners.get(lock);
        }

        /** The primitive behind an owner-less wait, or {@code null} when the thread is not waiting. */
        private Primitive ownerlessPrimitive(DumpedThread t, LockRef lock) {
            if (t.blockedOn() != null) {
                return Primitive.MONITOR;
            }
            if (lock != null) {
                return Primitive.ofParkBlocker(lock, t.frames());
            }
            if (t.waitingOn() != null) {
                return t.waitingOn().id().startsWith("class-init:") ? Primitive.CLASS_INIT : Primitive.OBJECT_WAIT;
            }
            boolean parked = !t.frames().isEmpty() && t.frames().get(0).methodName().equals("park")
                    && (t.state() == Thread.State.WAITING || t.state() == Thread.State.TIMED_WAITING);
            return parked ? Primitive.PARK : null;
        }

        /** Every thread has at most one outgoing edge, so following successors finds each cycle exactly once. */
        private void findCycles() {
            Map<DumpedThread, Integer> visitedInWalk = new IdentityHashMap<>();
            Set<DumpedThread> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            int walk = 0;
            for (DumpedThread start : waitsFor.keySet()) {
                walk++;
                List<DumpedThread> path = new ArrayList<>();
                DumpedThread t = start;
                while (t != null && !done.contains(t) && !visitedInWalk.containsKey(t)) {
                    visitedInWalk.put(t, walk);
                    path.add(t);
                    t = waitsFor.get(t);
                }
                if (t != null && !done.contains(t) && visitedInWalk.get(t) == walk) {
                    findings.add(cycleFinding(path.subList(path.indexOf(t), path.size())));
                }
                done.addAll(path);
            }
        }

        private Finding cycleFinding(List<DumpedThread> cycle) {
            List<String> names = new ArrayList<>();
            StringBuilder chain = new StringBuilder();
            String logging = null;
            for (DumpedThread t : cycle) {
                names.add(t.name());
                chain.append(chain.length() == 0 ? "`" + t.name() + "`" : ", which").append(" waits for ")
                        .append(t.acquiring()).append(" held by `").append(waitsFor.get(t).name()).append('`');
                logging = logging != null ? logging : LoggingFrames.innermost(t.frames());
            }
            String inLogging = LoggingFrames.suffix(logging);
            if (cycle.size() == 1) {
                DumpedThread self = cycle.get(0);
                LockRef lock = self.acquiring();
                return new Finding(Finding.Kind.SELF_WAIT, Verdict.DEADLOCK, names, lock, self.name(),
                        frameName(self), Primitive.ofParkBlocker(lock, self.frames()).displayName(),
                        "a non-reentrant lock acquired again by the thread that holds it", logging,
                        "thread `" + self.name() + "` waits for itself: it parks on " + lock
                                + " which it already owns (a non-reentrant lock taken twice)" + inLogging);
            }
            boolean virtual = cycle.stream().anyMatch(DumpedThread::isVirtual);
            return new Finding(Finding.Kind.DEADLOCK, Verdict.DEADLOCK, names, null, null, null, null, null, logging,
                    "deadlock between " + cycle.size() + " threads" + (virtual ? " (virtual threads involved)" : "")
                            + ": " + chain + inLogging);
        }

        private void findHotLocks() {
            Map<LockRef, List<DumpedThread>> waitersByLock = new LinkedHashMap<>();
            waitsFor.forEach((waiter, owner) -> {
                if (waiter != owner) {
                    waitersByLock.computeIfAbsent(waiter.acquiring(), k -> new ArrayList<>()).add(waiter);
                }
            });
            waitersByLock.forEach((lock, waiters) -> {
                if (waiters.size() < minWaiters) {
                    return;
                }
                DumpedThread owner = waitsFor.get(waiters.get(0));
                String logging = loggingFrame(waiters, owner);
                findings.add(new Finding(Finding.Kind.HOT_LOCK, Verdict.STALL, names(waiters), lock, owner.name(),
                        frameName(owner), waiters.get(0).blockedOn() != null ? "monitor"
                                : Primitive.ofParkBlocker(lock, waiters.get(0).frames()).displayName(),
                        null, logging,
                        waiters.size() + " threads blocked behind " + lock + " held by `" + owner.name() + "`, "
                                + ownerActivity(owner) + LoggingFrames.suffix(logging)));
            });
        }

        private String ownerActivity(DumpedThread owner) {
            DumpedThread next = waitsFor.get(owner);
            if (next == owner) {
                return "which waits for itself on " + owner.acquiring();
            }
            if (next != null) {
                return "which itself waits for " + owner.acquiring() + " held by `" + next.name() + "`";
            }
            if (owner.parkedOn() != null && !Primitive.ofParkBlocker(owner.parkedOn(), owner.frames()).ownable()) {
                return "which waits on " + Primitive.ofParkBlocker(owner.parkedOn(), owner.frames()).displayName()
                        + " " + owner.parkedOn() + " that no thread owns";
            }
            if (owner.acquiring() != null) {
                return "which itself waits for " + owner.acquiring() + " (owner unknown)";
            }
            if (owner.waitingOn() != null) {
                return "which is in Object.wait() on " + owner.waitingOn();
            }
            StackFrame where = ThreadActivity.whereFrame(owner);
            if (where == null) {
                return "whose stack the dump does not show";
            }
            return "which is in `" + where.shortName() + "`"
                    + (ThreadActivity.inIo(owner) ? " (blocking I/O)" : owner.state() == null ? ""
                            : " (" + owner.state() + ")");
        }

        private Finding ownerlessFinding(LockRef lock, Primitive p, List<DumpedThread> waiters) {
            String logging = loggingFrame(waiters, null);
            boolean stall = waiters.size() >= minWaiters;
            String message = count(waiters) + " on " + p.displayName() + " " + lock
                    + " that no thread owns; likely cause: " + p.likelyCause()
                    + LoggingFrames.suffix(logging);
            return new Finding(Finding.Kind.OWNERLESS_WAIT, stall ? Verdict.STALL : Verdict.HEALTHY, names(waiters),
                    lock, null, null, p.displayName(), p.likelyCause(), logging, message);
        }

        private Finding unknownOwnerFinding(LockRef lock, List<DumpedThread> waiters) {
            String evidence;
            if (waiters.get(0).blockedOn() != null) {
                int feature = dump.featureVersion();
                if (dump.partial()) {
                    evidence = "no pasted thread holds this monitor: its owner is probably among the threads left"
                            + " out of the paste";
                } else if (feature > 0 && feature < 21) {
                    evidence = "no thread in the dump holds this monitor; it was probably released while the dump"
                            + " was taken (take two dumps a few seconds apart)";
                } else {
                    evidence = "no thread in the dump holds this monitor (an unmounted virtual thread may own it;"
                            + " take a JSON dump with Thread.dump_to_file on JDK 25+)";
                }
            } else if (dump.source() == ThreadDump.Source.JSON) {
                evidence = "JSON dumps before formatVersion 2 do not name the owner of a j.u.c lock;"
                        + " also take jcmd <pid> Thread.print -l";
            } else if (!dump.synchronizerOwnersKnown()) {
                evidence = "the dump has no 'Locked ownable synchronizers' (taken without -l) and no deadlock"
                        + " section names the owner; take jcmd <pid> Thread.print -l";
            } else {
                evidence = "no thread lists this lock among its ownable synchronizers; it was probably released"
                        + " while the dump was taken";
            }
            Verdict v = dump.synchronizerOwnersKnown() && waiters.get(0).blockedOn() == null
                    ? Verdict.HEALTHY : Verdict.CANNOT_TELL;
            if (v == Verdict.CANNOT_TELL && !missing.contains(evidence)) {
                missing.add(evidence);
            }
            String logging = loggingFrame(waiters, null);
            return new Finding(Finding.Kind.UNKNOWN_OWNER, v, names(waiters), lock, null, null,
                    waiters.get(0).blockedOn() != null ? "monitor"
                            : Primitive.ofParkBlocker(lock, waiters.get(0).frames()).displayName(),
                    evidence, logging, count(waiters) + " for " + lock + " whose owner cannot be seen: " + evidence
                            + LoggingFrames.suffix(logging));
        }

        private String loggingFrame(List<DumpedThread> waiters, DumpedThread owner) {
            String logging = LoggingFrames.innermost(waiters.get(0).frames());
            if (logging == null && owner != null) {
                logging = LoggingFrames.innermost(owner.frames());
            }
            return logging;
        }
    }

    private static String frameName(DumpedThread t) {
        StackFrame f = ThreadActivity.whereFrame(t);
        return f == null ? null : f.shortName();
    }

    /** "1 thread waits" or "N threads wait". */
    private static String count(List<DumpedThread> waiters) {
        return waiters.size() == 1 ? "1 thread waits" : waiters.size() + " threads wait";
    }

    private static List<String> names(List<DumpedThread> threads) {
        List<String> names = new ArrayList<>();
        for (DumpedThread t : threads) {
            names.add(t.name());
        }
        return names;
    }
}
