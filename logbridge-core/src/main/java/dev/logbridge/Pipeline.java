package dev.logbridge;

import dev.logbridge.StatusListener.Level;
import dev.logbridge.internal.LivePipelines;
import dev.logbridge.internal.PipelineHooks;
import dev.logbridge.internal.ProviderState;
import dev.logbridge.internal.SdkHooks;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between logging threads and OpenTelemetry, and the one thread that drains
 * it.
 *
 * <p>Any number of producers call {@link #offer}: one lock-free exchange on a bounded
 * multi-producer/single-consumer ring of reusable captures ({@link CaptureRing}), which hands the
 * producer back a cleared capture for its next record. A full ring drops the record and counts it, as
 * {@code queue_full}, or as {@code pre_install_overflow} while no OpenTelemetry instance is known.
 * The producer never blocks, spins only inside the queue's CAS, and runs no OpenTelemetry code.
 *
 * <p>One daemon thread, {@code logbridge-pipeline}, resolves the OpenTelemetry instance
 * (installed, then {@link GlobalOpenTelemetry} once set, then autoconfiguration if asked for:
 * {@link ProviderSource}, which also owns an SDK logbridge built), drains the queue in batches
 * and emits each record through the Logs API. SDK initialisation and export therefore only ever
 * run here; a hanging exporter stalls this thread, never a caller.
 *
 * <p>Wake-up without an unpark storm: whenever a drain empties the queue the consumer naps,
 * {@value AdaptiveNap#MIN_NAP_MILLIS} ms at a time <em>without</em> advertising it while records
 * come fast, so producers never unpark it: under steady load a log call costs no wake-up at all,
 * and a record waits at most one nap. While records trickle in, the nap grows up to {@value
 * AdaptiveNap#DEFAULT_MAX_NAP_MILLIS} ms ({@link AdaptiveNap}: each wake-up of a parked thread
 * costs CPU, so a trickle should not cost a thousand of them a second). Such a long nap, a doze,
 * is advertised in {@code consumerSleeping} with the slot at which it must end: {@code
 * dozeWakeDistance} slots (half the queue, at most {@value #MAX_DOZE_WAKE_DISTANCE}) past what the
 * consumer has drained. The producer that claims that slot or a later one unparks the consumer,
 * so a burst cannot overflow the queue while it dozes; at a steady rate the nap settles where a
 * wake-up finds fewer records than that, and no log call pays an unpark. While even the longest
 * nap finds few records and logbridge's processor holds a partial batch it will send at a known
 * time, the doze lasts until then (see {@code napNanos}): a trickle then costs a wake-up per
 * batch sent. Only after {@value
 * #NAPS_BEFORE_SLEEP} empty naps in a row does it go to sleep: it sets {@code consumerSleeping},
 * re-checks the queue (volatile store, then volatile load: no lost wake-up) and parks for up to
 * {@value #SLEEP_MILLIS} ms. A producer unparks it
 * only if it wins the CAS that clears the flag, so the first record after a quiet spell costs
 * one unpark and the rest none. Idle, the thread wakes twice a second. While no OpenTelemetry
 * instance is known it never advertises sleep (records waiting for an install cost no unparks)
 * and polls for {@link GlobalOpenTelemetry} every {@value #UNRESOLVED_POLL_MILLIS} ms.
 *
 * <p>Flush: a caller takes a ticket from {@code flushRequested}; the consumer reads the counter
 * before a drain, and once a drain finds the queue empty it publishes that value as {@code
 * flushCompleted}. Every record offered before the ticket was queued before the drain started,
 * so it has been emitted or dropped by then.
 *
 * <p>A shut-down SDK: after the application closes the OpenTelemetry SDK, its {@code emit()}
 * returns without doing anything. The consumer asks the provider's {@link ProviderState} before
 * each record and counts what it can no longer deliver as {@code sdk_shutdown}, never as emitted;
 * a flush then returns as soon as the queue is drained instead of waiting for the SDK. logbridge's
 * {@code PipelineBatchProcessor} goes further: its shutdown first {@linkplain
 * PipelineHooks#drainLiveBeforeProviderShutdown drains} every live pipeline into the SDK while the SDK still
 * takes records, so what was logged before {@code close()} is delivered.
 *
 * <p>Shutdown: RUNNING → SHUTTING_DOWN (new records are counted as {@code shutdown}; queued ones
 * are still emitted until the deadline) → TERMINATED (whatever is still queued is counted as
 * {@code shutdown}). The consumer lock is held only while polling, never while emitting, so a
 * shutdown can take over the queue from a consumer stuck in a hanging exporter.
 *
 * <p>Thread-safety: thread-safe. Fields are annotated with who writes and who reads them.
 */
final class Pipeline implements LivePipelines.Member {
  private static final int RUNNING = 0;
  private static final int SHUTTING_DOWN = 1;
  private static final int TERMINATED = 2;

  static final long UNRESOLVED_POLL_MILLIS = 50;
  // consumerSleeping: AWAKE (or napping unadvertised); ASLEEP (any producer wakes it); any value
  // above 0 while dozing: 1 + the slot index from which a producer wakes it.
  private static final long AWAKE = 0;
  private static final long ASLEEP = -1;
  // At most this many records queue in a doze before a producer ends it.
  static final int MAX_DOZE_WAKE_DISTANCE = 4096;
  static final int NAPS_BEFORE_SLEEP = 20;
  static final long SLEEP_MILLIS = 500;
  static final Duration DEFAULT_INSTALL_WAIT_NOTICE = Duration.ofSeconds(10);

  private final CaptureRing queue;
  private final int capacity;
  private final Accounting accounting;
  private final StatusChannel status;
  private final CounterReporter reporter;
  private final PipelineThread thread;
  private final long installWaitNoticeNanos;
  // Consumer-owned captures: filled ones just drained, cleared ones to swap into the ring.
  private final CaptureSlot[] batch;

  // Written by lifecycle callers (CAS), read by everyone; volatile for prompt visibility.
  private final AtomicInteger state = new AtomicInteger(RUNNING);
  // ASLEEP or dozing (see above) while the consumer is about to park or parked and wants waking;
  // set back to AWAKE by the producer that wakes it.
  private final AtomicLong consumerSleeping = new AtomicLong(AWAKE);
  // How far past the drained records a doze's wake slot lies.
  private final int dozeWakeDistance;
  // Where the instance comes from, and the SDK logbridge owns; see there for its threads.
  private final ProviderSource providers;
  // Written once by the consumer when an instance is first resolved; read by producers to name
  // an overflow (queue_full or pre_install_overflow). A stale false only misnames one drop.
  private volatile boolean resolved;
  // Written by the consumer, read by flush() for the SDK force-flush.
  private volatile OpenTelemetry activeForFlush;
  // Written by shutdown(), read by the consumer when shutting down an SDK it built.
  private volatile long shutdownDeadlineNanos;
  // Written by the consumer: the records of the batch it has drained from the queue and not yet
  // counted as emitted or dropped; read by anyone counting what logbridge still holds.
  private volatile int inFlight;
  // Written by the consumer when it switches instance; read by the consumer before each emit and
  // by flush() callers, so that neither waits for or counts into a shut-down SDK.
  private volatile ProviderState activeState = ProviderState.OPAQUE;

  // Tickets: incremented by flush callers; completed by the consumer (see class comment).
  private final AtomicLong flushRequested = new AtomicLong();
  private volatile long flushCompleted;
  private final ReentrantLock progressLock = new ReentrantLock();
  private final Condition progress = progressLock.newCondition();

  // Producers that had to unpark the consumer; the rare path only. Visible for testing.
  private final java.util.concurrent.atomic.LongAdder producerWakeups =
      new java.util.concurrent.atomic.LongAdder();

  // Held by whoever polls the queue: the consumer, or shutdown() taking over leftovers.
  private final ReentrantLock consumerLock = new ReentrantLock();

  // Confined to the consumer thread.
  private RecordEmitter emitter;
  private BridgeMetrics metrics;
  private int emptyNaps;
  private final AdaptiveNap nap;
  private long startedNanos;

  public Pipeline(int capacity, int batchSize, Accounting accounting, StatusChannel status) {
    this(capacity, batchSize, accounting, status, DEFAULT_INSTALL_WAIT_NOTICE);
  }

  /**
   * A pipeline that, while no OpenTelemetry instance is known and records wait, says so on the
   * status channel once {@code installWaitNotice} has passed since start (then rate-limited).
   */
  public Pipeline(
      int capacity,
      int batchSize,
      Accounting accounting,
      StatusChannel status,
      Duration installWaitNotice) {
    this(
        capacity,
        batchSize,
        accounting,
        status,
        installWaitNotice,
        Duration.ofMillis(AdaptiveNap.MIN_NAP_MILLIS),
        Duration.ofMillis(AdaptiveNap.DEFAULT_MAX_NAP_MILLIS));
  }

  /** A pipeline whose naps, while records trickle in, last from {@code minNap} to {@code maxNap}. */
  Pipeline(
      int capacity,
      int batchSize,
      Accounting accounting,
      StatusChannel status,
      Duration installWaitNotice,
      Duration minNap,
      Duration maxNap) {
    // The ring rounds the capacity up to a power of two; stats report the real one.
    this.queue = new CaptureRing(capacity);
    this.capacity = queue.capacity();
    this.accounting = accounting;
    this.status = status;
    this.reporter = new CounterReporter(accounting, status, this.capacity);
    this.providers = new ProviderSource(status);
    this.batch = new CaptureSlot[batchSize];
    this.thread = new PipelineThread(this::run, "logbridge-pipeline", status);
    this.installWaitNoticeNanos = installWaitNotice.toNanos();
    this.dozeWakeDistance = Math.max(1, Math.min(MAX_DOZE_WAKE_DISTANCE, this.capacity / 2));
    // Naps settle where a wake-up finds a quarter to all of the wake distance's records.
    this.nap = new AdaptiveNap(dozeWakeDistance / 2, minNap.toNanos(), maxNap.toNanos());
  }

  /** The reporter through which logging threads publish capture failures. */
  public CounterReporter reporter() {
    return reporter;
  }

  public void start() {
    startedNanos = System.nanoTime();
    LivePipelines.add(this);
    thread.start();
  }

  /**
   * Drains this pipeline before a provider shuts down ({@link
   * PipelineHooks#drainLiveBeforeProviderShutdown}): skipped for a pipeline with no OpenTelemetry
   * instance and for the calling pipeline thread itself.
   */
  @Override
  public boolean drainBeforeProviderShutdown(long deadline) {
    if (isPipelineThread() || state.get() == TERMINATED || !(resolved || providers.isInstalled())) {
      return true;
    }
    return awaitTicket(requestTicket(), deadline);
  }

  /**
   * Queues {@code record}, which the caller has counted as accepted, and returns a cleared
   * capture for the caller's next record (null when the ring has none to give yet). If the
   * record is dropped (and counted) it comes back itself, cleared. Runs on the logging thread:
   * never blocks.
   */
  public CaptureSlot offer(CaptureSlot record) {
    long slot = claimOrCountDrop();
    if (slot < 0) {
      record.clear();
      return record;
    }
    CaptureSlot spare = queue.publish(slot, record);
    wakeConsumerIfAsleep(slot);
    return spare;
  }

  /**
   * Queues a one-off {@code record} (a diagnostic event), which the caller has counted as
   * accepted, without taking a capture back. Returns false if it was dropped (and counted).
   */
  public boolean offerOnce(CaptureSlot record) {
    long slot = claimOrCountDrop();
    if (slot < 0) {
      return false;
    }
    queue.publish(slot, record);
    wakeConsumerIfAsleep(slot);
    return true;
  }

  /**
   * Whether the queue is full right now (a moment's answer): a logging thread may then skip the
   * capture of a record that has nowhere to go and {@linkplain #countFullQueueDrop count} it.
   */
  public boolean isQueueFull() {
    return queue.isFull();
  }

  /**
   * Counts a record the caller has counted as accepted and dropped because {@link #isQueueFull}
   * said the queue was full, under the reason {@link #offer} gives a full queue.
   */
  public void countFullQueueDrop() {
    accounting.dropped(resolved ? DropReason.QUEUE_FULL : DropReason.PRE_INSTALL_OVERFLOW);
  }

  /** Claims a slot; if there is none, or shutdown has begun, counts the drop and returns -1. */
  private long claimOrCountDrop() {
    if (state.get() != RUNNING) {
      accounting.dropped(DropReason.SHUTDOWN);
      return -1;
    }
    long slot = queue.claim();
    if (slot < 0) {
      countFullQueueDrop();
    }
    return slot;
  }

  private void wakeConsumerIfAsleep(long slot) {
    long sleeping = consumerSleeping.get();
    if (sleeping == AWAKE || (sleeping > 0 && slot + 1 < sleeping)) { // before a doze's wake slot
      return;
    }
    if (consumerSleeping.compareAndSet(sleeping, AWAKE)) {
      producerWakeups.increment();
      LockSupport.unpark(thread);
    }
  }

  /** Whether shutdown has begun; records offered from now on are counted as {@code shutdown}. */
  public boolean isShutdown() {
    return state.get() != RUNNING;
  }

  public int queueSize() {
    return queue.size();
  }

  /**
   * Records the pipeline thread has taken from the queue and not yet counted as emitted or
   * dropped (the batch it is emitting); with {@link #queueSize()}, what logbridge holds, counted
   * directly rather than derived from the counters.
   */
  public int inFlight() {
    return inFlight;
  }

  /**
   * Records the current OpenTelemetry instance lost after they were emitted (failed exports), or
   * -1 when it does not tell.
   */
  public long lostAfterEmit() {
    return activeState.lostAfterEmit();
  }

  public int capacity() {
    return capacity;
  }

  /** Naps the consumer has taken between drains. Visible for testing. */
  long naps() {
    return nap.naps();
  }

  /** Whether the consumer is in a nap that the producer claiming its wake slot ends. For testing. */
  boolean isDozing() {
    return consumerSleeping.get() > 0;
  }

  /** How many log calls had to wake the consumer. Visible for testing. */
  public long producerWakeups() {
    return producerWakeups.sum();
  }

  public boolean isPipelineThread() {
    return Thread.currentThread() == thread;
  }

  /** Uses {@code openTelemetry} from now on, in preference to any other source. */
  public void install(OpenTelemetry openTelemetry) {
    providers.install(openTelemetry);
    LockSupport.unpark(thread);
  }

  /**
   * Builds an SDK from the {@code OTEL_*} settings if nothing else provides one, with {@code
   * properties} (immutable) in front of them.
   */
  public void requestAutoconfigure(Map<String, String> properties) {
    providers.requestAutoconfigure(properties);
    LockSupport.unpark(thread);
  }

  /** Whether an OpenTelemetry instance has been resolved. */
  public boolean isResolved() {
    return resolved;
  }

  /**
   * Waits until every record accepted before the call is emitted or dropped, then force-flushes
   * the SDK's logger provider if there is one. Returns false at the deadline.
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (isPipelineThread()) {
      return false; // an exporter flushing us from our own thread would wait for itself
    }
    if (state.get() == TERMINATED) {
      // Nothing drains any more; waiting would only burn the caller's timeout.
      countLeftoversAsShutdown();
      return queue.isEmpty();
    }
    boolean drained = awaitTicket(requestTicket(), deadline);
    OpenTelemetry sdk = activeForFlush;
    if (activeState.isShutDown()) {
      // Its processors are gone: a force-flush would wait for a worker that no longer runs.
      return drained;
    }
    SdkHooks sdkHooks = SdkHooks.find();
    if (drained && sdk != null && sdkHooks != null) {
      return forceFlushContained(sdkHooks, sdk, remaining(deadline));
    }
    return drained;
  }

  /**
   * Stops accepting records, emits what is queued until the deadline, then counts what is left
   * as {@code shutdown}. Returns by the deadline (plus scheduling slack) even if the exporter
   * hangs; returns true if nothing was left.
   */
  public boolean shutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!state.compareAndSet(RUNNING, SHUTTING_DOWN)) {
      joinConsumer(deadline);
      return queue.isEmpty();
    }
    shutdownDeadlineNanos = deadline;
    // With no OpenTelemetry instance and none coming (no autoconfiguration asked for), waiting
    // cannot deliver anything: count what waits as shutdown at once.
    boolean canDeliver = resolved || providers.mayDeliver();
    boolean drained = canDeliver && !isPipelineThread() && awaitTicket(requestTicket(), deadline);
    state.set(TERMINATED);
    LockSupport.unpark(thread);
    joinConsumer(deadline);
    int leftovers = countLeftoversAsShutdown();
    return (drained || !canDeliver) && leftovers == 0;
  }

  /**
   * Shuts down the SDK this pipeline built by autoconfiguration, if any, waiting at most {@code
   * timeout}: for the JVM shutdown hook, after its last flush (that SDK has no hook of its own).
   *
   * @return the records that SDK's processors still held unexported when the wait ended (lost,
   *     since the JVM is exiting), 0 when it built none, or -1 when its processors do not tell
   */
  public long shutdownOwnedSdkAtExit(Duration timeout) {
    OpenTelemetry owned = providers.shutdownOwnedAtExit(timeout);
    if (owned == null) {
      return 0;
    }
    return activeForFlush == owned ? activeState.unexported() : -1;
  }

  /**
   * Counts records still queued after termination as {@code shutdown}. A producer that passed
   * the state check just before termination may queue a record after the consumer's last
   * drain; stats() calls this so such a record is accounted for, not left pending forever.
   */
  public int countLeftoversAsShutdown() {
    if (state.get() != TERMINATED || queue.isEmpty()) {
      return 0;
    }
    int n;
    consumerLock.lock();
    try {
      n = queue.discardAll();
    } finally {
      consumerLock.unlock();
    }
    accounting.dropped(DropReason.SHUTDOWN, n);
    return n;
  }

  private long requestTicket() {
    long ticket = flushRequested.incrementAndGet();
    LockSupport.unpark(thread);
    return ticket;
  }

  private boolean awaitTicket(long ticket, long deadline) {
    progressLock.lock();
    try {
      while (flushCompleted < ticket) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        progress.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      progressLock.unlock();
    }
  }

  private void joinConsumer(long deadline) {
    long left = remaining(deadline).toMillis();
    if (left <= 0 || isPipelineThread()) {
      return;
    }
    try {
      thread.join(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private boolean forceFlushContained(SdkHooks sdkHooks, OpenTelemetry sdk, Duration timeout) {
    try {
      return sdkHooks.forceFlush(sdk, timeout);
    } catch (Throwable t) {
      status.report(Level.WARN, "force_flush", "OpenTelemetry force-flush failed: " + t);
      return false;
    }
  }

  // ---- consumer thread ----

  private void run() {
    while (state.get() != TERMINATED) {
      try {
        step();
      } catch (Throwable t) {
        // A bug of ours or a hostile OpenTelemetry implementation must not kill the consumer:
        // report it, pause briefly so a persistent failure cannot spin, and carry on.
        status.report(Level.ERROR, "pipeline_failure", "logbridge pipeline step failed: " + t);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
    finish();
  }

  private void step() {
    resolveProvider();
    if (emitter == null) {
      noticeWaitingForInstance();
      reporter.report();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(UNRESOLVED_POLL_MILLIS));
      return;
    }
    long ticketSeen = flushRequested.get();
    int drained = drainBatch();
    nap.drained(drained);
    boolean stoppedAtUnpublished = queue.stoppedAtUnpublished();
    emitBatch(drained);
    if (drained < batch.length && !stoppedAtUnpublished) {
      // The queue was empty during this drain: every ticket read before it is complete.
      completeTickets(ticketSeen);
    }
    reporter.report();
    if (drained == batch.length) {
      resetNaps();
      return; // a full batch: more is probably waiting
    }
    if (stoppedAtUnpublished) {
      // A producer is between its claim and its publish, two stores apart: let it finish.
      resetNaps();
      Thread.yield();
      return;
    }
    if (drained > 0) {
      resetNaps();
    }
    // The queue ran empty: a processor exporting on this thread may send a partial batch now.
    long idleTaskDue = thread.runIdleTasks(System.nanoTime(), false);
    // Nap even if this drain found records, so that under a steady trickle the consumer takes
    // the queue in batches instead of racing producers record by record.
    idle(ticketSeen, idleTaskDue);
  }

  private int drainBatch() {
    consumerLock.lock();
    try {
      return queue.drainInto(batch);
    } finally {
      consumerLock.unlock();
    }
  }

  private void emitBatch(int n) {
    // Counted once per batch, not per record: the counter's cache line is shared with the
    // producers' counters, and a write per record would make every log call miss on it.
    // Records emitted but not yet counted are pending, which is what they were a moment ago.
    long emitted = 0;
    if (n > 0) {
      inFlight = n;
    }
    try {
      for (int i = 0; i < n; i++) {
        CaptureSlot record = batch[i];
        if (state.get() == TERMINATED) {
          accounting.dropped(DropReason.SHUTDOWN);
        } else if (activeState.isShutDown()) {
          accounting.dropped(DropReason.SDK_SHUTDOWN);
        } else {
          try {
            emitter.emit(record);
            if (wasDroppedByAClosingSdk(thread.takeEmitOutcome())) {
              accounting.dropped(DropReason.SDK_SHUTDOWN);
            } else {
              emitted++;
            }
          } catch (Throwable t) {
            thread.takeEmitOutcome(); // whatever a processor said, it must not carry over
            accounting.dropped(DropReason.EMIT_ERROR);
            reporter.emitFailed(t);
          }
        }
        record.clear();
        // Back to the thread that filled it while it is warm in a cache; otherwise it stays in
        // the batch, cleared, to be swapped into the ring for a producer's next record.
        if (record.returnToOwner()) {
          batch[i] = null;
        }
      }
    } finally {
      accounting.emitted(emitted);
      if (n > 0) {
        inFlight = 0;
      }
    }
  }

  /**
   * Whether the record just emitted went nowhere because the SDK shut down: a logbridge processor
   * refused it, or the provider runs one and none took it while the provider is now shut down
   * (the SDK's own {@code emit()} found it shut down between our check and its own). A provider
   * without a logbridge processor cannot tell; what its processors drop is theirs to count.
   */
  private boolean wasDroppedByAClosingSdk(int emitOutcome) {
    if (emitOutcome == PipelineThread.EMIT_REFUSED) {
      return true;
    }
    return emitOutcome == PipelineThread.EMIT_UNSEEN
        && activeState.processorKind() == ProviderState.ProcessorKind.PIPELINE_BATCH
        && activeState.isShutDown();
  }

  private void completeTickets(long ticket) {
    if (ticket <= flushCompleted) {
      return;
    }
    progressLock.lock();
    try {
      flushCompleted = ticket;
      progress.signalAll();
    } finally {
      progressLock.unlock();
    }
  }

  private void resetNaps() {
    // Written only when it changes: producers read this object's other fields on every log
    // call, and a store per drain would pull the cache line away from them.
    if (emptyNaps != 0) {
      emptyNaps = 0;
    }
  }

  private void idle(long ticketSeen, long idleTaskDueNanos) {
    if (emptyNaps < NAPS_BEFORE_SLEEP) {
      emptyNaps++;
      long napNanos = napNanos(idleTaskDueNanos);
      boolean dozing = nap.isLong();
      if (dozing && !advertiseDoze()) {
        return; // the doze's wake slot is claimed already: drain instead
      }
      // Every park stays in this method: the doctor knows Pipeline.idle as the pipeline's
      // waiting point (ThreadActivity), in this version's dumps and in older ones.
      LockSupport.parkNanos(this, napNanos);
      if (dozing) {
        endDoze();
      }
      return;
    }
    consumerSleeping.set(ASLEEP);
    // Re-check after advertising sleep: a producer that queued before seeing the flag would
    // otherwise leave its record waiting for the whole sleep.
    if (!queue.isEmpty()
        || flushRequested.get() != ticketSeen
        || state.get() == TERMINATED
        || providers.hasNewInstall()) {
      consumerSleeping.set(AWAKE);
      return;
    }
    // An idle task due sooner (a partial batch to send) shortens the sleep.
    LockSupport.parkNanos(
        this, Math.min(TimeUnit.MILLISECONDS.toNanos(SLEEP_MILLIS), idleTaskDueNanos));
    consumerSleeping.set(AWAKE);
  }

  /**
   * The next nap: the adaptive one, cut short when an idle task (a processor's partial batch) is
   * due sooner. While records trickle in (even the longest nap finds few) and a processor holds
   * a partial batch it will send at a known time, the nap lasts until that time instead: what
   * arrives meanwhile is drained just before that batch goes out and leaves with it, so no
   * record waits in the queue longer than the batch's first record waits for its export, and a
   * trickle costs this thread a wake-up per batch sent rather than one per nap. A burst still
   * ends the doze at its wake slot. At higher rates the naps are shorter than the longest and
   * stay as they are: the queue keeps its headroom for a descheduled consumer.
   */
  private long napNanos(long idleTaskDueNanos) {
    long adaptive = nap.nextNapNanos();
    // Only a doze may be stretched: it is advertised, so a burst's producer can end it.
    if (nap.isLong() && nap.isLongest() && idleTaskDueNanos != Long.MAX_VALUE) {
      return idleTaskDueNanos;
    }
    return Math.min(adaptive, idleTaskDueNanos);
  }

  /**
   * Advertises a doze and the slot at which a producer ends it (see the class comment), and
   * re-checks after it (volatile store, then volatile load): a producer that claimed that slot
   * before the store saw the consumer awake and did not wake it. Returns false, advertising
   * nothing, if the slot is claimed already: the consumer drains again instead of dozing.
   */
  private boolean advertiseDoze() {
    long wakeSlot = queue.drainedUpTo() + dozeWakeDistance;
    consumerSleeping.set(wakeSlot + 1);
    if (queue.hasClaimed(wakeSlot)) {
      consumerSleeping.compareAndSet(wakeSlot + 1, AWAKE);
      return false;
    }
    return true;
  }

  private void endDoze() {
    // Written only if no producer did: the flag's line is read by every log call.
    if (consumerSleeping.get() != AWAKE) {
      consumerSleeping.set(AWAKE);
    }
  }

  /**
   * While no instance is known and records wait, says so once the notice delay has passed since
   * start (rate-limited by the status channel): records are not lost yet, but will be when the
   * queue fills, and a missing {@code LogBridge.install} is otherwise invisible.
   */
  private void noticeWaitingForInstance() {
    int waiting = queue.size();
    long waited = System.nanoTime() - startedNanos;
    if (waiting == 0 || waited < installWaitNoticeNanos) {
      return;
    }
    status.report(
        Level.WARN,
        "waiting_for_install",
        "no OpenTelemetry instance after "
            + TimeUnit.NANOSECONDS.toSeconds(waited)
            + " s, with "
            + waiting
            + " record(s) waiting in "
            + "logbridge's queue (capacity "
            + capacity
            + "; beyond it records are dropped and "
            + "counted as pre_install_overflow). Call LogBridge.install(openTelemetry) once the SDK is "
            + "built, let the OpenTelemetry Java agent set GlobalOpenTelemetry, or enable "
            + "autoconfigure in the adapter's configuration");
  }

  private void resolveProvider() {
    providers.resolve(this::switchTo);
  }

  private void switchTo(OpenTelemetry openTelemetry, boolean owned) {
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
    providers.adopt(openTelemetry, owned);
    emitter = new RecordEmitter(openTelemetry.getLogsBridge());
    activeState = inspect(openTelemetry);
    activeForFlush = openTelemetry;
    resolved = true;
    try {
      metrics = new BridgeMetrics(openTelemetry, accounting, queue::size, capacity);
    } catch (Throwable t) {
      status.report(Level.WARN, "metrics", "could not register logbridge metrics: " + t);
    }
  }

  private ProviderState inspect(OpenTelemetry openTelemetry) {
    SdkHooks sdkHooks = SdkHooks.find();
    if (sdkHooks == null) {
      return ProviderState.OPAQUE;
    }
    ProviderState inspected;
    try {
      inspected = sdkHooks.inspect(openTelemetry);
    } catch (Throwable t) {
      inspected = ProviderState.OPAQUE;
    }
    if (inspected.limitation() != null) {
      status.report(Level.WARN, "sdk_inspection", inspected.limitation());
    }
    if (inspected.exportsNowhere()) {
      status.report(
          Level.WARN,
          "sdk_exports_nowhere",
          "the OpenTelemetry SDK behind logbridge "
              + "exports logs nowhere: its logger provider has no log record processor, or only ones "
              + "over the SDK's no-op exporter, so it discards every record logbridge hands it "
              + "(counted as emitted). Fix: give it a log exporter (OTEL_LOGS_EXPORTER=otlp with an "
              + "endpoint; with Spring Boot's SDK, management.otlp.logging.endpoint on 3.5 or "
              + "management.opentelemetry.logging.export.otlp.endpoint on 4)");
    }
    if (inspected.processorKind() == ProviderState.ProcessorKind.SDK_BATCH) {
      status.report(
          Level.WARN,
          "sdk_batch_processor",
          "the OpenTelemetry SDK behind logbridge "
              + "exports through its BatchLogRecordProcessor, whose own queue (2,048 records by "
              + "default) drops records silently when logbridge hands them on faster than the "
              + "exporter sends them; logbridge cannot count those. Fix: build the logger provider "
              + "with .addLogRecordProcessor(dev.logbridge.sdk.PipelineBatchProcessor.builder(exporter)"
              + ".build()) instead, so that logbridge's counted queue is the only queue");
    }
    return inspected;
  }

  private void finish() {
    LivePipelines.remove(this);
    // Last call for processors that export on this thread: nothing will run them again.
    thread.runIdleTasks(System.nanoTime(), true);
    if (metrics != null) {
      metrics.close();
    }
    providers.shutdownOwned(remaining(shutdownDeadlineNanos));
    reporter.report();
  }
}
