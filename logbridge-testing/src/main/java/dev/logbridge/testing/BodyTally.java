package dev.logbridge.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An exporter that checks, by content, that each of {@code threads × perThread} records arrives
 * exactly once, without keeping the records: bodies must be {@code "t<thread>-<index>"} (see
 * {@link #body}); each arrival increments that record's slot.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class BodyTally implements LogRecordExporter {
  private final int perThread;
  private final AtomicIntegerArray arrivals;
  private final AtomicLong unexpected = new AtomicLong();

  public BodyTally(int threads, int perThread) {
    this.perThread = perThread;
    this.arrivals = new AtomicIntegerArray(threads * perThread);
  }

  /** The body the record number {@code index} of thread {@code thread} must carry. */
  public static String body(int thread, int index) {
    return "t" + thread + "-" + index;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    for (LogRecordData log : logs) {
      count(log.getBodyValue() == null ? "" : log.getBodyValue().asString());
    }
    return CompletableResultCode.ofSuccess();
  }

  /**
   * Counts one arrival of a record with {@code body}, for records that come some other way than
   * through {@link #export} (a collector's listener, for example).
   */
  public void count(String body) {
    int slot = body == null ? -1 : slotOf(body);
    if (slot < 0) {
      unexpected.incrementAndGet();
    } else {
      arrivals.incrementAndGet(slot);
    }
  }

  private int slotOf(String body) {
    int dash = body.indexOf('-');
    if (!body.startsWith("t") || dash < 0) {
      return -1;
    }
    try {
      int thread = Integer.parseInt(body.substring(1, dash));
      int index = Integer.parseInt(body.substring(dash + 1));
      int slot = thread * perThread + index;
      return index < perThread && slot < arrivals.length() ? slot : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Records that arrived exactly once. */
  public long arrivedOnce() {
    return countSlots(1);
  }

  /** Records that never arrived. */
  public long missing() {
    return countSlots(0);
  }

  /** Records that arrived more than once. */
  public long duplicated() {
    long n = 0;
    for (int i = 0; i < arrivals.length(); i++) {
      if (arrivals.get(i) > 1) {
        n++;
      }
    }
    return n;
  }

  /**
   * Reconciles the calls ({@code threads × perThread}) with the arrivals counted here plus the
   * drops {@code stats} reports; see {@link Reconciliation}.
   */
  public Reconciliation reconcile(dev.logbridge.BridgeStats stats) {
    return reconcile(arrivals.length(), stats);
  }

  /**
   * As {@link #reconcile(dev.logbridge.BridgeStats)} for a load that made {@code calls} calls,
   * fewer than the slots (threads that stopped on a deadline); each call's body names a slot.
   */
  public Reconciliation reconcile(long calls, dev.logbridge.BridgeStats stats) {
    long distinct = 0;
    long extra = 0;
    for (int i = 0; i < arrivals.length(); i++) {
      int n = arrivals.get(i);
      if (n > 0) {
        distinct++;
        extra += n - 1;
      }
    }
    return Reconciliation.ofCounts(calls, distinct, extra, unexpected(), stats);
  }

  /** Whether a record with {@code body} arrived here (at least once). */
  public boolean arrived(String body) {
    int slot = body == null ? -1 : slotOf(body);
    return slot >= 0 && arrivals.get(slot) > 0;
  }

  /**
   * Records that arrived here but never at {@code other} (a tally of the same shape): for
   * example records a collector got that logbridge never emitted.
   */
  public long arrivedHereOnly(BodyTally other) {
    if (other.arrivals.length() != arrivals.length() || other.perThread != perThread) {
      throw new IllegalArgumentException("tallies of different shapes");
    }
    long n = 0;
    for (int i = 0; i < arrivals.length(); i++) {
      if (arrivals.get(i) > 0 && other.arrivals.get(i) == 0) {
        n++;
      }
    }
    return n;
  }

  /** Records whose body did not name a slot. */
  public long unexpected() {
    return unexpected.get();
  }

  private long countSlots(int arrivalsWanted) {
    long n = 0;
    for (int i = 0; i < arrivals.length(); i++) {
      if (arrivals.get(i) == arrivalsWanted) {
        n++;
      }
    }
    return n;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
