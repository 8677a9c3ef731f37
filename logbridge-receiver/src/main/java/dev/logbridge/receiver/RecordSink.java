package dev.logbridge.receiver;

import java.util.List;

/**
 * A destination for records as they are stored, besides memory: a JSONL file or a console.
 *
 * <p>Implementations are thread-safe: requests finish on several threads at once.
 */
interface RecordSink extends AutoCloseable {
  /** Writes {@code records}; never throws, a sink that fails reports it once and goes quiet. */
  void accept(List<ReceivedLogRecord> records);

  /** Flushes and releases the destination. */
  @Override
  void close();
}
