package dev.logbridge.demo;

import dev.logbridge.Bridge;
import dev.logbridge.receiver.ReceivedLogRecord;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts what the embedded collector received by content, without keeping the records: every
 * service log call names its request ({@link DemoRequest#ref()}, {@code #<thread>.<index>}) and
 * its phase (the body starts with "handling" for the first call of a request; "handled" or
 * "request failed" for the second), so each call has one slot; a slot filled twice is a
 * duplicate, a body naming no slot is unexpected. The watchdog's stall events (scope {@link
 * Bridge#DIAGNOSTIC_SCOPE}) are counted apart: they are accepted records, not log calls.
 *
 * <p>Thread-safety: thread-safe; the receiver's HTTP threads feed it concurrently. Each request
 * thread's slots are one {@link BitSet} guarded by its own lock, off the service's threads.
 */
final class DeliveryTally implements Consumer<List<ReceivedLogRecord>> {
  private final Map<Long, Slots> byThread = new ConcurrentHashMap<>();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder diagnostics = new LongAdder();

  /** The counts at one instant. */
  record Counts(long distinct, long duplicates, long unexpected, long diagnostics) {}

  private static final class Slots {
    final Object lock = new Object();
    final BitSet bits = new BitSet();
  }

  @Override
  public void accept(List<ReceivedLogRecord> records) {
    for (ReceivedLogRecord record : records) {
      if (Bridge.DIAGNOSTIC_SCOPE.equals(record.scopeName())) {
        diagnostics.increment();
      } else {
        count(record.body());
      }
    }
  }

  private void count(String body) {
    int hash = body == null ? -1 : body.indexOf('#');
    int dot = hash < 0 ? -1 : body.indexOf('.', hash);
    if (dot < 0) {
      unexpected.increment();
      return;
    }
    int end = dot + 1;
    while (end < body.length() && Character.isDigit(body.charAt(end))) {
      end++;
    }
    int phase = body.startsWith("handling ") ? 0 : 1;
    long thread;
    long index;
    try {
      thread = Long.parseLong(body, hash + 1, dot, 10);
      index = Long.parseLong(body, dot + 1, end, 10);
    } catch (NumberFormatException e) {
      unexpected.increment();
      return;
    }
    if (index > (Integer.MAX_VALUE - 1) / 2) {
      unexpected.increment();
      return;
    }
    int bit = (int) index * 2 + phase;
    Slots slots = byThread.computeIfAbsent(thread, t -> new Slots());
    boolean seen;
    synchronized (slots.lock) {
      seen = slots.bits.get(bit);
      slots.bits.set(bit);
    }
    if (seen) {
      duplicates.increment();
    }
  }

  /** The counts so far. */
  Counts counts() {
    long distinct = 0;
    for (Slots slots : byThread.values()) {
      synchronized (slots.lock) {
        distinct += slots.bits.cardinality();
      }
    }
    return new Counts(distinct, duplicates.sum(), unexpected.sum(), diagnostics.sum());
  }
}
