package dev.logbridge.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An exporter that keeps every record it is given, also after shutdown: the SDK's in-memory
 * exporter forgets its records when it shuts down, which is the moment shutdown-ordering tests
 * look at.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class CollectingExporter implements LogRecordExporter {
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

  /** Every record exported so far, in export order (a live, unmodifiable view). */
  public List<LogRecordData> records() {
    return Collections.unmodifiableList(records);
  }

  /** The bodies of every record exported so far, in export order; "" for a record without. */
  public List<String> bodies() {
    return records.stream()
        .map(r -> r.getBodyValue() == null ? "" : r.getBodyValue().asString())
        .collect(Collectors.toList());
  }
}
