package dev.logbridge.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded ring of the newest received records, with counts of everything that passed through.
 *
 * <p>Thread-safe. One lock guards the ring and its counters, so a snapshot of the records and the
 * counts is consistent; the lock is held only to copy references, never during I/O. Waiters for a
 * number of records are woken through a condition of that lock.
 */
final class RecordStore {
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();

  // All guarded by lock. The ring holds `size` records ending just before `next`.
  private final ReceivedLogRecord[] ring;
  private int next;
  private int size;
  private long received;
  private long evicted;

  RecordStore(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.ring = new ReceivedLogRecord[capacity];
  }

  int capacity() {
    return capacity;
  }

  /** Adds {@code records} in order, evicting the oldest when full. */
  void addAll(List<ReceivedLogRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (ReceivedLogRecord record : records) {
        ring[next] = record;
        next = (next + 1) % capacity;
        if (size == capacity) {
          evicted++;
        } else {
          size++;
        }
        received++;
      }
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Removes all records and zeroes the counters. */
  void clear() {
    lock.lock();
    try {
      java.util.Arrays.fill(ring, null);
      next = 0;
      size = 0;
      received = 0;
      evicted = 0;
    } finally {
      lock.unlock();
    }
  }

  /** Returns the records and counters as one consistent view. */
  View view() {
    lock.lock();
    try {
      return new View(copy(), received, evicted);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} records are kept, then returns them all, oldest first.
   *
   * @return the records, or {@code null} when the deadline passed first
   */
  List<ReceivedLogRecord> await(int count, Duration deadline) throws InterruptedException {
    long remaining = deadline.toNanos();
    lock.lock();
    try {
      while (size < count) {
        if (remaining <= 0) {
          return null;
        }
        remaining = grown.awaitNanos(remaining);
      }
      return copy();
    } finally {
      lock.unlock();
    }
  }

  private List<ReceivedLogRecord> copy() {
    List<ReceivedLogRecord> out = new ArrayList<>(size);
    int start = Math.floorMod(next - size, capacity);
    for (int i = 0; i < size; i++) {
      out.add(ring[(start + i) % capacity]);
    }
    return out;
  }

  /** The records (oldest first) and record counters at one instant. */
  static final class View {
    final List<ReceivedLogRecord> records;
    final long received;
    final long evicted;

    View(List<ReceivedLogRecord> records, long received, long evicted) {
      this.records = records;
      this.received = received;
      this.evicted = evicted;
    }
  }
}
