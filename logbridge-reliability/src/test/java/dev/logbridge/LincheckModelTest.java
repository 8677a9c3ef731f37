package dev.logbridge;

import dev.logbridge.reliability.Reliability;
import dev.logbridge.spi.RecordTranslator;
import dev.logbridge.testing.Reconciliation;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck checks of the pieces every log call goes through, on JDK 17: the re-entry guard
 * (model checking: every interleaving of two threads), the queue hand-off and its accounting
 * (model checking of the pipeline's producer side, shutdown and leftover counting), and the
 * whole bridge's capture, flush, shutdown and stats under stress with its real pipeline thread.
 * Operations return whether a snapshot agrees with counts made independently of the counters
 * (calls the test began and finished, records in the ring), so any interleaving where it does not
 * is non-linearizable against the sequential specification (always true); the validation
 * function reconciles the calls with what the ring holds or the exporter received plus the drops.
 * ({@code BridgeStats.isBalanced()} is no evidence: its {@code pending} is derived from the other
 * counters.)
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LincheckModelTest {

  @Test
  void theReentryGuardIsPerThreadInEveryInterleaving() {
    Lincheck.runConcurrentTest(
        Reliability.bound(500, 5000),
        () -> {
          Runnable enterNestExit =
              () -> {
                check(CallerState.current().tryEnter(), "first enter");
                check(!CallerState.current().tryEnter(), "nested enter is refused");
                check(CallerState.current().isInside(), "inside");
                CallerState.current().exit();
                check(!CallerState.current().isInside(), "outside after exit");
              };
          Thread other = new Thread(enterNestExit);
          other.start();
          enterNestExit.run();
          try {
            other.join();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        });
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /**
   * The producer side of the pipeline with no consumer running: capture (count accepted, then
   * offer), shutdown, counting leftovers, and the snapshot. A tiny queue makes overflow part of
   * the interleavings.
   */
  public static class PipelineHandOff {
    // Calls counted by the test itself: begun before accepted() is counted, done after offer().
    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Accounting accounting = new Accounting();
    private final Pipeline pipeline =
        new Pipeline(2, 2, accounting, new StatusChannel(Duration.ofHours(1)));
    private final CaptureSlot record;

    public PipelineHandOff() {
      BridgeSettings settings = BridgeSettings.defaults();
      record =
          new CaptureSlot(
              new CaptureSupport(settings, accounting), "com.example.App", Context.root(), 0L);
    }

    @Operation
    public boolean capture() {
      begun.incrementAndGet();
      accounting.accepted();
      pipeline.offer(record);
      done.incrementAndGet();
      return consistent();
    }

    @Operation
    public boolean shutdown() {
      pipeline.shutdown(Duration.ZERO);
      return consistent();
    }

    @Operation
    public boolean countLeftovers() {
      pipeline.countLeftoversAsShutdown();
      return consistent();
    }

    /**
     * Whether a snapshot agrees with the test's own counts: accepted lies between the calls
     * finished before it and those begun after it; pending is not negative and, nothing
     * consuming, at most the ring's capacity plus the calls under way.
     */
    @Operation
    public boolean consistent() {
      long doneBefore = done.get();
      BridgeStats stats = accounting.snapshot(pipeline.capacity());
      long begunAfter = begun.get();
      return doneBefore <= stats.accepted()
          && stats.accepted() <= begunAfter
          && stats.pending() >= 0
          && stats.pending() <= pipeline.capacity() + (begunAfter - doneBefore);
    }

    @Validate
    public void everyRecordIsQueuedOrCounted() {
      pipeline.countLeftoversAsShutdown();
      BridgeStats stats = accounting.snapshot(pipeline.capacity());
      // Nothing consumes: calls made = records in the ring + records counted as dropped.
      check(
          done.get() == pipeline.queueSize() + stats.droppedAfterAcceptance(),
          "calls=" + done.get() + " queued=" + pipeline.queueSize() + " " + stats.summary());
      check(stats.pending() == pipeline.queueSize(), stats.summary());
    }
  }

  @Test
  void theQueueHandOffAndItsAccountingBalanceInEveryInterleaving() {
    new ModelCheckingOptions()
        .iterations(Reliability.bound(5, 50))
        .invocationsPerIteration(Reliability.bound(50, 1000))
        .threads(2)
        .actorsPerThread(2)
        .check(PipelineHandOff.class);
  }

  /**
   * The capture ring on its own: producers exchange their capture for a cleared one, a consumer
   * drains, in every interleaving the model checker finds. A capture must never be held by two
   * parties at once (a producer must only ever get back a cleared capture), and every published
   * record must be drained exactly once.
   */
  public static class RingExchange {
    private final CaptureRing ring = new CaptureRing(2);
    private final CaptureSupport support;
    // Records a producer published (by stamp); the consumer's drains remove them.
    private final java.util.Set<Long> published =
        java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<Long> drained = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong stamps =
        new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger doubleDrains =
        new java.util.concurrent.atomic.AtomicInteger();
    private final CaptureSlot[] batch = new CaptureSlot[2];

    public RingExchange() {
      BridgeSettings settings = BridgeSettings.defaults();
      Accounting accounting = new Accounting();
      support = new CaptureSupport(settings, accounting);
    }

    /** Returns false if the producer was handed a capture that still held a record. */
    @Operation
    public boolean offer() {
      long stamp = stamps.incrementAndGet();
      CaptureSlot filled = new CaptureSlot(support).begin("p", Context.root(), 1L);
      filled.timestamp(stamp);
      long slot = ring.claim();
      if (slot < 0) {
        return true;
      }
      published.add(stamp);
      CaptureSlot spare = ring.publish(slot, filled);
      return spare == null || spare.timestampEpochNanos() == 0;
    }

    /**
     * Returns nothing: a drain may legitimately stop before a slot a producer has claimed but not
     * yet published, which no sequential history explains; what matters is checked at the end.
     */
    @Operation(nonParallelGroup = "consumer")
    public void drain() {
      int n = ring.drainInto(batch);
      for (int i = 0; i < n; i++) {
        if (!drained.add(batch[i].timestampEpochNanos())) {
          doubleDrains.incrementAndGet();
        }
        batch[i].clear();
      }
    }

    @Validate
    public void everyPublishedRecordIsDrainedOnce() {
      while (ring.drainInto(batch) > 0 || !ring.isEmpty()) {
        for (CaptureSlot record : batch) {
          if (record != null && record.timestampEpochNanos() != 0) {
            if (!drained.add(record.timestampEpochNanos())) {
              doubleDrains.incrementAndGet();
            }
            record.clear();
          }
        }
      }
      check(doubleDrains.get() == 0, "a record was drained twice");
      check(drained.equals(published), "published " + published + " but drained " + drained);
    }
  }

  @Test
  void theCaptureRingNeverSharesACaptureAndDrainsEachRecordOnce() {
    new ModelCheckingOptions()
        .iterations(Reliability.bound(10, 50))
        .invocationsPerIteration(Reliability.bound(100, 1000))
        .threads(3)
        .actorsPerThread(2)
        .check(RingExchange.class);
  }

  /**
   * A busy thread's returned-captures queue on its own: the pipeline thread returns cleared
   * captures while their owner takes them, in every interleaving the model checker finds. Its
   * results must be those of a FIFO queue: the owner gets each capture once, only after it was
   * returned, oldest first, and nothing when none is waiting; a full queue refuses a capture.
   */
  public static class ReturnedExchange {
    // Two slots, so that the queue fills and wraps within a few operations.
    private final ReturnedCaptures returned = new ReturnedCaptures(2);
    private final CaptureSlot[] slots = returned.slots();
    private final CaptureSupport support;
    // The pipeline's stamp for the next capture it returns (the "pipeline" group only).
    private long nextStamp;
    // The owner's index of the next slot to take from (the "owner" group only).
    private long nextTake;

    public ReturnedExchange() {
      BridgeSettings settings = BridgeSettings.defaults();
      Accounting accounting = new Accounting();
      support = new CaptureSupport(settings, accounting);
    }

    /** Returns a capture stamped 1, 2, 3, ...; false if the queue refused it. */
    @Operation(nonParallelGroup = "pipeline")
    public boolean returnOne() {
      CaptureSlot capture = new CaptureSlot(support);
      capture.timestamp(++nextStamp);
      return returned.offer(capture);
    }

    /** The stamp of the capture the owner takes, or 0 if none was waiting. */
    @Operation(nonParallelGroup = "owner")
    public long take() {
      CaptureSlot capture = ReturnedCaptures.take(slots, nextTake);
      if (capture == null) {
        return 0;
      }
      nextTake++;
      return capture.timestampEpochNanos();
    }
  }

  /**
   * What {@link ReturnedExchange}'s results must match: a FIFO queue of two, written plainly, so
   * that a fault that shows without any concurrency is caught too (by default Lincheck compares
   * with the tested class run sequentially, which would share such a fault).
   */
  public static class ReturnedQueueSpecification {
    private final java.util.ArrayDeque<Long> waiting = new java.util.ArrayDeque<>();
    private long nextStamp;

    public boolean returnOne() {
      long stamp = ++nextStamp;
      if (waiting.size() == 2) {
        return false;
      }
      waiting.add(stamp);
      return true;
    }

    public long take() {
      Long stamp = waiting.poll();
      return stamp == null ? 0 : stamp;
    }
  }

  @Test
  void aThreadsReturnedCapturesBehaveAsAQueueInEveryInterleaving() {
    new ModelCheckingOptions()
        .sequentialSpecification(ReturnedQueueSpecification.class)
        .iterations(Reliability.bound(10, 50))
        .invocationsPerIteration(Reliability.bound(100, 1000))
        .threads(2)
        .actorsPerThread(3)
        .check(ReturnedExchange.class);
  }

  /**
   * The whole bridge, with its pipeline thread, emitting into an SDK whose exporter keeps the
   * bodies it receives; each capture carries a body of its own.
   */
  public static class BridgeOperations {
    private static final RecordTranslator<String> BODY =
        (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);
    private static final int CAPACITY = 4;
    private static final int BATCH = 2;
    private final Bridge bridge =
        Bridge.start(
            BridgeSettings.builder()
                .queueCapacity(CAPACITY)
                .batchSize(BATCH)
                .shutdownHookEnabled(false)
                .build());
    private final InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong done = new AtomicLong();

    public BridgeOperations() {
      bridge.install(TestOpenTelemetry.sdkExportingTo(exporter));
    }

    @Operation
    public boolean capture() {
      long call = begun.incrementAndGet();
      bridge.capture("com.example.App", "r" + call, BODY);
      done.incrementAndGet();
      return consistent();
    }

    @Operation
    public boolean flush() {
      bridge.flush(Duration.ofMillis(5));
      return consistent();
    }

    @Operation
    public boolean shutdown() {
      bridge.shutdown(Duration.ofMillis(5));
      return consistent();
    }

    /**
     * Whether a snapshot agrees with the test's own counts: accepted lies between the calls
     * finished before it and those begun after it; pending is not negative and at most what the
     * ring and one batch hold plus the calls under way.
     */
    @Operation
    public boolean consistent() {
      long doneBefore = done.get();
      BridgeStats stats = bridge.stats();
      long begunAfter = begun.get();
      return doneBefore <= stats.accepted()
          && stats.accepted() <= begunAfter
          && stats.pending() >= 0
          && stats.pending() <= bridge.queueCapacity() + BATCH + (begunAfter - doneBefore);
    }

    @Validate
    public void afterShutdownEveryCallArrivedOnceOrWasDropped() {
      bridge.shutdown(Duration.ofMillis(500));
      BridgeStats stats = bridge.stats();
      check(stats.pending() == 0, stats.summary());
      List<String> calls = new ArrayList<>();
      for (long i = 1; i <= done.get(); i++) {
        calls.add("r" + i);
      }
      List<String> received =
          exporter.getFinishedLogRecordItems().stream()
              .map(l -> l.getBodyValue().asString())
              .collect(Collectors.toList());
      Reconciliation delivered = Reconciliation.of(calls, received, stats);
      check(delivered.reconciles(), delivered.describe());
    }
  }

  @Test
  void captureFlushShutdownAndStatsKeepTheIdentityUnderStress() {
    new StressOptions()
        // Each invocation starts and shuts down a whole bridge: keep CI's share small on 2 cores.
        .iterations(Reliability.bound(3, 30))
        .invocationsPerIteration(Reliability.bound(6, 100))
        .threads(3)
        .actorsPerThread(2)
        .check(BridgeOperations.class);
  }
}
