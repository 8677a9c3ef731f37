package dev.logbridge.doctor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * An in-process stall watchdog: a daemon thread that samples every thread's state cheaply, notices threads that
 * wait too long on one lock, for themselves, or inside logging, and reports the analyser's verdict once per incident.
 *
 * <p>Design. Each sample first calls {@code ThreadMXBean.getThreadInfo(ids, 0)}: no stacks and no lock lists, yet it
 * still names each waiter's lock and that lock's owner (monitor or exclusive j.u.c lock), for well under a
 * millisecond per hundred threads. A thread is a waiter while it stays BLOCKED, or WAITING on the same lock, across
 * samples; its wait starts when it was first seen so. Only waiters older than the threshold become suspects, and
 * only suspects (plus the owners they wait for) get stacks, via {@code getThreadInfo(ids, true, false, depth)}.
 * {@code lockedSynchronizers=true} is never used: it walks the whole heap at a safepoint and would freeze the host.
 * Stacks are fetched once per wait, to classify it as idle by design (pool workers waiting for tasks) or inside
 * logging; the classification is kept until the thread's wait changes. Suspects are: {@code minThreads} or more
 * long waiters on one lock, a thread whose lock owner is itself, or one long waiter inside logging. The analyser
 * runs on a dump built from the suspects' ThreadInfos; a non-healthy verdict is reported if its incident (the set of
 * locks, owners and kinds) differs from the last one reported, and the incident ends when no suspect remains.
 *
 * <p>Threads: {@link #start()} launches one daemon thread that runs {@link #sampleOnce()} every interval; listeners
 * run on that thread and their exceptions are contained. {@link #sampleOnce()} may also be called directly (tests,
 * benchmarks); calls are serialised by a dedicated lock. {@link #stop()} interrupts the thread and joins it within
 * the configured deadline. Progress: the sampling thread never blocks on application locks; a slow listener only
 * delays the next sample.
 *
 * <p>Thread-safe.
 */
public final class StallWatchdog implements AutoCloseable {
  private final ThreadMXBean threads;
  private final Duration interval;
  private final long thresholdNanos;
  private final int minThreads;
  private final int stackDepth;
  private final Duration stopTimeout;
  private final LongSupplier nanoClock;
  private final StallReportListener listener;
  private final BooleanSupplier stopCondition;
  private final Analyzer analyzer = Analyzer.withMinWaiters(1);

  /** Serialises samples: the wait table below is confined to whoever holds it. */
  private final ReentrantLock sampleLock = new ReentrantLock();

  /** Waits seen in the previous sample, by thread id. Guarded by sampleLock. */
  private final Map<Long, Wait> waits = new HashMap<>();

  /** The incident last reported, or null when none is ongoing. Guarded by sampleLock. */
  private Set<String> reportedIncident;

  /** Samples taken (including failed ones); written by whoever samples, read by anyone. */
  private final AtomicLong samples = new AtomicLong();

  /** Samples that threw; written by the sampling thread, read by anyone. */
  private final AtomicLong failedSamples = new AtomicLong();

  /** Listener calls that threw; written by the sampling thread, read by anyone. */
  private final AtomicLong failedReports = new AtomicLong();

  /** Takes JSON dumps that show virtual threads (JDK 21+), or null. Used only on the sampling path. */
  private final VirtualThreadProbe probe;

  /** When the probe last ran. Guarded by sampleLock. */
  private long lastProbeNanos;

  private boolean probed;

  /**
   * Platform threads that ThreadMXBean calls RUNNABLE while {@code Thread.getState()} says BLOCKED, by id, with
   * when that was first seen: on JDK 24+ this is how a thread blocked on a monitor held by an unmounted virtual
   * thread looks. Only kept when the probe exists (JDK 21+). Guarded by sampleLock.
   */
  private final Map<Long, Long> hiddenBlockedSince = new HashMap<>();

  /** Scratch array for enumerating platform threads. Guarded by sampleLock. */
  private Thread[] platformThreads = new Thread[64];

  /** JSON dumps taken because a platform sample was inconclusive; written by samplers, read by anyone. */
  private final AtomicLong virtualThreadDumps = new AtomicLong();

  /** Guards the lifecycle fields below; start/stop are rare, so a plain lock is enough. */
  private final Object lifecycleLock = new Object();

  /** Written under lifecycleLock by start/stop; read by the sampling thread, hence volatile. */
  private volatile boolean running;

  /** Written under lifecycleLock. */
  private Thread thread;

  /** Written under lifecycleLock; a watchdog runs at most once. */
  private boolean started;

  private StallWatchdog(Builder b) {
    this.threads = b.threads;
    this.interval = b.interval;
    this.thresholdNanos = b.threshold.toNanos();
    this.minThreads = b.minThreads;
    this.stackDepth = b.stackDepth;
    this.stopTimeout = b.stopTimeout;
    this.nanoClock = b.nanoClock;
    this.listener = b.listener;
    this.stopCondition = b.stopCondition;
    this.probe = b.virtualThreads ? VirtualThreadProbe.create() : null;
  }

  /** A builder with defaults: 1 s interval, 2 s threshold, 3 threads, stderr listener. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the daemon sampling thread.
   *
   * @throws IllegalStateException if this watchdog was already started
   */
  public void start() {
    synchronized (lifecycleLock) {
      if (started) {
        throw new IllegalStateException("a StallWatchdog can be started only once");
      }
      started = true;
      running = true;
      thread = new Thread(this::loop, "logbridge-stall-watchdog");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Stops the sampling thread and waits for it to end, at most the configured stop timeout.
   *
   * @return whether the thread ended within the deadline (also true if it never started)
   */
  public boolean stop() {
    Thread t;
    synchronized (lifecycleLock) {
      running = false;
      t = thread;
    }
    if (t == null || t == Thread.currentThread()) {
      return true;
    }
    t.interrupt();
    try {
      t.join(stopTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }

  /** How many samples have been taken so far, by the sampling thread or by {@link #sampleOnce()}. */
  public long samples() {
    return samples.get();
  }

  /** How many samples failed with an exception (they are skipped, never propagated). */
  public long failedSamples() {
    return failedSamples.get();
  }

  /** How many listener calls threw (contained). */
  public long failedReports() {
    return failedReports.get();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private void loop() {
    long intervalNanos = interval.toNanos();
    while (running) {
      try {
        if (stopCondition.getAsBoolean()) {
          return; // what is watched is gone (a bridge shut down, say): nothing left to report to
        }
        sampleOnce();
      } catch (RuntimeException | LinkageError e) {
        // A sampling failure must never kill the watchdog or reach the application; it is counted.
        failedSamples.incrementAndGet();
      }
      try {
        TimeUnit.NANOSECONDS.sleep(intervalNanos);
      } catch (InterruptedException e) {
        return; // stop() interrupts; running is already false
      }
    }
  }

  /**
   * Takes one sample, and reports to the listener if it reveals a new incident.
   *
   * @return the diagnosis of the current suspects, or {@code null} when no thread is a suspect
   */
  public Diagnosis sampleOnce() {
    sampleLock.lock();
    try {
      samples.incrementAndGet();
      return sample();
    } finally {
      sampleLock.unlock();
    }
  }

  private Diagnosis sample() {
    long now = nanoClock.getAsLong();
    long self = Thread.currentThread().getId();
    ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), 0);
    Map<Long, ThreadInfo> byId = new HashMap<>();
    for (ThreadInfo info : infos) {
      if (info != null && info.getThreadId() != self) {
        byId.put(info.getThreadId(), info);
      }
    }
    updateWaits(byId, now);
    List<Long> unclassified = new ArrayList<>();
    for (Map.Entry<Long, Wait> e : waits.entrySet()) {
      if (now - e.getValue().since >= thresholdNanos && !e.getValue().classified) {
        unclassified.add(e.getKey());
      }
    }
    classify(unclassified);
    Set<Long> suspects = suspects(now, byId);
    Diagnosis virtual = probeVirtualThreads(now, byId, self);
    if (virtual != null) {
      report(virtual);
      return virtual;
    }
    if (suspects.isEmpty()) {
      reportedIncident = null;
      return null;
    }
    Diagnosis diagnosis =
        analyzer.analyze(ThreadInfoDumps.of(withStacks(withOwners(suspects, byId))));
    report(diagnosis);
    return diagnosis;
  }

  /**
   * When a long wait cannot be explained from platform threads alone (its lock owner is not a platform thread, so
   * a virtual thread; a BLOCKED thread shows no owner; or a thread ThreadMXBean calls RUNNABLE is BLOCKED, which is
   * how JDK 24+ shows a wait for a monitor an unmounted virtual thread holds), takes a JSON dump that lists virtual threads too, at
   * most once per threshold, and diagnoses the whole process from it. Returns {@code null} when not needed, not
   * available (before JDK 21, or disabled) or healthy. A quiet sample only pays for the loop over current waits.
   */
  private Diagnosis probeVirtualThreads(long now, Map<Long, ThreadInfo> byId, long self) {
    if (probe == null) {
      return null;
    }
    updateHiddenBlocked(byId, now);
    if (probed && now - lastProbeNanos < thresholdNanos) {
      return null;
    }
    boolean inconclusive = false;
    for (long since : hiddenBlockedSince.values()) {
      inconclusive |= now - since >= thresholdNanos;
    }
    Map<Long, Long> owners = new HashMap<>();
    for (Map.Entry<Long, Wait> e : waits.entrySet()) {
      Wait w = e.getValue();
      ThreadInfo info = byId.get(e.getKey());
      if (info == null) {
        continue;
      }
      long owner = info.getLockOwnerId();
      if (owner != -1) {
        owners.put(e.getKey(), owner);
      }
      if (now - w.since >= thresholdNanos
          && w.classified
          && !w.idle
          && ((owner != -1 && owner != self && !byId.containsKey(owner))
              || (owner == -1 && info.getThreadState() == Thread.State.BLOCKED))) {
        inconclusive = true;
      }
    }
    if (!inconclusive) {
      return null;
    }
    probed = true;
    lastProbeNanos = now;
    try {
      ThreadDump dump = probe.dump(owners);
      virtualThreadDumps.incrementAndGet();
      Diagnosis d = Analyzer.withMinWaiters(minThreads).analyze(dump);
      return d.verdict() == Verdict.HEALTHY ? null : d;
    } catch (java.io.IOException | RuntimeException e) {
      failedSamples.incrementAndGet();
      return null;
    }
  }

  /**
   * How many JSON thread dumps (which show virtual threads) the watchdog took because a platform-thread sample
   * was inconclusive; always 0 before JDK 21 or when {@link Builder#virtualThreads(boolean)} is off.
   */
  public long virtualThreadDumps() {
    return virtualThreadDumps.get();
  }

  /**
   * Tracks platform threads blocked where ThreadMXBean cannot see it: RUNNABLE with no lock in its ThreadInfo,
   * BLOCKED by {@code Thread.getState()}. HotSpot reports that when the monitor's owner is an unmounted virtual
   * thread (JDK 24+). Enumerating the platform threads copies references only: no stacks, no safepoint.
   */
  private void updateHiddenBlocked(Map<Long, ThreadInfo> byId, long now) {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    int n;
    while ((n = root.enumerate(platformThreads, true)) == platformThreads.length) {
      platformThreads = new Thread[platformThreads.length * 2];
    }
    Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      Thread t = platformThreads[i];
      platformThreads[i] = null; // keep no thread reachable between samples
      @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; the doctor runs on 17
      long id = t.getId();
      ThreadInfo info = byId.get(id);
      if (info != null
          && info.getThreadState() == Thread.State.RUNNABLE
          && info.getLockName() == null
          && t.getState() == Thread.State.BLOCKED) {
        hiddenBlockedSince.putIfAbsent(id, now);
        seen.add(id);
      }
    }
    hiddenBlockedSince.keySet().retainAll(seen);
  }

  private void updateWaits(Map<Long, ThreadInfo> byId, long now) {
    for (Iterator<Map.Entry<Long, Wait>> it = waits.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Wait> e = it.next();
      ThreadInfo info = byId.get(e.getKey());
      if (info == null || !e.getValue().key.equals(waitKey(info))) {
        it.remove();
      }
    }
    for (ThreadInfo info : byId.values()) {
      String key = waitKey(info);
      if (key != null && !waits.containsKey(info.getThreadId())) {
        waits.put(info.getThreadId(), new Wait(key, info.getLockName(), now));
      }
    }
  }

  /** What a thread waits for, or null when it is not waiting on a lock. */
  private static String waitKey(ThreadInfo info) {
    Thread.State s = info.getThreadState();
    if (info.getLockName() == null
        || (s != Thread.State.BLOCKED
            && s != Thread.State.WAITING
            && s != Thread.State.TIMED_WAITING)) {
      return null;
    }
    return s + " " + info.getLockName();
  }

  /** Fetches stacks once per wait to tell idle-by-design waits and waits inside logging from the rest. */
  private void classify(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    for (ThreadInfo info : threads.getThreadInfo(toArray(ids), false, false, stackDepth)) {
      if (info == null) {
        continue;
      }
      Wait w = waits.get(info.getThreadId());
      DumpedThread t = ThreadInfoDumps.of(List.of(info)).threads().get(0);
      w.classified = true;
      w.idle = ThreadActivity.isIdle(t);
      w.inLogging = LoggingFrames.innermost(t.frames()) != null;
    }
  }

  private Set<Long> suspects(long now, Map<Long, ThreadInfo> byId) {
    Map<String, List<Long>> longWaitersByLock = new HashMap<>();
    Set<Long> suspects = new LinkedHashSet<>();
    for (Map.Entry<Long, Wait> e : waits.entrySet()) {
      Wait w = e.getValue();
      if (now - w.since < thresholdNanos || !w.classified || w.idle) {
        continue;
      }
      longWaitersByLock.computeIfAbsent(w.lockName, k -> new ArrayList<>()).add(e.getKey());
      ThreadInfo info = byId.get(e.getKey());
      if (w.inLogging || (info != null && info.getLockOwnerId() == e.getKey())) {
        suspects.add(e.getKey());
      }
    }
    for (List<Long> group : longWaitersByLock.values()) {
      if (group.size() >= minThreads) {
        suspects.addAll(group);
      }
    }
    return suspects;
  }

  /** Adds the owners suspects wait for (transitively, a few levels), so the verdict can say where they are. */
  private static Set<Long> withOwners(Set<Long> suspects, Map<Long, ThreadInfo> byId) {
    Set<Long> all = new LinkedHashSet<>(suspects);
    Set<Long> frontier = suspects;
    for (int level = 0; level < 4 && !frontier.isEmpty(); level++) {
      Set<Long> next = new LinkedHashSet<>();
      for (long id : frontier) {
        ThreadInfo info = byId.get(id);
        if (info != null && info.getLockOwnerId() != -1 && all.add(info.getLockOwnerId())) {
          next.add(info.getLockOwnerId());
        }
      }
      frontier = next;
    }
    return all;
  }

  private List<ThreadInfo> withStacks(Set<Long> ids) {
    List<ThreadInfo> out = new ArrayList<>();
    // lockedMonitors=true walks only these threads' stacks; lockedSynchronizers stays false (no
    // heap walk).
    for (ThreadInfo info : threads.getThreadInfo(toArray(ids), true, false, stackDepth)) {
      if (info != null) {
        out.add(info);
      }
    }
    return out;
  }

  private void report(Diagnosis diagnosis) {
    if (diagnosis.verdict() == Verdict.HEALTHY) {
      return;
    }
    Set<String> incident = new TreeSet<>();
    for (Finding f : diagnosis.findings()) {
      if (f.verdict() != Verdict.HEALTHY) {
        incident.add(
            f.kind() + " " + (f.lock() == null ? f.threads() : f.lock().id()) + " " + f.owner());
      }
    }
    if (incident.equals(reportedIncident)) {
      return;
    }
    reportedIncident = incident;
    try {
      listener.onStall(diagnosis);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      // A failing listener must not stop the watchdog; there is nowhere safe to log it, so it is
      // counted.
      failedReports.incrementAndGet();
    }
  }

  private static long[] toArray(java.util.Collection<Long> ids) {
    long[] out = new long[ids.size()];
    int i = 0;
    for (long id : ids) {
      out[i++] = id;
    }
    return out;
  }

  /** One thread's ongoing wait. Confined to the sampling lock holder. */
  private static final class Wait {
    final String key;
    final String lockName;
    final long since;
    boolean classified;
    boolean idle;
    boolean inLogging;

    Wait(String key, String lockName, long since) {
      this.key = key;
      this.lockName = lockName;
      this.since = since;
    }
  }

  /**
   * Configures a {@link StallWatchdog}; each setter validates its argument and fails fast.
   *
   * <p>Not thread-safe; build on one thread.
   */
  public static final class Builder {
    private ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Duration interval = Duration.ofSeconds(1);
    private Duration threshold = Duration.ofSeconds(2);
    private int minThreads = 3;
    private int stackDepth = 64;
    private Duration stopTimeout = Duration.ofSeconds(5);
    private LongSupplier nanoClock = System::nanoTime;
    private StallReportListener listener = StallReportListener.stderr();
    private BooleanSupplier stopCondition = () -> false;
    private boolean virtualThreads = true;

    private Builder() {}

    /** How often to sample; between 10 ms and 1 hour. */
    public Builder interval(Duration value) {
      this.interval = within("interval", value, Duration.ofMillis(10), Duration.ofHours(1));
      return this;
    }

    /** How long a thread must wait before it counts; between 1 ms and 1 hour. */
    public Builder threshold(Duration value) {
      this.threshold = within("threshold", value, Duration.ofMillis(1), Duration.ofHours(1));
      return this;
    }

    /** Long waiters on one lock that make a stall; at least 1. */
    public Builder minThreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("minThreads must be at least 1, was " + value);
      }
      this.minThreads = value;
      return this;
    }

    /** Frames fetched per suspect; between 1 and 1024. */
    public Builder stackDepth(int value) {
      if (value < 1 || value > 1024) {
        throw new IllegalArgumentException("stackDepth must be between 1 and 1024, was " + value);
      }
      this.stackDepth = value;
      return this;
    }

    /** How long {@link StallWatchdog#stop()} waits for the sampling thread; between 0 and 1 minute. */
    public Builder stopTimeout(Duration value) {
      this.stopTimeout = within("stopTimeout", value, Duration.ZERO, Duration.ofMinutes(1));
      return this;
    }

    /** The monotonic clock in nanoseconds, replaceable for tests. */
    public Builder clock(LongSupplier nanoTime) {
      this.nanoClock = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** Where reports go; defaults to the process's original stderr. */
    public Builder listener(StallReportListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * A condition the sampling thread checks before each sample; once it is true the thread ends by itself, as
     * if {@link StallWatchdog#stop()} had been called. It runs on the sampling thread, so it must be cheap and
     * must not block; an exception it throws is counted as a failed sample. Default: never.
     */
    public Builder stopWhen(BooleanSupplier condition) {
      this.stopCondition = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /**
     * Whether, on JDK 21+, an inconclusive platform-thread sample (a long waiter whose lock owner is a virtual
     * thread, a BLOCKED thread with no visible owner, or a thread ThreadMXBean calls RUNNABLE while it is
     * BLOCKED, as JDK 24+ shows a wait for a monitor an unmounted virtual thread holds) triggers a JSON dump through
     * {@code HotSpotDiagnosticMXBean.dumpThreads}, which lists virtual threads; at most one per threshold.
     * Default: true. Ignored before JDK 21.
     */
    public Builder virtualThreads(boolean value) {
      this.virtualThreads = value;
      return this;
    }

    /** The ThreadMXBean to sample, replaceable for tests. */
    public Builder threadMXBean(ThreadMXBean value) {
      this.threads = Objects.requireNonNull(value, "threadMXBean");
      return this;
    }

    /** Builds a watchdog that is not yet started. */
    public StallWatchdog build() {
      return new StallWatchdog(this);
    }

    private static Duration within(String name, Duration value, Duration min, Duration max) {
      Objects.requireNonNull(value, name);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }
  }
}
