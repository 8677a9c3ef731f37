package dev.logbridge.demo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;

/**
 * A pull-only metric reader that reads what the OpenTelemetry SDK knows about its own log
 * pipeline: records its batch processor dropped, records its exporter failed to deliver, and
 * records still queued in the processor.
 *
 * <p>Why: the SDK's batch processor drops silently when its queue is full; the count exists only
 * as a metric, readable only when a MeterProvider is given. The demo gives it one (with the
 * semantic-convention instrument names, {@code InternalTelemetryVersion.LATEST}) and reads it
 * here, so the report can say where records went after logbridge handed them to the SDK.
 *
 * <p>Thread-safety: thread-safe; {@link #read()} may be called from any thread.
 */
final class SdkPipelineProbe implements MetricReader {
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final String PROCESSED = "otel.sdk.processor.log.processed";
  private static final String QUEUE_SIZE = "otel.sdk.processor.log.queue.size";
  private static final String EXPORTED = "otel.sdk.exporter.log.exported";

  // Set once by the SDK when the meter provider is built; read by any thread.
  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  /** What the SDK reported about its log pipeline so far. */
  Losses read() {
    long queueFull = 0;
    long otherProcessorDrops = 0;
    long exported = 0;
    long exportFailed = 0;
    long queued = 0;
    Collection<MetricData> metrics = registration.collectAllMetrics();
    for (MetricData metric : metrics) {
      for (LongPointData point : longPoints(metric)) {
        String error = point.getAttributes().get(ERROR_TYPE);
        switch (metric.getName()) {
          case PROCESSED:
            if ("queue_full".equals(error)) {
              queueFull += point.getValue();
            } else if (error != null) {
              otherProcessorDrops += point.getValue();
            }
            break;
          case EXPORTED:
            if (error == null) {
              exported += point.getValue();
            } else {
              exportFailed += point.getValue();
            }
            break;
          case QUEUE_SIZE:
            queued += point.getValue();
            break;
          default:
            break;
        }
      }
    }
    return new Losses(queueFull, otherProcessorDrops, exported, exportFailed, queued);
  }

  private static Collection<LongPointData> longPoints(MetricData metric) {
    if (metric.getType() == MetricDataType.LONG_SUM) {
      return metric.getLongSumData().getPoints();
    }
    if (metric.getType() == MetricDataType.LONG_GAUGE) {
      return metric.getLongGaugeData().getPoints();
    }
    return java.util.List.of();
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  /**
   * The SDK's own counts for its log pipeline.
   *
   * @param queueFull records the batch processor dropped because its queue was full
   * @param otherProcessorDrops records the processor dropped for another reason (after shutdown)
   * @param exported records the exporter reported as delivered
   * @param exportFailed records in exports that failed (timeout, error answer, refused)
   * @param queued records waiting in the processor's queue now
   */
  record Losses(
      long queueFull, long otherProcessorDrops, long exported, long exportFailed, long queued) {
    static final Losses NONE = new Losses(0, 0, 0, 0, 0);
  }
}
