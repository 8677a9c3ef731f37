package com.example.boot4;

import dev.logbridge.testing.CollectingExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A collecting exporter whose export of the record with body {@link #GATE} waits until {@link
 * #open()} (30 s at most), so that a test can hold logbridge's pipeline thread and fill its queue.
 *
 * <p>Thread-safety: thread-safe.
 */
final class GatedExporter implements LogRecordExporter {
  static final String GATE = "this record holds the exporter";
  private final CollectingExporter records = new CollectingExporter();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    CompletableResultCode result = records.export(logs);
    for (LogRecordData log : logs) {
      if (log.getBodyValue() != null && GATE.equals(log.getBodyValue().asString())) {
        entered.countDown();
        try {
          opened.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return result;
  }

  /** Waits until an export holds the gate record; false after {@code seconds}. */
  boolean awaitHeld(long seconds) throws InterruptedException {
    return entered.await(seconds, TimeUnit.SECONDS);
  }

  void open() {
    opened.countDown();
  }

  CollectingExporter collected() {
    return records;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    open();
    return CompletableResultCode.ofSuccess();
  }
}
