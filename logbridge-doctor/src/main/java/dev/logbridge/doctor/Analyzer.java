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
  private static final Object NOTHING = new Object();
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
    // In dump order, so that findings list threads the same way on every run (DumpedThread has
    // identity
    // equality).
    private final Map<DumpedThread, DumpedThread> waitsFor = new LinkedHashMap<>();
    private final List<WaitEdge> edges = new ArrayList<>();
    private final Map<DumpedThread, WaitEdge> edgeOf = new IdentityHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    // What a stack means, computed once per distinct stack: parsers share equal stacks
    // (StackInterner), and a
    // dump of 10,000 threads has a few hundred of them. Keyed by identity; a stack that is not
    // shared is
    // simply computed again.
    private final Map<List<StackFrame>, Object> idleStacks = new IdentityHashMap<>();
    private final Map<List<StackFrame>, Object> waitFrames = new IdentityHashMap<>();
    private final Map<List<StackFrame>, Object> poolWorkerStacks = new IdentityHashMap<>();
    private final Map<List<StackFrame>, Object> futureWaits = new IdentityHashMap<>();
    private final Map<List<StackFrame>, Object> producerFrames = new IdentityHashMap<>();
    private final Map<List<StackFrame>, Object> consumerStacks = new IdentityHashMap<>();
    private final Map<List<StackFrame>, Object> queueTakes = new IdentityHashMap<>();

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
          WaitEdge edge =
              new WaitEdge(
                  t.name(),
                  lock,
                  owner == null ? null : owner.name(),
                  t.blockedOn() != null ? WaitEdge.Kind.MONITOR : WaitEdge.Kind.PARK,
                  waitFrameOf(t),
                  owner == null ? null : lockedAt(owner, lock),
                  owner == null ? null : waitFrameOf(owner));
          edges.add(edge);
          edgeOf.put(t, edge);
          if (owner != null) {
            waitsFor.put(t, owner);
            continue;
          }
        }
        if (isIdle(t)) {
          continue;
        }
        Primitive p = ownerlessPrimitive(t, lock);
        if (p == null) {
          continue;
        }
        String hiddenLock = p == Primitive.PARK ? ownableLockCall(t) : null;
        if (hiddenLock != null) {
          // Parked inside ReentrantLock.lock with no "parking to wait for" line (a partial paste):
          // the
          // lock has an owner the dump does not show.
          unknown
              .computeIfAbsent(
                  new LockRef("unshown:" + hiddenLock, hiddenLock + " (no lock line in the dump)"),
                  k -> new ArrayList<>())
              .add(t);
          continue;
        }
        LockRef key =
            lock != null
                ? lock
                : t.waitingOn() != null
                    ? t.waitingOn()
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
      findWaitChains();
      findPoolStarvation();
      findProducerConsumerStalls();
      findPinnedCarriers();
      ownerless.forEach(
          (lock, waiters) ->
              findings.add(ownerlessFinding(lock, ownerlessKind.get(lock), waiters)));
      unknown.forEach((lock, waiters) -> findings.add(unknownOwnerFinding(lock, waiters)));
      for (String unread : dump.unreadParts()) {
        missing.add("part of the input was not understood: " + unread);
      }
      // A cycle in a partial paste is still a cycle; "some threads are missing" matters only short
      // of one.
      if (dump.partial() && findings.stream().noneMatch(f -> f.verdict() == Verdict.DEADLOCK)) {
        missing.add(
            "the input shows only some threads (no 'Full thread dump' header, or only the JVM's"
                + " deadlock report): the threads that matter may be missing; paste the whole jstack -l /"
                + " jcmd <pid> Thread.print -l output");
      }
      if (!dump.statesKnown()) {
        missing.add(
            "thread states and locks: this Thread.dump_to_file dump carries stacks only (JDK 21-24);"
                + " take it with JDK 25+ or use jcmd <pid> Thread.print -l");
      }
      return new Diagnosis(
          findings,
          StackGroups.of(dump),
          edges,
          missing,
          Map.of(),
          dump.threads().size(),
          dump.source());
    }

    /** {@code compute(frames)}, once per distinct stack; {@code null} results are remembered too. */
    @SuppressWarnings("unchecked")
    private <T> T perStack(
        Map<List<StackFrame>, Object> cache,
        List<StackFrame> frames,
        java.util.function.Function<List<StackFrame>, T> compute) {
      Object known = cache.get(frames);
      if (known == null) {
        T value = compute.apply(frames);
        cache.put(frames, value == null ? NOTHING : value);
        return value;
      }
      return known == NOTHING ? null : (T) known;
    }

    private String waitFrameOf(DumpedThread t) {
      return perStack(waitFrames, t.frames(), Analyzer::waitFrame);
    }

    private boolean isIdle(DumpedThread t) {
      return perStack(idleStacks, t.frames(), ThreadActivity::isIdle);
    }

    /** The ownable lock a parked thread is acquiring, from its frames ({@code ReentrantLock.lock}), or null. */
    private String ownableLockCall(DumpedThread t) {
      for (StackFrame f : t.frames()) {
        String c = f.className();
        if ((c.equals("java.util.concurrent.locks.ReentrantLock")
                || c.equals("java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock"))
            && f.methodName().startsWith("lock")) {
          return c.substring(c.lastIndexOf('.') + 1);
        }
      }
      return null;
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
        return t.waitingOn().id().startsWith("class-init:")
            ? Primitive.CLASS_INIT
            : Primitive.OBJECT_WAIT;
      }
      // A thread with no state line (a paste that lost its header) counts as parked by its top
      // frame alone.
      boolean parked =
          !t.frames().isEmpty()
              && t.frames().get(0).methodName().startsWith("park")
              && (t.state() == Thread.State.WAITING
                  || t.state() == Thread.State.TIMED_WAITING
                  || t.state() == null);
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
        chain
            .append(chain.length() == 0 ? "`" + t.name() + "`" : ", which")
            .append(" waits for ")
            .append(t.acquiring())
            .append(" held by `")
            .append(waitsFor.get(t).name())
            .append('`');
        logging = logging != null ? logging : LoggingFrames.innermost(t.frames());
      }
      String inLogging = LoggingFrames.suffix(logging);
      if (cycle.size() == 1) {
        DumpedThread self = cycle.get(0);
        LockRef lock = self.acquiring();
        return new Finding(
            Finding.Kind.SELF_WAIT,
            Verdict.DEADLOCK,
            names,
            lock,
            self.name(),
            frameName(self),
            Primitive.ofParkBlocker(lock, self.frames()).displayName(),
            "a non-reentrant lock acquired again by the thread that holds it",
            logging,
            "thread `"
                + self.name()
                + "` waits for itself: it parks on "
                + lock
                + " which it already owns (a non-reentrant lock taken twice)"
                + inLogging);
      }
      boolean virtual = cycle.stream().anyMatch(DumpedThread::isVirtual);
      List<WaitEdge> links = new ArrayList<>();
      StringBuilder described = new StringBuilder();
      for (DumpedThread t : cycle) {
        WaitEdge e = edgeOf.get(t);
        links.add(e);
        described.append(described.length() == 0 ? "" : "; ").append(e.describe());
      }
      WaitEdge first = links.get(0);
      return new Finding(
          Finding.Kind.DEADLOCK,
          Verdict.DEADLOCK,
          names,
          first.lock(),
          first.owner(),
          first.ownerLockedAt() != null ? first.ownerLockedAt() : first.ownerFrame(),
          first.kind() == WaitEdge.Kind.MONITOR
              ? "monitor"
              : Primitive.ofParkBlocker(first.lock(), cycle.get(0).frames()).displayName(),
          null,
          logging,
          "deadlock between "
              + cycle.size()
              + " threads"
              + (virtual ? " (virtual threads involved)" : "")
              + ": "
              + described
              + inLogging,
          links);
    }

    private void findHotLocks() {
      Map<LockRef, List<DumpedThread>> waitersByLock = new LinkedHashMap<>();
      waitsFor.forEach(
          (waiter, owner) -> {
            if (waiter != owner) {
              waitersByLock.computeIfAbsent(waiter.acquiring(), k -> new ArrayList<>()).add(waiter);
            }
          });
      waitersByLock.forEach(
          (lock, waiters) -> {
            if (waiters.size() < minWaiters) {
              return;
            }
            DumpedThread owner = waitsFor.get(waiters.get(0));
            String logging = loggingFrame(waiters, owner);
            findings.add(
                new Finding(
                    Finding.Kind.HOT_LOCK,
                    Verdict.STALL,
                    names(waiters),
                    lock,
                    owner.name(),
                    frameName(owner),
                    waiters.get(0).blockedOn() != null
                        ? "monitor"
                        : Primitive.ofParkBlocker(lock, waiters.get(0).frames()).displayName(),
                    null,
                    logging,
                    waiters.size()
                        + " threads blocked behind "
                        + lock
                        + " held by `"
                        + owner.name()
                        + "`, "
                        + ownerActivity(owner)
                        + LoggingFrames.suffix(logging)));
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
      if (owner.parkedOn() != null
          && !Primitive.ofParkBlocker(owner.parkedOn(), owner.frames()).ownable()) {
        return "which waits on "
            + Primitive.ofParkBlocker(owner.parkedOn(), owner.frames()).displayName()
            + " "
            + owner.parkedOn()
            + " that no thread owns";
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
      return "which is in `"
          + where.shortName()
          + "`"
          + (ThreadActivity.inIo(owner)
              ? " (blocking I/O)"
              : owner.state() == null ? "" : " (" + owner.state() + ")");
    }

    /**
     * Chains of lock waits, with any number of waiters, that end at a thread which holds what they want while it
     * waits with no timeout for something that has no owner (a future, condition, latch, queue, wait()). The
     * JVM's detector cannot see such a deadlock through a non-lock resource; a hot-lock finding already covers
     * roots with enough direct waiters.
     */
    private void findWaitChains() {
      Map<DumpedThread, List<DumpedThread>> behind = new LinkedHashMap<>();
      for (DumpedThread waiter : waitsFor.keySet()) {
        DumpedThread root = waiter;
        int hops = 0;
        while (waitsFor.get(root) != null
            && waitsFor.get(root) != root
            && hops++ < waitsFor.size()) {
          root = waitsFor.get(root);
        }
        if (root != waiter && waitsFor.get(root) == null) {
          behind.computeIfAbsent(root, k -> new ArrayList<>()).add(waiter);
        }
      }
      for (Map.Entry<DumpedThread, List<DumpedThread>> e : behind.entrySet()) {
        DumpedThread root = e.getKey();
        String waitsOn = untimedOwnerlessWait(root);
        if (waitsOn == null || reportedAsHotLockOwner(root.name())) {
          continue;
        }
        List<DumpedThread> waiters = e.getValue();
        List<WaitEdge> links = new ArrayList<>();
        StringBuilder described = new StringBuilder();
        for (DumpedThread w : waiters) {
          links.add(edgeOf.get(w));
          described.append(described.length() == 0 ? "" : "; ").append(edgeOf.get(w).describe());
        }
        LockRef held = null;
        for (DumpedThread w : waiters) {
          if (waitsFor.get(w) == root) {
            held = edgeOf.get(w).lock();
            break;
          }
        }
        String where = waitFrame(root);
        String logging = loggingFrame(waiters, root);
        findings.add(
            new Finding(
                Finding.Kind.WAIT_CHAIN,
                Verdict.STALL,
                names(waiters),
                held,
                root.name(),
                where,
                waitsOn,
                "a likely deadlock through a resource no lock graph shows: `"
                    + root.name()
                    + "` holds what the others wait for while it waits for something only they, or a"
                    + " thread that is gone, can provide",
                logging,
                count(waiters)
                    + " behind `"
                    + root.name()
                    + "`, which holds "
                    + held
                    + " and waits with no"
                    + " timeout on "
                    + waitsOn
                    + (where == null ? "" : " in `" + where + "`")
                    + " (a likely deadlock through a non-lock resource): "
                    + described
                    + LoggingFrames.suffix(logging),
                links));
      }
    }

    private boolean reportedAsHotLockOwner(String name) {
      for (Finding f : findings) {
        if (f.kind() == Finding.Kind.HOT_LOCK && name.equals(f.owner())) {
          return true;
        }
      }
      return false;
    }

    /**
     * What {@code t} waits on when it waits with no timeout for something nobody owns (for example
     * "CountDownLatch <0x…>"), or {@code null} when it runs, sleeps, polls with a timeout or waits for an owner.
     */
    private String untimedOwnerlessWait(DumpedThread t) {
      if (t.state() != Thread.State.WAITING
          && !(t.state() == null && t.waitingOn() != null)
          && !(t.waitingOn() != null && t.waitingOn().id().startsWith("class-init:"))) {
        return null;
      }
      if (t.parkedOn() != null) {
        Primitive p = Primitive.ofParkBlocker(t.parkedOn(), t.frames());
        return p.ownable() ? null : p.displayName() + " " + t.parkedOn();
      }
      if (t.waitingOn() != null) {
        return t.waitingOn().id().startsWith("class-init:")
            ? "the initialisation of class " + t.waitingOn().className()
            : "Object.wait() on " + t.waitingOn();
      }
      if (t.blockedOn() == null
          && !t.frames().isEmpty()
          && t.frames().get(0).methodName().startsWith("park")) {
        return "LockSupport.park (no blocker)";
      }
      return null;
    }

    /**
     * Every worker of one pool waiting, with no timeout, for a future or a join: the tasks they wait for are
     * queued behind them in the same pool (a thread-starvation deadlock) or run somewhere that is itself stuck.
     */
    private void findPoolStarvation() {
      Map<String, List<DumpedThread>> pools = new LinkedHashMap<>();
      for (DumpedThread t : dump.threads()) {
        if (isPoolWorker(t)) {
          pools.computeIfAbsent(poolName(t.name()), k -> new ArrayList<>()).add(t);
        }
      }
      pools.forEach(
          (pool, workers) -> {
            for (DumpedThread w : workers) {
              if (w.state() != Thread.State.WAITING || futureWait(w) == null) {
                return;
              }
            }
            DumpedThread first = workers.get(0);
            String where = callerOf(first, futureWait(first));
            String logging = loggingFrame(workers, null);
            findings.add(
                new Finding(
                    Finding.Kind.POOL_STARVATION,
                    Verdict.STALL,
                    names(workers),
                    first.parkedOn(),
                    null,
                    where,
                    futureWait(first),
                    "every worker of the pool waits for a task result; if those"
                        + " tasks were submitted to the same pool they can never run (a thread-starvation"
                        + " deadlock): use another pool for the inner tasks, or don't block on them",
                    logging,
                    "all "
                        + workers.size()
                        + " worker(s) of pool `"
                        + pool
                        + "*` wait with no timeout in "
                        + futureWait(first)
                        + (where == null ? "" : " (from `" + where + "`)")
                        + ": no worker is left to run the tasks they wait for (likely thread-pool starvation)"
                        + LoggingFrames.suffix(logging)));
          });
    }

    private boolean isPoolWorker(DumpedThread t) {
      return perStack(poolWorkerStacks, t.frames(), Analyzer::runsPoolWorker);
    }

    /** "FutureTask.get" and the like when the thread waits for a task's result, else {@code null}. */
    private String futureWait(DumpedThread t) {
      return perStack(futureWaits, t.frames(), Analyzer::futureWaitFrame);
    }

    /**
     * Producers waiting for room in a bounded queue (blocking queues, async appenders) while the thread that
     * drains it is blocked on something else; when that something is held by one of the producers, it is a
     * deadlock through the queue.
     */
    private void findProducerConsumerStalls() {
      List<DumpedThread> producers = new ArrayList<>();
      List<DumpedThread> consumers = new ArrayList<>();
      for (DumpedThread t : dump.threads()) {
        if (producerQueueFrame(t) != null) {
          producers.add(t);
        } else if (isQueueConsumer(t)
            && (t.acquiring() != null || t.waitingOn() != null)
            && !isIdle(t)
            && !inQueueTake(t)) {
          consumers.add(t);
        }
      }
      if (producers.isEmpty() || consumers.size() != 1) {
        return;
      }
      DumpedThread consumer = consumers.get(0);
      DumpedThread owner = waitsFor.get(consumer);
      boolean cycle = owner != null && producers.contains(owner);
      WaitEdge edge = edgeOf.get(consumer);
      String queue = producerQueueFrame(producers.get(0));
      List<String> names = names(producers);
      names.add(consumer.name());
      String logging = loggingFrame(producers, consumer);
      String blockedOn =
          edge != null
              ? edge.describe()
              : "`"
                  + consumer.name()
                  + "` waits on "
                  + (consumer.waitingOn() != null ? consumer.waitingOn() : consumer.acquiring());
      findings.add(
          new Finding(
              Finding.Kind.PRODUCER_CONSUMER,
              cycle ? Verdict.DEADLOCK : Verdict.STALL,
              names,
              consumer.acquiring(),
              consumer.name(),
              waitFrame(consumer),
              queue,
              cycle
                  ? "the consumer needs a lock a producer holds while that producer waits for room only the"
                      + " consumer can make"
                  : "the queue's only consumer is blocked, so the queue stays full",
              logging,
              count(producers)
                  + " for room in a full bounded queue (`"
                  + queue
                  + "`) whose only"
                  + " consumer `"
                  + consumer.name()
                  + "` is "
                  + (consumer.blockedOn() != null ? "BLOCKED" : "waiting")
                  + ": "
                  + blockedOn
                  + (cycle ? "; a deadlock through the queue" : "")
                  + LoggingFrames.suffix(logging),
              edge == null ? List.of() : List.of(edge)));
    }

    /** The frame of a bounded-queue put this thread waits in, or {@code null}. */
    private String producerQueueFrame(DumpedThread t) {
      if (t.state() != Thread.State.WAITING && t.state() != null) {
        return null;
      }
      return perStack(producerFrames, t.frames(), Analyzer::queuePutFrame);
    }

    private boolean isQueueConsumer(DumpedThread t) {
      String n = t.name().toLowerCase(java.util.Locale.ROOT);
      if (n.contains("consumer") || n.contains("dispatcher") || n.contains("asyncappender")) {
        return true;
      }
      return perStack(consumerStacks, t.frames(), Analyzer::runsAsyncAppenderWorker);
    }

    private boolean inQueueTake(DumpedThread t) {
      return perStack(queueTakes, t.frames(), Analyzer::takesFromQueue);
    }

    /**
     * Carriers whose mounted virtual thread is pinned (parked on the carrier, or waiting in a class
     * initialiser): when every carrier is pinned, no other virtual thread can run.
     */
    private void findPinnedCarriers() {
      Map<Long, DumpedThread> virtualById = new HashMap<>();
      for (DumpedThread t : dump.threads()) {
        if (t.isVirtual()) {
          virtualById.put(t.id(), t);
        }
      }
      List<DumpedThread> carriers = new ArrayList<>();
      List<String> pinned = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (DumpedThread t : dump.threads()) {
        if (t.carriedVirtualThreadId() < 0 && !t.name().startsWith("ForkJoinPool-1-worker-")) {
          continue;
        }
        carriers.add(t);
        DumpedThread vt = virtualById.get(t.carriedVirtualThreadId());
        String why = vt == null ? null : pinReason(vt);
        if (why != null) {
          pinned.add(t.name() + " (carrying " + vt.name() + ")");
          if (!reasons.contains(why)) {
            reasons.add(why);
          }
        }
      }
      if (pinned.isEmpty()) {
        return;
      }
      boolean all = pinned.size() == carriers.size();
      findings.add(
          new Finding(
              Finding.Kind.PINNED_CARRIERS,
              all ? Verdict.STALL : Verdict.HEALTHY,
              pinned,
              null,
              null,
              null,
              "virtual thread pinning",
              String.join("; ", reasons),
              null,
              (all ? "all " : "")
                  + pinned.size()
                  + " of "
                  + carriers.size()
                  + " carrier thread(s) pinned by"
                  + " their virtual thread ("
                  + String.join("; ", reasons)
                  + "): "
                  + String.join(", ", pinned)
                  + (all
                      ? "; no other virtual thread can run until one unblocks (Thread.print does not"
                          + " list the unmounted ones; Thread.dump_to_file does)"
                      : "")));
    }

    /** Why a mounted virtual thread holds its carrier while it waits, or {@code null} if it does not. */
    private String pinReason(DumpedThread vt) {
      boolean parkedOnCarrier = false;
      for (StackFrame f : vt.frames()) {
        if (f.className().equals("java.lang.VirtualThread")
            && f.methodName().equals("parkOnCarrierThread")) {
          parkedOnCarrier = true;
        }
      }
      boolean classInit = vt.waitingOn() != null && vt.waitingOn().id().startsWith("class-init:");
      if (!parkedOnCarrier && !classInit) {
        return null;
      }
      for (StackFrame f : vt.frames()) {
        if (f.methodName().equals("<clinit>")) {
          return "blocked inside the class initialiser `" + f.shortName() + "`";
        }
        if (f.location().equals("Native Method")
            && !f.className().startsWith("jdk.internal.misc.")) {
          return "blocked under the native frame `" + f.shortName() + "`";
        }
      }
      if (classInit) {
        return "waiting for the initialisation of " + vt.waitingOn().className();
      }
      return vt.heldMonitors().isEmpty()
          ? "parked on its carrier"
          : "parked while holding a monitor (synchronized pins on JDK 21-23)";
    }

    private Finding ownerlessFinding(LockRef lock, Primitive p, List<DumpedThread> waiters) {
      String logging = loggingFrame(waiters, null);
      boolean stall = waiters.size() >= minWaiters;
      String message =
          count(waiters)
              + " on "
              + p.displayName()
              + " "
              + lock
              + " that no thread owns; likely cause: "
              + p.likelyCause()
              + LoggingFrames.suffix(logging);
      return new Finding(
          Finding.Kind.OWNERLESS_WAIT,
          stall ? Verdict.STALL : Verdict.HEALTHY,
          names(waiters),
          lock,
          null,
          null,
          p.displayName(),
          p.likelyCause(),
          logging,
          message);
    }

    private Finding unknownOwnerFinding(LockRef lock, List<DumpedThread> waiters) {
      String evidence;
      String named = waiters.get(0).reportedLockOwner();
      if (named != null && !byName.containsKey(named)) {
        evidence =
            "its owner `"
                + named
                + "` is named, but that thread is not in the input; paste its stack"
                + " too (jstack -l / jcmd <pid> Thread.print -l)";
      } else if (lock.id().startsWith("unshown:")) {
        evidence =
            "the dump shows the thread inside "
                + lock.className().replace(" (no lock line in the" + " dump)", ".lock")
                + " but no 'parking to wait for' line, so neither the lock nor its owner"
                + " is known; paste the whole thread block, from jstack -l";
      } else if (waiters.get(0).blockedOn() != null) {
        int feature = dump.featureVersion();
        // A cycle in a partial paste is still a cycle; "some threads are missing" matters only
        // short of one.
        if (dump.partial() && findings.stream().noneMatch(f -> f.verdict() == Verdict.DEADLOCK)) {
          evidence =
              "no pasted thread holds this monitor: its owner is probably among the threads left"
                  + " out of the paste";
        } else if (feature > 0 && feature < 21) {
          evidence =
              "no thread in the dump holds this monitor; it was probably released while the dump"
                  + " was taken (take two dumps a few seconds apart)";
        } else if (feature == 0) {
          evidence =
              "no thread in the dump holds this monitor: it was released while the dump was taken,"
                  + " or (JDK 21+) an unmounted virtual thread owns it (take a JSON dump with"
                  + " Thread.dump_to_file on JDK 25+)";
        } else {
          evidence =
              "no thread in the dump holds this monitor (an unmounted virtual thread may own it;"
                  + " take a JSON dump with Thread.dump_to_file on JDK 25+)";
        }
      } else if (dump.source() == ThreadDump.Source.JSON) {
        evidence =
            "JSON dumps before formatVersion 2 do not name the owner of a j.u.c lock;"
                + " also take jcmd <pid> Thread.print -l";
      } else if (!dump.synchronizerOwnersKnown()) {
        evidence =
            "the dump has no 'Locked ownable synchronizers' (taken without -l) and no deadlock"
                + " section names the owner; take jcmd <pid> Thread.print -l";
      } else {
        evidence =
            "no thread lists this lock among its ownable synchronizers; it was probably released"
                + " while the dump was taken";
      }
      Verdict v =
          dump.synchronizerOwnersKnown() && waiters.get(0).blockedOn() == null
              ? Verdict.HEALTHY
              : Verdict.CANNOT_TELL;
      if (v == Verdict.CANNOT_TELL && !missing.contains(evidence)) {
        missing.add(evidence);
      }
      String logging = loggingFrame(waiters, null);
      return new Finding(
          Finding.Kind.UNKNOWN_OWNER,
          v,
          names(waiters),
          lock,
          null,
          null,
          waiters.get(0).blockedOn() != null
              ? "monitor"
              : Primitive.ofParkBlocker(lock, waiters.get(0).frames()).displayName(),
          evidence,
          logging,
          count(waiters)
              + " for "
              + lock
              + " whose owner cannot be seen: "
              + evidence
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

  /** Whether a stack runs a pool worker ({@code ThreadPoolExecutor.runWorker}, {@code ForkJoinWorkerThread}). */
  private static boolean runsPoolWorker(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      String c = f.className();
      if ((c.equals("java.util.concurrent.ThreadPoolExecutor")
              && f.methodName().equals("runWorker"))
          || (c.equals("java.util.concurrent.ForkJoinWorkerThread")
              && f.methodName().equals("run"))) {
        return true;
      }
    }
    return false;
  }

  /** "FutureTask.get" and the like in a stack that waits for a task's result, else {@code null}. */
  private static String futureWaitFrame(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      String c = f.className();
      String m = f.methodName();
      if ((c.equals("java.util.concurrent.FutureTask") && m.equals("get"))
          || (c.equals("java.util.concurrent.CompletableFuture")
              && (m.equals("get") || m.equals("join")))
          || (c.equals("java.util.concurrent.ForkJoinTask")
              && (m.equals("join") || m.equals("get")))) {
        return f.shortName();
      }
    }
    return null;
  }

  /** The frame of a bounded-queue put a stack is in now, or {@code null}. */
  private static String queuePutFrame(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      String c = f.className();
      String m = f.methodName();
      boolean put =
          (c.endsWith("BlockingQueue") || c.endsWith("BlockingDeque")) && m.startsWith("put");
      // log4j 1's AsyncAppender waits on its buffer with Object.wait() until the dispatcher makes
      // room.
      boolean log4j1 = c.equals("org.apache.log4j.AsyncAppender") && m.equals("append");
      if (put || log4j1 || (c.equals("ch.qos.logback.core.AsyncAppenderBase") && m.equals("put"))) {
        return f.shortName();
      }
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.") && !log4j1) {
        break; // the put must be what the thread is doing now, not somewhere down its stack
      }
    }
    return null;
  }

  /** Whether a stack runs an async appender's worker (Logback, log4j 1, Log4j 2). */
  private static boolean runsAsyncAppenderWorker(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      String c = f.className();
      if (c.equals("ch.qos.logback.core.AsyncAppenderBase$Worker")
          || c.equals("org.apache.log4j.AsyncAppender$Dispatcher")
          || c.startsWith("org.apache.logging.log4j.core.appender.AsyncAppender")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a stack takes from (or polls) a queue. */
  private static boolean takesFromQueue(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      if ((f.className().endsWith("Queue") || f.className().endsWith("Deque"))
          && (f.methodName().equals("take") || f.methodName().startsWith("poll"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The frame where a thread waits, with the JDK's park and wait machinery skipped: the caller of
   * {@code ReentrantLock.lock} or {@code Object.wait}, the {@code synchronized} method of a BLOCKED thread;
   * {@code null} when only machinery is visible.
   */
  static String waitFrame(DumpedThread t) {
    return waitFrame(t.frames());
  }

  private static String waitFrame(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      if (!isParkMachinery(f)) {
        return f.shortName();
      }
    }
    return null; // only park/wait machinery is visible (a truncated paste): naming it would say
    // nothing
  }

  /** Whether a frame is part of how the JDK parks or waits, rather than where the program asked to wait. */
  private static boolean isParkMachinery(StackFrame f) {
    String c = f.className();
    String m = f.methodName();
    switch (c) {
      case "jdk.internal.misc.Unsafe":
      case "sun.misc.Unsafe":
      case "java.lang.VirtualThread":
        return true;
      case "java.lang.Object":
        return m.equals("wait") || m.equals("wait0");
      case "java.lang.Thread":
        return m.startsWith("sleep") || m.equals("onSpinWait");
      case "java.util.concurrent.ForkJoinPool":
        return m.equals("managedBlock") || m.equals("unmanagedBlock");
      case "java.util.concurrent.FutureTask":
        return m.equals("awaitDone");
      case "java.util.concurrent.CompletableFuture":
        return m.equals("waitingGet") || m.equals("timedGet");
      case "java.util.concurrent.ForkJoinTask":
        return m.startsWith("await");
      default:
        return c.startsWith("java.util.concurrent.locks.")
            || c.startsWith("java.lang.System$")
            || c.startsWith("java.util.concurrent.CompletableFuture$Signaller");
    }
  }

  /** The frame that called the frame named {@code shortName} (innermost match), or {@code null}. */
  private static String callerOf(DumpedThread t, String shortName) {
    List<StackFrame> frames = t.frames();
    for (int i = 0; i + 1 < frames.size(); i++) {
      if (frames.get(i).shortName().equals(shortName)) {
        return frames.get(i + 1).shortName();
      }
    }
    return null;
  }

  /** The frame where {@code owner} took {@code lock}, when the dump shows it. */
  private static String lockedAt(DumpedThread owner, LockRef lock) {
    StackFrame f = owner.frameThatLocked(lock);
    return f == null ? null : f.shortName();
  }

  /** A pool's name without its worker number: {@code pool-1-thread-} for {@code pool-1-thread-7}. */
  static String poolName(String thread) {
    int end = thread.length();
    while (end > 0 && Character.isDigit(thread.charAt(end - 1))) {
      end--;
    }
    return thread.substring(0, end);
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
