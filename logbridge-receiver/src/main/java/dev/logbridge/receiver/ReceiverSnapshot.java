package dev.logbridge.receiver;

import java.util.List;

/**
 * The records a receiver keeps and its counters, taken together.
 *
 * <p>Immutable and thread-safe. The record list and the record counters in {@code stats} are taken
 * atomically with respect to each other; the list is ordered oldest first.
 *
 * @param records the retained records, oldest first
 * @param stats the counters
 */
public record ReceiverSnapshot(List<ReceivedLogRecord> records, ReceiverStats stats) {

  /** Creates a snapshot; the list is copied. */
  public ReceiverSnapshot {
    records = List.copyOf(records);
  }
}
