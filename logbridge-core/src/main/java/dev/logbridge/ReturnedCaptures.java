package dev.logbridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where the pipeline thread returns a busy logging thread's captures once it has emitted and
 * cleared them, so that the thread's next records are written into captures still warm in a
 * cache instead of ones that waited a whole lap in the {@link CaptureRing}.
 *
 * <p>Why: the ring hands a producer back the capture its slot held, which the pipeline cleared
 * one lap ago ({@code capacity} records earlier: 8,192 by default, over a megabyte of captures).
 * Profiled at 1 M records/s, the caller's first touch of that capture was 30% of its time in
 * logbridge; with captures returned here, a thread mostly writes into one it had a few hundred
 * records ago (docs/BENCHMARKS.md, "Hot spares").
 *
 * <p>Algorithm: a bounded single-producer, single-consumer array queue whose empty slots are null
 * (as in FastFlow and JCTools' {@code SpscArrayQueue}): the pipeline thread, the only producer,
 * {@linkplain #offer offers} a cleared capture into the next slot if that slot is empty, with a
 * release store; the owning thread, the only consumer, {@linkplain #take takes} the next slot's
 * capture with an acquire load and empties the slot with a release store, which tells the
 * producer the slot may be reused. A full queue refuses the capture, which then goes back into
 * the ring as before; an empty one sends the owner to the ring's spare. Both sides are
 * wait-free.
 *
 * <p>The two sides' indexes live apart: the producer's in this object, the consumer's in the
 * owner's {@link CallerState} (padded, confined to that thread), which also keeps its own
 * reference to the slot array, so the owner never reads the line the pipeline writes its index
 * to.
 *
 * <p>Memory: only a few threads per bridge that log steadily get one ({@link
 * ReturnedCapturesQuota}, {@link CallerState}). It is as large as the bridge's ring, so that it
 * has room for every capture its thread can have in flight (a smaller one overflows into the
 * ring, and the captures that then travel to other threads end up made and dropped over and
 * over); the captures it holds are the ones the ring would otherwise hold, and are cleared (see
 * {@link CaptureSlot#clear()}). A thread that stops logging keeps its queue and what is in it (at
 * most what it once had in flight) until it ends or logs steadily through another bridge (a bridge
 * restarted, say). When its thread ends, the queue and the captures in it become
 * garbage together; a capture still in flight then keeps the queue reachable until it is emitted
 * and offered, once, into a queue nobody takes from.
 */
final class ReturnedCaptures {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(CaptureSlot[].class);

  // Slot i holds a cleared capture waiting for the owner, or null. Set (release) by the pipeline
  // thread only when null; read (acquire) and set back to null (release) by the owner only.
  private final CaptureSlot[] slots;
  // Pipeline thread only: the index of the next slot to fill.
  private long nextOffer;

  /** A queue of {@code capacity} slots, a power of two. */
  ReturnedCaptures(int capacity) {
    if (capacity < 1 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
    }
    this.slots = new CaptureSlot[capacity];
  }

  /** The slot array, for the owner to keep beside its own index (see {@link #take}). */
  CaptureSlot[] slots() {
    return slots;
  }

  /**
   * Puts {@code cleared} in the next slot and returns true, or returns false, changing nothing,
   * if the owner has not yet taken what the slot held. Pipeline thread only.
   */
  boolean offer(CaptureSlot cleared) {
    int slot = (int) nextOffer & (slots.length - 1);
    if (SLOT.getAcquire(slots, slot) != null) {
      return false;
    }
    SLOT.setRelease(slots, slot, cleared);
    nextOffer++;
    return true;
  }

  /**
   * Takes the capture in slot {@code index} (modulo the capacity) of {@code slots} (a queue's
   * {@link #slots()}), or returns null if the pipeline has not returned one there yet. The owner
   * only, which advances its index after each capture taken.
   */
  static CaptureSlot take(CaptureSlot[] slots, long index) {
    int slot = (int) index & (slots.length - 1);
    CaptureSlot capture = (CaptureSlot) SLOT.getAcquire(slots, slot);
    if (capture != null) {
      SLOT.setRelease(slots, slot, null);
    }
    return capture;
  }
}
