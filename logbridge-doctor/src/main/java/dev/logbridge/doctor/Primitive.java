package dev.logbridge.doctor;

import java.util.List;

/**
 * The synchronisation primitive behind a wait, recognised from the lock's class and the waiter's frames, with
 * whether it can have an owner and what usually causes a wait on it that never ends.
 *
 * <p>Immutable and thread-safe.
 */
enum Primitive {
  MONITOR("monitor", true, "the owner holds the monitor while it waits or works"),
  REENTRANT_LOCK("ReentrantLock", true, "the owner holds the lock while it waits or works"),
  READ_WRITE_LOCK(
      "ReentrantReadWriteLock",
      true,
      "held in read mode by some thread(s); if a waiter itself holds the read lock and asks for the write"
          + " lock, it is a read-to-write upgrade, which never succeeds"),
  STAMPED_LOCK(
      "StampedLock",
      false,
      "StampedLock is not reentrant and records no owner: a thread that locks it twice waits for itself"),
  SYNCHRONIZER(
      "AbstractQueuedSynchronizer",
      true,
      "the owner holds the synchronizer while it waits or works"),
  SEMAPHORE(
      "Semaphore",
      false,
      "permits were acquired and never released (a permit leak), or the pool is too small"),
  COUNT_DOWN_LATCH(
      "CountDownLatch",
      false,
      "countDown() was never called often enough; the counting side failed"),
  BARRIER("CyclicBarrier/Phaser", false, "a party never arrived at the barrier"),
  QUEUE(
      "BlockingQueue",
      false,
      "a producer blocks on a full queue whose consumer is gone or stuck, or a consumer waits on an empty one"),
  CONDITION("Condition", false, "no thread signals this Condition"),
  COMPLETABLE_FUTURE(
      "CompletableFuture",
      false,
      "the future is never completed; its producer failed or is blocked"),
  FUTURE("Future", false, "the task behind the Future never finishes"),
  OBJECT_WAIT("Object.wait", false, "no thread calls notify()/notifyAll() on this monitor"),
  CLASS_INIT(
      "class initialisation",
      false,
      "another thread is initialising the class and is itself blocked"),
  PARK(
      "LockSupport.park",
      false,
      "parked without a blocker object; the thread that should unpark it is unknown");

  private final String displayName;
  private final boolean ownable;
  private final String likelyCause;

  Primitive(String displayName, boolean ownable, String likelyCause) {
    this.displayName = displayName;
    this.ownable = ownable;
    this.likelyCause = likelyCause;
  }

  String displayName() {
    return displayName;
  }

  /** Whether a thread can own this primitive, so an unknown owner is missing evidence rather than a fact. */
  boolean ownable() {
    return ownable;
  }

  String likelyCause() {
    return likelyCause;
  }

  /** Classifies a park blocker; the frames refine generic AQS classes (queues use Conditions underneath). */
  static Primitive ofParkBlocker(LockRef lock, List<StackFrame> frames) {
    String c = lock.className();
    if (c.contains("Semaphore")) {
      return SEMAPHORE;
    }
    if (c.contains("CountDownLatch")) {
      return COUNT_DOWN_LATCH;
    }
    if (c.contains("ReentrantReadWriteLock")) {
      return READ_WRITE_LOCK;
    }
    if (c.contains("StampedLock")) {
      return STAMPED_LOCK;
    }
    if (c.contains("ReentrantLock")) {
      return REENTRANT_LOCK;
    }
    if (c.contains("CompletableFuture")) {
      return COMPLETABLE_FUTURE;
    }
    if (c.contains("FutureTask") || c.contains("Future")) {
      return FUTURE;
    }
    if (c.contains("ConditionObject")) {
      return hasFrame(frames, "CyclicBarrier", "Phaser")
          ? BARRIER
          : hasFrame(frames, "BlockingQueue", "BlockingDeque", "TransferQueue") ? QUEUE : CONDITION;
    }
    if (c.contains("Phaser") || c.contains("CyclicBarrier")) {
      return BARRIER;
    }
    if (c.contains("SynchronousQueue") || c.contains("TransferQueue") || c.contains("Exchanger")) {
      return QUEUE;
    }
    return SYNCHRONIZER;
  }

  private static boolean hasFrame(List<StackFrame> frames, String... classFragments) {
    for (StackFrame f : frames) {
      for (String fragment : classFragments) {
        if (f.className().contains(fragment)) {
          return true;
        }
      }
    }
    return false;
  }
}
