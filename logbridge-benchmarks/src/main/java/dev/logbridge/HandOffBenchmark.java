package dev.logbridge;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What handing a filled capture to another thread costs the logging thread, apart from any
 * logging framework: the part of logbridge's caller cost that the "within 2× of the framework's
 * no-op floor" target leaves no room for.
 *
 * <p>Each operation fills a {@link CaptureSlot} the way an adapter does (scope, context, time,
 * severity, deferred body with two arguments, thread) and hands it on:
 *
 * <ul>
 *   <li>{@code fill-only}: no hand-off; the thread clears and refills its one capture — the
 *       capture's own cost;
 *   <li>{@code shared-ring}: logbridge's {@link CaptureRing}, exactly as the pipeline uses it (one
 *       CAS to claim a slot, exchange the capture for the cleared one in the slot);
 *   <li>{@code per-thread-ring}: a single-producer ring per logging thread whose slots hold
 *       captures filled in place — the design BENCHMARKS.md names as the way to the floor (no
 *       shared index, no CAS; the consumer visits every thread's ring).
 * </ul>
 *
 * <p>The consumer thread drains, reads the fields a record emitter reads and clears each capture,
 * as logbridge's pipeline thread does before it calls the SDK, and nothing more, so it keeps up
 * with the producers: {@code consumer=napping} naps 1 ms whenever a drain finds nothing, as the
 * pipeline does (producers then fill the ring while it naps and it drains in batches);
 * {@code consumer=spinning} polls without pause, the worst case, where producer and consumer
 * work on the same cache lines at the same time; {@code consumer=none} runs none, so the rings
 * fill and every hand-off after that fails (a drop), which isolates the cost of the cache lines
 * a consumer takes away and gives back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandOffBenchmark {
  // As logbridge's pipeline naps while records come fast (AdaptiveNap.MIN_NAP_MILLIS).
  static final long NAP_NANOS = 1_000_000;

  @Param({"fill-only", "shared-ring", "per-thread-ring"})
  public String handOff;

  @Param({"napping", "spinning", "none"})
  public String consumer;

  /** Slots in the shared ring, and in each thread's ring (logbridge's default is 8,192). */
  @Param({"8192"})
  public int capacity;

  /**
   * Whether the consumer clears each capture after reading it, as logbridge's pipeline does (so
   * an idle capture holds nothing alive), or only reads it and leaves the clearing to the
   * producer's next fill: the consumer then never writes a line the producer writes.
   */
  @Param({"true"})
  public boolean consumerClears;

  /** The {@code handOff} parameter, resolved once so the measured call compares no strings. */
  enum HandOff {
    FILL_ONLY,
    SHARED_RING,
    PER_THREAD_RING
  }

  HandOff mode;
  CaptureSupport support;
  CaptureRing sharedRing;
  final CopyOnWriteArrayList<PerThreadRing> perThreadRings = new CopyOnWriteArrayList<>();
  private Thread consumerThread;
  private volatile boolean running;
  // Records the consumer read: published at tear-down so the consumer's reads are not dead code.
  volatile long consumed;

  @Setup(Level.Trial)
  public void setUp() {
    BridgeSettings settings = BridgeSettings.defaults();
    Accounting accounting = new Accounting();
    support = new CaptureSupport(settings, accounting);
    mode = HandOff.valueOf(handOff.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    sharedRing = new CaptureRing(capacity);
    running = true;
    if (!"none".equals(consumer) && mode != HandOff.FILL_ONLY) {
      consumerThread = new Thread(this::consume, "hand-off-consumer");
      consumerThread.setDaemon(true);
      consumerThread.start();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    running = false;
    if (consumerThread != null) {
      consumerThread.join(10_000);
    }
  }

  /** Each logging thread's own state: its capture (shared ring) or its ring (per-thread). */
  @State(Scope.Thread)
  public static class Producer {
    CaptureSlot capture;
    PerThreadRing ring;
    final Object[] args = {"alice", "checkout"};
    final String threadName = Thread.currentThread().getName();
    final long threadId = Thread.currentThread().getId();
    long sequence;

    @Setup(Level.Trial)
    public void setUp(HandOffBenchmark benchmark) {
      capture = new CaptureSlot(benchmark.support);
      if (benchmark.mode == HandOff.PER_THREAD_RING) {
        ring = new PerThreadRing(benchmark.support, benchmark.capacity);
        benchmark.perThreadRings.add(ring);
      }
    }
  }

  /**
   * How many calls handed their record on and how many found the ring full: JMH prints them per
   * second, so the average cost can be read as a mix of the two.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Outcomes {
    public long handedOn;
    public long dropped;
  }

  @Benchmark
  public boolean handOff(Producer producer, Outcomes outcomes) {
    boolean handedOn;
    switch (mode) {
      case SHARED_RING:
        handedOn = offerShared(producer);
        break;
      case PER_THREAD_RING:
        handedOn = offerPerThread(producer);
        break;
      default:
        fill(producer.capture, producer);
        producer.capture.clear();
        handedOn = true;
    }
    if (handedOn) {
      outcomes.handedOn++;
    } else {
      outcomes.dropped++;
    }
    return handedOn;
  }

  private boolean offerShared(Producer producer) {
    CaptureSlot capture = producer.capture;
    fill(capture, producer);
    long slot = sharedRing.claim();
    if (slot < 0) {
      capture.clear(); // dropped: the thread keeps and reuses its capture
      return false;
    }
    CaptureSlot spare = sharedRing.publish(slot, capture);
    producer.capture = spare != null ? spare : new CaptureSlot(support);
    return true;
  }

  private boolean offerPerThread(Producer producer) {
    PerThreadRing ring = producer.ring;
    CaptureSlot slot = ring.claim();
    if (slot == null) {
      // Full: filled and dropped, as the shared ring's drop path does.
      fill(producer.capture, producer);
      producer.capture.clear();
      return false;
    }
    fill(slot, producer);
    ring.publish();
    return true;
  }

  private void fill(CaptureSlot capture, Producer producer) {
    if (!consumerClears) {
      capture.clear();
    }
    // The framework's timestamp comes with its event; no clock read here, so fill-only is the
    // capture's own cost.
    long now = ++producer.sequence;
    capture
        .begin("com.example.Checkout", Context.root(), now)
        .timestamp(now)
        .severity(Severity.INFO, "INFO")
        .deferredBody("user {} did {}", producer.args, (pattern, values) -> pattern)
        .thread(producer.threadName, producer.threadId);
  }

  /** The consumer: what logbridge's pipeline reads of each record, then the clear. */
  private void consume() {
    CaptureSlot[] batch = new CaptureSlot[512];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = new CaptureSlot(support);
    }
    long read = 0;
    boolean napping = "napping".equals(consumer);
    while (running) {
      int n = 0;
      if (mode == HandOff.SHARED_RING) {
        int drained = sharedRing.drainInto(batch);
        for (int i = 0; i < drained; i++) {
          read += touch(batch[i]);
          if (consumerClears) {
            batch[i].clear();
          }
        }
        n = drained;
      } else {
        for (PerThreadRing ring : perThreadRings) {
          int drained = ring.drain(consumerClears);
          n += drained;
          read += ring.checksum;
        }
      }
      if (n == 0) {
        if (napping) {
          LockSupport.parkNanos(NAP_NANOS);
        } else {
          Thread.onSpinWait();
        }
      }
    }
    consumed = read;
  }

  static long touch(CaptureSlot record) {
    return record.timestampEpochNanos()
        + record.threadId()
        + record.scopeName().length()
        + record.severity().getSeverityNumber()
        + (record.context() == null ? 0 : 1);
  }

  /**
   * A single-producer, single-consumer ring of captures filled in place: the producer writes
   * only its own slots and its own tail; the consumer reads, clears and advances the head.
   */
  static final class PerThreadRing {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        HEAD = lookup.findVarHandle(PerThreadRing.class, "head", long.class);
        TAIL = lookup.findVarHandle(PerThreadRing.class, "tail", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final CaptureSlot[] slots;
    private final int mask;
    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6, p7;
    // Written by the consumer (release), read by the producer (acquire) when its cache runs out.
    private volatile long head;
    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7;
    // Written by the producer (release), read by the consumer (acquire).
    private volatile long tail;
    // Producer-confined: a cached head + capacity.
    private long producerLimit;
    // Consumer-confined: what it read, so that its reads are not dead code.
    long checksum;

    PerThreadRing(CaptureSupport support, int capacity) {
      slots = new CaptureSlot[capacity];
      for (int i = 0; i < capacity; i++) {
        slots[i] = new CaptureSlot(support);
      }
      mask = capacity - 1;
      producerLimit = capacity;
    }

    CaptureSlot claim() {
      long t = (long) TAIL.getOpaque(this);
      if (t >= producerLimit) {
        producerLimit = (long) HEAD.getAcquire(this) + slots.length;
        if (t >= producerLimit) {
          return null;
        }
      }
      return slots[(int) t & mask];
    }

    void publish() {
      TAIL.setRelease(this, (long) TAIL.getOpaque(this) + 1);
    }

    int drain(boolean clear) {
      long h = (long) HEAD.getOpaque(this);
      long t = (long) TAIL.getAcquire(this);
      int n = 0;
      while (h < t && n < 512) {
        CaptureSlot record = slots[(int) h & mask];
        checksum += touch(record);
        if (clear) {
          record.clear();
        }
        h++;
        n++;
      }
      if (n > 0) {
        HEAD.setRelease(this, h);
      }
      return n;
    }
  }
}
