package dev.logbridge.demo;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A non-reentrant mutual-exclusion lock, the Java twin of Python's {@code threading.Lock}: a
 * thread that already holds it and asks again waits for itself forever.
 *
 * <p>Built on {@link AbstractQueuedSynchronizer} with the owner recorded, so that {@code
 * ThreadMXBean} and {@code jstack} name the owner of the lock a stuck thread waits on (a {@code
 * Semaphore} would hide it).
 *
 * <p>Thread-safety: thread-safe.
 */
final class NonReentrantMutex {
  private final Sync sync = new Sync();

  /** Waits, uninterruptibly and without limit, until the lock is free, then takes it. */
  void lock() {
    sync.acquire(1);
  }

  /** Releases the lock; only its owner may. */
  void unlock() {
    sync.release(1);
  }

  /** The synchronizer; its class name is what thread dumps show as the lock. */
  private static final class Sync extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean tryAcquire(int ignored) {
      if (compareAndSetState(0, 1)) {
        setExclusiveOwnerThread(Thread.currentThread());
        return true;
      }
      return false;
    }

    @Override
    protected boolean tryRelease(int ignored) {
      if (getExclusiveOwnerThread() != Thread.currentThread()) {
        throw new IllegalMonitorStateException("not the owner");
      }
      setExclusiveOwnerThread(null);
      setState(0);
      return true;
    }

    @Override
    protected boolean isHeldExclusively() {
      return getExclusiveOwnerThread() == Thread.currentThread();
    }
  }
}
