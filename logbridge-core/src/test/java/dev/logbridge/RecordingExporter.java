package dev.logbridge;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test exporter that records each export's thread, size, time and bodies and counts shutdowns,
 * then answers as told (success unless given an answer).
 */
final class RecordingExporter implements LogRecordExporter {
  private final Function<Collection<LogRecordData>, CompletableResultCode> answer;
  final List<String> exportThreads = new CopyOnWriteArrayList<>();
  final List<Integer> exportSizes = new CopyOnWriteArrayList<>();
  final List<Long> exportTimes = new CopyOnWriteArrayList<>();
  final List<String> exportedBodies = new CopyOnWriteArrayList<>();
  final List<String> exportedServiceNames = new CopyOnWriteArrayList<>();
  final AtomicInteger shutdowns = new AtomicInteger();

  RecordingExporter() {
    this(logs -> CompletableResultCode.ofSuccess());
  }

  RecordingExporter(Function<Collection<LogRecordData>, CompletableResultCode> answer) {
    this.answer = answer;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    exportTimes.add(System.nanoTime());
    exportThreads.add(Thread.currentThread().getName());
    exportSizes.add(logs.size());
    logs.forEach(log -> exportedBodies.add(log.getBodyValue().asString()));
    logs.forEach(
        log ->
            exportedServiceNames.add(
                log.getResource().getAttribute(AttributeKey.stringKey("service.name"))));
    return answer.apply(logs);
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdowns.incrementAndGet();
    return CompletableResultCode.ofSuccess();
  }

  List<String> threads() {
    return exportThreads;
  }

  List<Integer> sizes() {
    return exportSizes;
  }

  List<String> bodies() {
    return exportedBodies;
  }
}
