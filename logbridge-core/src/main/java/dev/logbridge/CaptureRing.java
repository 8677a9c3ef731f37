package dev.logbridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bounded multi-producer, single-consumer hand-off of filled {@link CaptureSlot}s, built so
 * that a log call allocates nothing: captures are <em>exchanged</em>, never created per record.
 *
 * <p>Algorithm: a power-of-two array of slots and two ever-increasing indexes, as in JCTools'
 * {@code MpscArrayQueue} and the LMAX Disruptor's multi-producer sequencer. A producer {@linkplain
 * #claim claims} index {@code p} with one CAS on {@code producerIndex} (failing, never waiting,
 * when the ring is full), then {@linkplain #publish publishes}: swaps its filled capture into slot
 * {@code p & mask}, takes the cleared capture the consumer left there, and stores {@code p + 1}
 * into the slot's sequence with release semantics. The consumer reads the sequence with acquire semantics, swaps the
 * filled capture out for one of its own cleared ones, and releases the slot by advancing {@code
 * consumerIndex} (release). The population of capture objects is therefore bounded once the ring
 * has gone round: each slot holds at most one, the consumer owns a batch, each logging thread
 * owns one, and the few threads with a {@link ReturnedCaptures} queue hold the captures the
 * consumer returned to them directly (each leaves a slot empty, which a producer then fills with
 * a capture of its own, so those captures are ones the ring no longer holds).
 *
 * <p>Progress: {@link #claim} is lock-free (the CAS retries only when another producer won it)
 * and never blocks. Between its claim and its publish a producer runs no user code, only two
 * stores; if it is descheduled there the consumer finds the slot unpublished, stops its drain
 * before it ({@link #stoppedAtUnpublished()}) and tries again later, so order is kept.
 *
 * <p>Thread-safety: {@link #claim} and {@link #publish} from any thread; {@link #drainInto}, {@link #discardAll} and
 * {@link #stoppedAtUnpublished} from one consumer at a time (the pipeline holds a lock for
 * that); {@link #size} and {@link #isEmpty} from any thread (a moment's estimate).
 */
final class CaptureRing extends CaptureRingConsumerFields {
  private static final VarHandle SLOT_SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle PRODUCER_INDEX;
  private static final VarHandle PRODUCER_LIMIT;
  private static final VarHandle CONSUMER_INDEX;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCER_INDEX =
          lookup.findVarHandle(CaptureRingProducerIndex.class, "producerIndex", long.class);
      PRODUCER_LIMIT =
          lookup.findVarHandle(CaptureRingProducerLimit.class, "producerLimit", long.class);
      CONSUMER_INDEX =
          lookup.findVarHandle(CaptureRingConsumerFields.class, "consumerIndex", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private long p50, p51, p52, p53, p54, p55, p56, p57;

  /** A ring of at least {@code requestedCapacity} slots (rounded up to a power of two). */
  public CaptureRing(int requestedCapacity) {
    super(capacityFor(requestedCapacity));
    PRODUCER_LIMIT.setRelease(this, (long) capacity());
  }

  /** The slots a ring asked for {@code requestedCapacity} has: rounded up to a power of two. */
  static int capacityFor(int requestedCapacity) {
    return Integer.highestOneBit(Math.max(2, requestedCapacity) - 1) << 1;
  }

  public int capacity() {
    return mask + 1;
  }

  /**
   * Claims the next slot for a producer: returns its index, or -1 if the ring is full. A claimed
   * slot must be {@linkplain #publish published} right away: the consumer waits for it. Never
   * blocks.
   */
  public long claim() {
    long index;
    do {
      index = (long) PRODUCER_INDEX.getVolatile(this);
      if (index >= (long) PRODUCER_LIMIT.getAcquire(this)) {
        long limit = (long) CONSUMER_INDEX.getAcquire(this) + mask + 1;
        if (index >= limit) {
          return -1; // full
        }
        PRODUCER_LIMIT.setRelease(this, limit);
      }
    } while (!PRODUCER_INDEX.compareAndSet(this, index, index + 1));
    return index;
  }

  /**
   * Whether a {@link #claim} now would fail: a moment's answer, for producers that skip work
   * when the ring is full. Reads what a claim reads first, so it adds no cache line to a call.
   */
  public boolean isFull() {
    long index = (long) PRODUCER_INDEX.getVolatile(this);
    return index >= (long) PRODUCER_LIMIT.getAcquire(this)
        && index >= (long) CONSUMER_INDEX.getAcquire(this) + mask + 1;
  }

  /**
   * Puts {@code filled} into the slot claimed as {@code index}, publishes it, and returns the
   * cleared capture it displaced, for the producer to fill next time (null on the ring's first
   * lap). Runs no user code and cannot fail, so a claim is always published.
   */
  public CaptureSlot publish(long index, CaptureSlot filled) {
    int slot = (int) index & mask;
    CaptureSlot spare = slots[slot];
    slots[slot] = filled;
    SLOT_SEQUENCE.setRelease(sequences, slot, index + 1);
    return spare;
  }

  /**
   * Moves up to {@code batch.length} published captures into {@code batch}, in order, putting
   * the cleared captures found in {@code batch} into their slots (null entries are fine).
   * Returns how many were moved. Consumer only.
   */
  public int drainInto(CaptureSlot[] batch) {
    long consumer = consumerIndex;
    long produced = (long) PRODUCER_INDEX.getAcquire(this);
    int n = 0;
    stoppedAtUnpublished = false;
    while (n < batch.length && consumer < produced) {
      int slot = (int) consumer & mask;
      if ((long) SLOT_SEQUENCE.getAcquire(sequences, slot) != consumer + 1) {
        stoppedAtUnpublished = true;
        break;
      }
      CaptureSlot filled = slots[slot];
      slots[slot] = batch[n];
      batch[n++] = filled;
      consumer++;
    }
    if (n > 0) {
      CONSUMER_INDEX.setRelease(this, consumer);
    }
    return n;
  }

  /**
   * Clears every published capture in place and releases its slot; returns how many. For
   * counting leftovers after the pipeline has stopped. Consumer only.
   */
  public int discardAll() {
    long consumer = consumerIndex;
    long produced = (long) PRODUCER_INDEX.getAcquire(this);
    int n = 0;
    while (consumer < produced) {
      int slot = (int) consumer & mask;
      if ((long) SLOT_SEQUENCE.getAcquire(sequences, slot) != consumer + 1) {
        break;
      }
      slots[slot].clear();
      consumer++;
      n++;
    }
    CONSUMER_INDEX.setRelease(this, consumer);
    return n;
  }

  /** Whether the last drain stopped before a slot a producer has claimed but not yet filled. */
  public boolean stoppedAtUnpublished() {
    return stoppedAtUnpublished;
  }

  /** How many slots are claimed and not yet drained (an estimate while producers run). */
  public int size() {
    long consumer = (long) CONSUMER_INDEX.getAcquire(this);
    long produced = (long) PRODUCER_INDEX.getAcquire(this);
    return (int) Math.max(0, Math.min(produced - consumer, mask + 1));
  }

  /** The index of the next slot to drain: every earlier one has been drained (consumer thread). */
  long drainedUpTo() {
    return (long) CONSUMER_INDEX.getAcquire(this);
  }

  /**
   * Whether a producer has claimed the slot {@code index}. A volatile load, so that after a
   * volatile store of its own the consumer sees every claim whose producer missed that store.
   */
  boolean hasClaimed(long index) {
    return (long) PRODUCER_INDEX.getVolatile(this) > index;
  }

  /** Whether no slot is claimed and undrained (claimed but unpublished counts as not empty). */
  public boolean isEmpty() {
    return (long) PRODUCER_INDEX.getAcquire(this) == (long) CONSUMER_INDEX.getAcquire(this);
  }
}

// The layout below is JCTools' habit: fields that different threads write live in different
// classes of one hierarchy, separated by 64 bytes of padding, because the JVM lays out a class's
// own fields by size (the boolean a consumer writes would otherwise share a cache line with the
// array references every producer reads) but keeps superclass fields first.

/** Padding before the ring's read-only fields. */
abstract class CaptureRingPadding0 {
  @SuppressWarnings("unused")
  private long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** Read by everyone, written once. */
abstract class CaptureRingFixedFields extends CaptureRingPadding0 {
  final int mask;
  // Slot i holds a capture: filled while published and not yet drained, otherwise cleared (or
  // null until the first lap). Written by the producer that claimed the slot (before its
  // publishing release store) and by the consumer (before its releasing consumerIndex store).
  final CaptureSlot[] slots;
  // sequences[i] == p + 1 once the producer of index p has published slot i. Release store by
  // that producer, acquire load by the consumer.
  final long[] sequences;

  CaptureRingFixedFields(int capacity) {
    this.mask = capacity - 1;
    this.slots = new CaptureSlot[capacity];
    this.sequences = new long[capacity];
  }
}

abstract class CaptureRingPadding1 extends CaptureRingFixedFields {
  @SuppressWarnings("unused")
  private long p10, p11, p12, p13, p14, p15, p16, p17;

  CaptureRingPadding1(int capacity) {
    super(capacity);
  }
}

abstract class CaptureRingProducerIndex extends CaptureRingPadding1 {
  // Claimed by producers with CAS; read by the consumer (acquire) to tell empty from not.
  volatile long producerIndex;

  CaptureRingProducerIndex(int capacity) {
    super(capacity);
  }
}

abstract class CaptureRingPadding2 extends CaptureRingProducerIndex {
  @SuppressWarnings("unused")
  private long p20, p21, p22, p23, p24, p25, p26, p27;

  CaptureRingPadding2(int capacity) {
    super(capacity);
  }
}

abstract class CaptureRingProducerLimit extends CaptureRingPadding2 {
  // A cached consumerIndex + capacity, so producers rarely read the consumer's line. Written
  // by producers (release) from an acquired consumerIndex and read by producers (acquire): the
  // chain carries the consumer's slot writes to a producer that never read consumerIndex
  // itself. A stale value only makes a producer re-read consumerIndex.
  volatile long producerLimit;

  CaptureRingProducerLimit(int capacity) {
    super(capacity);
  }
}

abstract class CaptureRingPadding3 extends CaptureRingProducerLimit {
  @SuppressWarnings("unused")
  private long p30, p31, p32, p33, p34, p35, p36, p37;

  CaptureRingPadding3(int capacity) {
    super(capacity);
  }
}

abstract class CaptureRingConsumerFields extends CaptureRingPadding3 {
  // Advanced by the consumer (release) once it has swapped a slot's capture out.
  volatile long consumerIndex;
  // Consumer-confined: whether the last drain stopped at a claimed but unpublished slot.
  boolean stoppedAtUnpublished;

  CaptureRingConsumerFields(int capacity) {
    super(capacity);
  }
}
