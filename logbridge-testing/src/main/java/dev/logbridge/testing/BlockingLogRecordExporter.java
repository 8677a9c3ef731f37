package dev.logbridge.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An exporter whose {@code export()} blocks until {@link #release()} (or a safety timeout), like
 * a connection to a collector that hangs. {@link #awaitBlocked} tells when an export has started.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class BlockingLogRecordExporter implements LogRecordExporter {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final Duration safetyTimeout;

  /** Blocks each export until released, or for at most {@code safetyTimeout}. */
  public BlockingLogRecordExporter(Duration safetyTimeout) {
    this.safetyTimeout = safetyTimeout;
  }

  /** Waits until an export has started blocking; true if it did within {@code timeout}. */
  public boolean awaitBlocked(Duration timeout) throws InterruptedException {
    return entered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Lets every blocked and future export return. */
  public void release() {
    released.countDown();
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    entered.countDown();
    try {
      released.await(safetyTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    release();
    return CompletableResultCode.ofSuccess();
  }
}
