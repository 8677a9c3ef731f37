package example.hang;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A non-reentrant mutex in the style of the AbstractQueuedSynchronizer javadoc, as a hand-written logging handler
 * lock might be: a thread that acquires it twice waits for itself forever.
 *
 * <p>Thread-safe.
 */
public final class Mutex {
  private final Sync sync = new Sync();

  /** Acquires the mutex, uninterruptibly. */
  public void lock() {
    sync.acquire(1);
  }

  /** Acquires the mutex unless interrupted (lets tests clean up their stuck threads). */
  public void lockInterruptibly() throws InterruptedException {
    sync.acquireInterruptibly(1);
  }

  /** Records the owner, so the JVM lists it among the owner's ownable synchronizers. */
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
