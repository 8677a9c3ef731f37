package dev.logbridge.receiver;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The receiver's request counters (the record counters live in {@link RecordStore}).
 *
 * <p>Thread-safe: written by the HTTP and scheduler threads, read by anyone. Each counter is a
 * {@link LongAdder}, so increments never block; a reading may be one request behind another.
 */
final class Counters {
  final LongAdder requests = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder recordsRejected = new LongAdder();
  final LongAdder delayed = new LongAdder();
  final LongAdder errored = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder hung = new LongAdder();
  private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

  void responded(int status) {
    byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  void reset() {
    for (LongAdder adder :
        new LongAdder[] {
          requests, bytesReceived, recordsRejected, delayed, errored, dropped, hung
        }) {
      adder.reset();
    }
    byStatus.clear();
  }

  ReceiverStats stats(RecordStore.View view) {
    Map<Integer, Long> statuses = new HashMap<>();
    byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
    return new ReceiverStats(
        requests.sum(),
        bytesReceived.sum(),
        view.received,
        view.records.size(),
        view.evicted,
        recordsRejected.sum(),
        statuses,
        delayed.sum(),
        errored.sum(),
        dropped.sum(),
        hung.sum());
  }
}
