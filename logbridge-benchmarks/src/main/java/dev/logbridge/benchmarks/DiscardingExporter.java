package dev.logbridge.benchmarks;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/** An exporter that counts and discards, so benchmarks measure the bridge, not the network. */
final class DiscardingExporter implements LogRecordExporter {
  final LongAdder exported = new LongAdder();

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    exported.add(logs.size());
    return CompletableResultCode.ofSuccess();
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
