package dev.logbridge.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;

/**
 * A log exporter handed to a processor that must not close it: its shutdown is ignored, always
 * or once. Used where two processors share one exporter and only one of them may shut it down.
 *
 * <p>Thread-safety: thread-safe; everything else is delegated.
 */
final class ShieldedExporter implements LogRecordExporter {
  private final LogRecordExporter delegate;
  private final boolean always;
  // Set on the thread that arms the shield; read by whoever shuts the exporter down.
  private volatile boolean armed;

  private ShieldedExporter(LogRecordExporter delegate, boolean always) {
    this.delegate = delegate;
    this.always = always;
  }

  /** An exporter whose shutdown never reaches {@code delegate}. */
  static ShieldedExporter always(LogRecordExporter delegate) {
    return new ShieldedExporter(delegate, true);
  }

  /** An exporter that passes shutdown on, except once after {@link #ignoreNextShutdown()}. */
  static ShieldedExporter onRequest(LogRecordExporter delegate) {
    return new ShieldedExporter(delegate, false);
  }

  /** Makes the next shutdown a no-op. */
  void ignoreNextShutdown() {
    armed = true;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return delegate.export(logs);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (always) {
      return CompletableResultCode.ofSuccess();
    }
    if (armed) {
      armed = false;
      return CompletableResultCode.ofSuccess();
    }
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
