package dev.logbridge.receiver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The receiver's current {@link Fault} and its random generator, deciding what each request gets.
 *
 * <p>Thread-safe. One lock guards the fault, the generator and the list of hung requests, so that
 * installing a fault that does not hang releases every request held by an earlier one, including one
 * that is deciding at that moment. Releases run outside the lock, because they write to sockets.
 */
final class FaultInjector {
  /** What to do with one request. */
  enum Kind {
    ACCEPT,
    ERROR,
    DROP,
    HANG
  }

  /** The decision for one request: what to do, after how long, and with which fault. */
  static final class Decision {
    final Kind kind;
    final long delayNanos;
    final Fault fault;

    Decision(Kind kind, long delayNanos, Fault fault) {
      this.kind = kind;
      this.delayNanos = delayNanos;
      this.fault = fault;
    }
  }

  private final Object lock = new Object();
  // All guarded by lock.
  private Fault fault = Fault.none();
  private Random random = new Random(fault.seed());
  private final List<Runnable> hung = new ArrayList<>();
  private boolean closed;

  Fault current() {
    synchronized (lock) {
      return fault;
    }
  }

  /** Installs {@code next}; when it does not hang, every held request is released. */
  void set(Fault next) {
    List<Runnable> released;
    synchronized (lock) {
      fault = next;
      random = new Random(next.seed());
      released = next.hangs() ? List.of() : drainHung();
    }
    released.forEach(Runnable::run);
  }

  /** Releases every held request and makes later decisions accept. */
  void close() {
    List<Runnable> released;
    synchronized (lock) {
      closed = true;
      released = drainHung();
    }
    released.forEach(Runnable::run);
  }

  /**
   * Decides what the next request gets. When it is {@link Kind#HANG}, {@code release} is kept and
   * run once the hang ends (fault changed or receiver closed).
   */
  Decision decide(Runnable release) {
    synchronized (lock) {
      if (closed) {
        return new Decision(Kind.ACCEPT, 0, fault);
      }
      if (fault.hangs()) {
        hung.add(release);
        return new Decision(Kind.HANG, 0, fault);
      }
      long delay = drawDelayNanos();
      if (fault.dropRate() > 0 && random.nextDouble() < fault.dropRate()) {
        return new Decision(Kind.DROP, delay, fault);
      }
      if (fault.errorRate() > 0 && random.nextDouble() < fault.errorRate()) {
        return new Decision(Kind.ERROR, delay, fault);
      }
      return new Decision(Kind.ACCEPT, delay, fault);
    }
  }

  private long drawDelayNanos() {
    long min = fault.minDelay().toNanos();
    long spread = fault.maxDelay().toNanos() - min;
    // Draw only when there is a range, so that a fixed delay does not shift the sequence of later
    // choices compared with the same fault without delay.
    return spread == 0 ? min : min + (long) (random.nextDouble() * (spread + 1));
  }

  private List<Runnable> drainHung() {
    List<Runnable> out = new ArrayList<>(hung);
    hung.clear();
    return out;
  }
}
