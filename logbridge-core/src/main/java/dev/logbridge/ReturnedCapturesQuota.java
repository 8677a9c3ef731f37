package dev.logbridge;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How many logging threads of one bridge may have a {@link ReturnedCaptures} queue at once, and
 * how large each is; it bounds the memory that returning captures to their threads can hold.
 *
 * <p>Why a quota rather than a queue for every thread: a queue must be as large as its thread's
 * records in flight (up to the ring's capacity), or captures that find it full go back through
 * the ring to other threads, which then hold more captures than they need and leave the rest to
 * the collector (measured: with queues of 256 at 1 M records/s, 14 bytes per record of captures
 * made and dropped; with queues as large as the ring, none). A queue as large as the ring (up to
 * {@link #MAX_QUEUE_CAPACITY}) can hold as many captures as the ring, so only {@link #QUEUES}
 * threads per bridge get one; the others exchange captures through the ring as before.
 *
 * <p>A grant is held until its thread ends or {@linkplain #release releases} it; a thread that
 * asks when every grant is held by a live thread is refused and asks again later (see {@link
 * CallerState}).
 *
 * <p>Thread-safety: any thread; lock-free. Granting scans {@link #QUEUES} entries and runs once
 * per thread now and then, never on a log call's common path.
 */
final class ReturnedCapturesQuota {
  /** Threads per bridge that may have a queue at once. */
  static final int QUEUES = 8;

  // Loads ReturnedCaptures with the bridge (this class is loaded when its capture support is
  // built). Otherwise nothing loads it until some thread is granted a queue, the JIT compiles the
  // capture path without it, and the compiled code loads it in a deoptimisation trap on the first
  // logging thread to pass there: on JDK 25 a virtual thread loading a class is pinned to its
  // carrier (VirtualThreadsTest's JFR recording caught one, in CaptureSlot.returnTo).
  private static final Class<?> QUEUE_CLASS = ReturnedCaptures.class;

  private final int queueCapacity;
  // Entry i: the thread holding grant i (weakly, so an ended thread's grant is reclaimed), or
  // null. Set by compare-and-set from null or from a reference to an ended thread.
  private final AtomicReferenceArray<WeakReference<Thread>> holders =
      new AtomicReferenceArray<>(QUEUES);

  /**
   * The most slots a queue has (32 KB of references), whatever the ring's capacity: a ring may
   * be configured with up to 2^28 slots, and a thread with more records in flight than this has
   * only its surplus go back through the ring.
   */
  static final int MAX_QUEUE_CAPACITY = 8192;

  /** Queues as large as a ring of {@code ringCapacity} slots (a power of two), up to the cap. */
  ReturnedCapturesQuota(int ringCapacity) {
    this.queueCapacity = Math.min(ringCapacity, MAX_QUEUE_CAPACITY);
  }

  /** A queue for {@code thread}, or null if every grant is held by a live thread. */
  ReturnedCaptures tryGrant(Thread thread) {
    for (int i = 0; i < QUEUES; i++) {
      WeakReference<Thread> holder = holders.get(i);
      if (isFree(holder) && holders.compareAndSet(i, holder, new WeakReference<>(thread))) {
        return new ReturnedCaptures(queueCapacity);
      }
    }
    return null;
  }

  /** Gives back {@code thread}'s grant, if it holds one (a thread moving to another bridge). */
  void release(Thread thread) {
    for (int i = 0; i < QUEUES; i++) {
      WeakReference<Thread> holder = holders.get(i);
      if (holder != null && holder.get() == thread) {
        holders.compareAndSet(i, holder, null);
      }
    }
  }

  private static boolean isFree(WeakReference<Thread> holder) {
    if (holder == null) {
      return true;
    }
    Thread thread = holder.get();
    return thread == null || !thread.isAlive();
  }
}
