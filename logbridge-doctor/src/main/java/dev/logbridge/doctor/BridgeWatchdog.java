package dev.logbridge.doctor;

import dev.logbridge.Bridge;
import dev.logbridge.StatusListener.Level;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one {@link StallWatchdog} of a {@link Bridge}, shared by every adapter (Logback, and later
 * java.util.logging and Log4j 2) that enables it, and the place where its verdicts become
 * logbridge diagnostics.
 *
 * <p>Each adapter that wants the watchdog calls {@link #acquire} and closes the returned {@link
 * Lease} when it stops. The first lease of a bridge starts its watchdog; the others share it (a
 * request with other timings gets the running one and a status warning naming the difference);
 * the last lease closed stops it. The watchdog also ends by itself within one interval once the
 * bridge is shut down.
 *
 * <p>Every verdict goes to the bridge's status channel ({@link Bridge#reportStatus}: the original
 * stderr or the framework's status API, never a logger). When the pipeline can take it (an
 * OpenTelemetry instance is installed, the bridge runs and its queue has room) it is also emitted
 * as a {@value #EVENT_NAME} log event through {@link Bridge#emitDiagnostic}, with the verdict, the
 * headline as body, and the threads, lock and owner as attributes. When the pipeline cannot take
 * it — because the stall may be the pipeline's own — the status message says so: the status
 * channel is the one path that does not depend on what may be stuck.
 *
 * <p>Thread-safety: thread-safe. A registry lock (a dedicated {@link ReentrantLock}, held only for
 * the map update and start/stop) serialises acquire and release; verdicts are handled on the
 * watchdog's own thread; the counters are atomic.
 */
public final class BridgeWatchdog {
  /** The event name of a stall verdict emitted through OpenTelemetry. */
  public static final String EVENT_NAME = "logbridge.stall";

  /** Attribute: the verdict, {@code DEADLOCK}, {@code STALL} or {@code CANNOT_TELL}. */
  public static final String VERDICT = "logbridge.stall.verdict";

  /** Attribute: the kind of the main finding, for example {@code HOT_LOCK} or {@code SELF_WAIT}. */
  public static final String KIND = "logbridge.stall.kind";

  /** Attribute: the threads of the main finding (the waiters, or the cycle in order). */
  public static final String THREADS = "logbridge.stall.threads";

  /** Attribute: the lock of the main finding, as a thread dump shows it. */
  public static final String LOCK = "logbridge.stall.lock";

  /** Attribute: the lock's class. */
  public static final String LOCK_CLASS = "logbridge.stall.lock.class";

  /** Attribute: the thread that holds the lock. */
  public static final String OWNER = "logbridge.stall.owner";

  /** Attribute: where the owner is, for example {@code Socket$SocketOutputStream.write}. */
  public static final String OWNER_FRAME = "logbridge.stall.owner.frame";

  /** Attribute: the innermost logging frame when the stall is inside logging. */
  public static final String LOGGING_FRAME = "logbridge.stall.logging.frame";

  /**
   * The status key prefix of verdicts. The channel rate-limits per key; one key per verdict keeps
   * a recurring stall from being repeated every interval, yet a deadlock is never hidden behind an
   * earlier stall.
   */
  static final String STATUS_KEY = "stall_watchdog_";

  /** Threads named in one event; the verdict's headline already counts them all. */
  static final int MAX_THREADS_NAMED = 50;

  /** Bounds the time a bridge shutdown or an appender stop waits for the sampling thread. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

  private static final ReentrantLock REGISTRY_LOCK = new ReentrantLock();

  /** Running watchdogs by bridge identity. Guarded by REGISTRY_LOCK. */
  private static final Map<Bridge, BridgeWatchdog> REGISTRY = new IdentityHashMap<>();

  private final Bridge bridge;
  private final Duration interval;
  private final Duration threshold;
  private final StallWatchdog watchdog;

  /** Open leases. Guarded by REGISTRY_LOCK. */
  private int leases;

  /** Further listeners; added and removed by anyone, called on the watchdog thread. */
  private final List<StallReportListener> listeners = new CopyOnWriteArrayList<>();

  /** Listener calls that threw; written by the watchdog thread, read by anyone. */
  private final AtomicLong failedListenerCalls = new AtomicLong();

  /** Events handed to the bridge (each counted there as accepted); written by the watchdog thread. */
  private final AtomicLong eventsOffered = new AtomicLong();

  /** Verdicts reported; written by the watchdog thread, read by anyone. */
  private final AtomicLong stalls = new AtomicLong();

  /** The last verdict reported; written by the watchdog thread, read by anyone. */
  private volatile Diagnosis lastStall;

  private BridgeWatchdog(Bridge bridge, Duration interval, Duration threshold) {
    this.bridge = bridge;
    this.interval = interval;
    this.threshold = threshold;
    this.watchdog =
        StallWatchdog.builder()
            .interval(interval)
            .threshold(threshold)
            .stopTimeout(STOP_TIMEOUT)
            .stopWhen(bridge::isShutdown)
            .listener(this::onStall)
            .build();
  }

  /**
   * Takes a lease on {@code bridge}'s watchdog, starting it if this is the first lease.
   *
   * @param interval how often to sample (10 ms to 1 h)
   * @param threshold how long a thread must wait before it counts (1 ms to 1 h)
   * @throws IllegalArgumentException if a duration is out of range (before anything starts)
   */
  public static Lease acquire(Bridge bridge, Duration interval, Duration threshold) {
    Objects.requireNonNull(bridge, "bridge");
    BridgeWatchdog candidate = new BridgeWatchdog(bridge, interval, threshold);
    BridgeWatchdog shared;
    REGISTRY_LOCK.lock();
    try {
      shared = REGISTRY.get(bridge);
      if (shared == null) {
        shared = candidate;
        REGISTRY.put(bridge, shared);
        shared.watchdog.start();
      }
      shared.leases++;
    } finally {
      REGISTRY_LOCK.unlock();
    }
    if (shared != candidate
        && !(shared.interval.equals(interval) && shared.threshold.equals(threshold))) {
      bridge.reportStatus(
          Level.WARN,
          "stall_watchdog_settings",
          "the stall watchdog already runs"
              + " with interval "
              + shared.interval.toMillis()
              + " ms and threshold "
              + shared.threshold.toMillis()
              + " ms; ignoring the different settings requested later"
              + " (interval "
              + interval.toMillis()
              + " ms, threshold "
              + threshold.toMillis()
              + " ms)");
    }
    return new Lease(shared);
  }

  /** The running watchdog of {@code bridge}, or null if no lease is open on it. */
  public static BridgeWatchdog of(Bridge bridge) {
    REGISTRY_LOCK.lock();
    try {
      return REGISTRY.get(bridge);
    } finally {
      REGISTRY_LOCK.unlock();
    }
  }

  /**
   * Also tells {@code listener} of each verdict, on the watchdog's thread, after the status message and the
   * event; it must return quickly and must not log through a bridged framework. What it throws is contained.
   */
  public void addListener(StallReportListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops telling {@code listener}. */
  public void removeListener(StallReportListener listener) {
    listeners.remove(listener);
  }

  /** How many listener calls threw (contained). */
  public long failedListenerCalls() {
    return failedListenerCalls.get();
  }

  /**
   * How many {@value #EVENT_NAME} events were handed to the bridge. Each is counted there as accepted like a
   * log record, so a caller reconciling log calls with {@code accepted} adds this.
   */
  public long eventsOffered() {
    return eventsOffered.get();
  }

  /** How many samples the watchdog has taken. */
  public long samples() {
    return watchdog.samples();
  }

  /** How many verdicts (incidents) it has reported. */
  public long stallsReported() {
    return stalls.get();
  }

  /** The last verdict reported, or null if none. */
  public Diagnosis lastStall() {
    return lastStall;
  }

  /** One line for a final report: "no stall seen in N samples", or the last verdict. */
  public String summary() {
    Diagnosis last = lastStall;
    if (last == null) {
      return "no stall seen in "
          + samples()
          + " samples (every "
          + interval.toMillis()
          + " ms, threshold "
          + threshold.toMillis()
          + " ms)";
    }
    return stalls.get()
        + " stall(s) reported in "
        + samples()
        + " samples; last: "
        + last.verdict()
        + ": "
        + last.headline();
  }

  private void release() {
    boolean last;
    REGISTRY_LOCK.lock();
    try {
      last = --leases == 0;
      if (last) {
        REGISTRY.remove(bridge);
      }
    } finally {
      REGISTRY_LOCK.unlock();
    }
    if (last) {
      // Outside the registry lock: stop() joins the sampling thread, which never takes that lock.
      watchdog.stop();
    }
  }

  /** Runs on the watchdog thread, once per incident; StallWatchdog contains what it throws. */
  private void onStall(Diagnosis diagnosis) {
    lastStall = diagnosis;
    stalls.incrementAndGet();
    String unsent = whyNotExportable();
    if (unsent == null) {
      eventsOffered.incrementAndGet();
    }
    if (unsent == null
        && !bridge.emitDiagnostic(
            EVENT_NAME,
            severity(diagnosis.verdict()),
            diagnosis.headline(),
            attributes(diagnosis))) {
      unsent = "the bridge's queue refused it";
    }
    bridge.reportStatus(
        level(diagnosis.verdict()),
        STATUS_KEY + diagnosis.verdict().name().toLowerCase(java.util.Locale.ROOT),
        "stall watchdog: "
            + diagnosis.verdict()
            + ": "
            + diagnosis.headline()
            + (unsent == null ? "" : " (not sent to OpenTelemetry: " + unsent + ")"));
    for (StallReportListener listener : listeners) {
      try {
        listener.onStall(diagnosis);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        // One failing listener must not silence the others; there is nowhere safe to log it.
        failedListenerCalls.incrementAndGet();
      }
    }
  }

  /** Why the pipeline cannot take the event now, or null if it can. */
  private String whyNotExportable() {
    if (bridge.isShutdown()) {
      return "the bridge is shut down";
    }
    if (!bridge.isInstalled()) {
      return "no OpenTelemetry instance is installed yet";
    }
    if (bridge.queueSize() >= bridge.queueCapacity()) {
      return "the bridge's queue is full";
    }
    return null;
  }

  static Map<String, Object> attributes(Diagnosis diagnosis) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(VERDICT, diagnosis.verdict().name());
    Finding main = mainFinding(diagnosis);
    if (main == null) {
      return attributes;
    }
    attributes.put(KIND, main.kind().name());
    List<String> threads = main.threads();
    attributes.put(
        THREADS,
        threads.size() <= MAX_THREADS_NAMED ? threads : threads.subList(0, MAX_THREADS_NAMED));
    putIfPresent(attributes, LOCK, main.lock() == null ? null : main.lock().toString());
    putIfPresent(attributes, LOCK_CLASS, main.lock() == null ? null : main.lock().className());
    putIfPresent(attributes, OWNER, main.owner());
    putIfPresent(attributes, OWNER_FRAME, main.ownerFrame());
    putIfPresent(attributes, LOGGING_FRAME, main.loggingFrame());
    return attributes;
  }

  /** The finding the verdict comes from: the first (most severe) one. */
  private static Finding mainFinding(Diagnosis diagnosis) {
    for (Finding f : diagnosis.findings()) {
      if (f.verdict() == diagnosis.verdict()) {
        return f;
      }
    }
    return diagnosis.findings().isEmpty() ? null : diagnosis.findings().get(0);
  }

  private static void putIfPresent(Map<String, Object> attributes, String key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  private static Level level(Verdict verdict) {
    return verdict == Verdict.DEADLOCK ? Level.ERROR : Level.WARN;
  }

  private static Severity severity(Verdict verdict) {
    return verdict == Verdict.DEADLOCK ? Severity.ERROR : Severity.WARN;
  }

  /**
   * One holder's claim on a bridge's watchdog; closing it more than once is harmless.
   *
   * <p>Thread-safety: thread-safe.
   */
  public static final class Lease implements AutoCloseable {
    private final BridgeWatchdog watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(BridgeWatchdog watchdog) {
      this.watchdog = watchdog;
    }

    /** The shared watchdog this lease holds. */
    public BridgeWatchdog watchdog() {
      return watchdog;
    }

    /** Releases the lease; the last one stops the watchdog (joining it for at most 2 s). */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        watchdog.release();
      }
    }
  }
}
