package dev.logbridge.spring.boot;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A log exporter that keeps every record, also after shutdown (the SDK's in-memory exporter
 * forgets them when it shuts down, which is exactly the moment these tests look at).
 *
 * <p>Thread-safety: thread-safe.
 */
final class CollectingExporter implements LogRecordExporter {
  private final List<LogRecordData> records = new CopyOnWriteArrayList<>();

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    records.addAll(logs);
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

  List<String> bodies() {
    return records.stream().map(r -> r.getBodyValue() == null ? "" : r.getBodyValue().asString())
        .collect(Collectors.toList());
  }
}
