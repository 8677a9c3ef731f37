package dev.logbridge.benchmarks;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * EXPERIMENT, not a product: a batch processor that exports on the thread that emits, waiting for
 * each export. Behind logbridge only logbridge's pipeline thread emits, so the wait stops the
 * pipeline, never an application thread, and logbridge's own ring (counted when full) takes the
 * place of the SDK's 2,048-record batch queue, which drops silently while an export is in flight.
 * {@link EndToEndThroughput} runs it with {@code --logbridge-processor inline} to measure what
 * that design would deliver end to end. Never give it to an SDK that application threads emit
 * to: they would wait for the exporter.
 *
 * <p>Thread-safety: a lock serialises the emitting thread and flush callers.
 */
final class InlineBatchProcessor implements LogRecordProcessor {
  private static final long EXPORT_TIMEOUT_SECONDS = 30;

  private final LogRecordExporter exporter;
  private final int batchSize;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private List<LogRecordData> batch;
  // Records whose export failed or timed out. The harness reads the same losses from the
  // exporter's own metrics (*.exporter.exported{success=false}); this count is for tests.
  private final AtomicLong failed = new AtomicLong();

  InlineBatchProcessor(LogRecordExporter exporter, int batchSize) {
    this.exporter = exporter;
    this.batchSize = batchSize;
    this.batch = new ArrayList<>(batchSize);
  }

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    lock.lock();
    try {
      batch.add(logRecord.toLogRecordData());
      if (batch.size() >= batchSize) {
        exportBatch();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    lock.lock();
    try {
      exportBatch();
    } finally {
      lock.unlock();
    }
    return exporter.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    forceFlush().join(EXPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return exporter.shutdown();
  }

  long failedRecords() {
    return failed.get();
  }

  private void exportBatch() {
    if (batch.isEmpty()) {
      return;
    }
    List<LogRecordData> sending = batch;
    batch = new ArrayList<>(batchSize);
    CompletableResultCode result =
        exporter.export(sending).join(EXPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!result.isSuccess()) {
      failed.addAndGet(sending.size());
    }
  }
}
