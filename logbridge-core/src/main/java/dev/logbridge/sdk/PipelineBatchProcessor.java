package dev.logbridge.sdk;

import dev.logbridge.Bridge;
import dev.logbridge.DropReason;
import dev.logbridge.internal.PipelineHooks;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An OpenTelemetry log processor that batches logbridge's records and exports them on
 * logbridge's own pipeline thread, so that logbridge's bounded, counted queue is the only queue
 * between a log call and the exporter. The recommended processor behind logbridge.
 *
 * <p>Why: the SDK's {@link BatchLogRecordProcessor} puts a second queue (2,048 records) and a
 * second thread behind logbridge's. While its worker waits for an export, that queue fills in a
 * few milliseconds at high rates and drops the overflow, visible only as a metric. This processor
 * instead exports each full batch on the pipeline thread and waits for the result; while it
 * waits, records collect in logbridge's queue (8,192 by default), which tells a full queue apart
 * as {@link DropReason#QUEUE_FULL} in {@link Bridge#stats()}. Application threads never wait:
 * they only ever offer to logbridge's queue.
 *
 * <p>How:
 * <ul>
 *   <li>Records emitted on a logbridge pipeline thread join the current batch; a batch of {@code
 *       maxExportBatchSize} records is exported at once, on that thread, which waits for the
 *       export up to {@code exporterTimeout}.
 *   <li>Whenever the pipeline finds its queue empty it lets this processor export a partial
 *       batch whose oldest record has waited {@code scheduleDelay}, and wakes in time for it; as
 *       the pipeline stops, any partial batch is exported.
 *   <li>Records emitted on any other thread (the application using the Logs API directly, the
 *       OpenTelemetry Java agent's own bridges) go to an SDK {@link BatchLogRecordProcessor}
 *       over the same exporter, with the SDK's defaults, created on the first such record, so
 *       no foreign thread ever waits for an export.
 *   <li>{@link #forceFlush()} (which {@link Bridge#flush(Duration)} calls through the SDK) sends
 *       the partial batch from the calling thread and completes when it, any export in flight
 *       and the foreign processor's flush are done.
 *   <li>Records whose export fails or times out, and records emitted after {@link #shutdown()},
 *       are counted ({@link #failedRecords()}, {@link #droppedAfterShutdown()}) and reported,
 *       rate-limited, on the bridge's status channel.
 * </ul>
 *
 * <p>Use it as the logger provider's only processor for logbridge's records:
 * <pre>{@code
 * SdkLoggerProvider.builder()
 *     .addLogRecordProcessor(PipelineBatchProcessor.builder(otlpExporter).build())
 * }</pre>
 *
 * <p>Thread-safety: thread-safe. A lock guards the current batch and the exports in flight; it
 * is held only to add or take records, never during an export.
 *
 * @since 0.1
 */
public final class PipelineBatchProcessor implements LogRecordProcessor, ExportOutcomes {
  static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
  static final int DEFAULT_MAX_CONCURRENT_EXPORTS = 2;
  static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofSeconds(1);
  static final Duration DEFAULT_EXPORTER_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_SHUTDOWN_DRAIN_TIMEOUT = Duration.ofSeconds(5);
  // A pipeline asked to wake "now" for a batch would spin; it wakes this much later at least.
  private static final long MIN_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final LogRecordExporter exporter;
  private final int maxExportBatchSize;
  private final int maxConcurrentExports;
  private final long scheduleDelayNanos;
  private final long exporterTimeoutNanos;
  private final Duration shutdownDrainTimeout;
  private final MeterProvider foreignMeterProvider;
  private final PipelineHooks.IdleTask idleTask = this::exportIfDue;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock: the batch being filled and when its first record arrived, and every batch
  // taken from it whose records are not counted yet, oldest first — from the moment it is
  // taken, so that forceFlush waits for it even before its export starts. The exports a
  // pipeline thread has in flight are the started ones among these it took.
  private List<LogRecordData> pending;
  private long oldestPendingNanos;
  private final List<CountedExport> unsettled = new ArrayList<>();

  // Written once (CAS) by the first foreign emitter; read by everyone.
  private final AtomicReference<BatchLogRecordProcessor> foreign = new AtomicReference<>();
  // Written once by the first shutdown() call, which then drains logbridge's pipelines.
  private final AtomicBoolean shutdownCalled = new AtomicBoolean();
  // Written by shutdown() after that drain, read by emitters.
  private final AtomicBoolean shutdown = new AtomicBoolean();
  // Written by pipeline threads as they emit; read when reporting from other threads. A stale
  // value only sends a report to an older bridge's status channel.
  private volatile PipelineHooks lastPipeline;

  private final LongAdder taken = new LongAdder();
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder afterShutdown = new LongAdder();
  private final LongAdder foreignRecords = new LongAdder();

  private PipelineBatchProcessor(Builder builder) {
    this.exporter = builder.exporter;
    this.maxExportBatchSize = builder.maxExportBatchSize;
    this.maxConcurrentExports = builder.maxConcurrentExports;
    this.scheduleDelayNanos = builder.scheduleDelay.toNanos();
    this.exporterTimeoutNanos = builder.exporterTimeout.toNanos();
    this.shutdownDrainTimeout = builder.shutdownDrainTimeout;
    this.foreignMeterProvider = builder.foreignMeterProvider;
    this.pending = new ArrayList<>(maxExportBatchSize);
  }

  /** A builder for a processor over {@code exporter}. */
  public static Builder builder(LogRecordExporter exporter) {
    return new Builder(exporter);
  }

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    PipelineHooks pipeline = PipelineHooks.current();
    if (shutdown.get()) {
      refuseAfterShutdown(pipeline);
      return;
    }
    if (pipeline == null) {
      foreignRecords.increment();
      foreignProcessor().onEmit(context, logRecord);
      return;
    }
    if (lastPipeline != pipeline) {
      lastPipeline = pipeline;
    }
    pipeline.addIdleTask(idleTask);
    LogRecordData data = logRecord.toLogRecordData();
    CountedExport full = null;
    lock.lock();
    try {
      if (shutdown.get()) {
        // Shut down between the check above and here: forceFlush has taken the last batch.
        refuseAfterShutdown(pipeline);
        return;
      }
      if (pending.isEmpty()) {
        oldestPendingNanos = System.nanoTime();
      }
      pending.add(data);
      taken.increment();
      pipeline.acknowledgeCurrentEmit();
      if (pending.size() >= maxExportBatchSize) {
        full = takePending(true);
      }
    } finally {
      lock.unlock();
    }
    if (full != null) {
      exportFromPipeline(full);
    }
  }

  /** Counts a record emitted after shutdown, and tells a pipeline emitting it not to count it. */
  private void refuseAfterShutdown(PipelineHooks pipeline) {
    afterShutdown.increment();
    if (pipeline != null) {
      pipeline.refuseCurrentEmit();
    }
  }

  /**
   * The pipeline's idle task: exports a partial batch that has waited long enough. Once this
   * processor is shut down and holds nothing, it asks the pipeline to forget it.
   */
  private long exportIfDue(long nowNanos, boolean stopping) {
    CountedExport due = null;
    long next = Long.MAX_VALUE;
    lock.lock();
    try {
      if (shutdown.get() && pending.isEmpty()) {
        return PipelineHooks.IdleTask.DONE;
      }
      long waited = nowNanos - oldestPendingNanos;
      if (!pending.isEmpty() && (stopping || waited >= scheduleDelayNanos)) {
        due = takePending(true);
      } else if (!pending.isEmpty()) {
        next = Math.max(MIN_WAKE_NANOS, scheduleDelayNanos - waited);
      }
    } finally {
      lock.unlock();
    }
    if (due != null) {
      exportFromPipeline(due);
    }
    if (stopping) {
      awaitPipelineExports(0);
    }
    return next;
  }

  /**
   * Exports the partial batch from the calling thread and completes when it, every export in
   * flight and the foreign records' processor are done. Never waits itself.
   */
  @Override
  public CompletableResultCode forceFlush() {
    CountedExport partial;
    List<CompletableResultCode> waitFor = new ArrayList<>();
    lock.lock();
    try {
      partial = pending.isEmpty() ? null : takePending(false);
      for (CountedExport export : unsettled) {
        waitFor.add(export.settled);
      }
    } finally {
      lock.unlock();
    }
    if (partial != null) {
      start(partial);
    }
    BatchLogRecordProcessor foreignProcessor = foreign.get();
    if (foreignProcessor != null) {
      waitFor.add(foreignProcessor.forceFlush());
    }
    return CompletableResultCode.ofAll(waitFor);
  }

  /**
   * Lets logbridge's pipelines hand on what they hold (waiting up to the {@linkplain
   * Builder#setShutdownDrainTimeout drain timeout}), then stops taking records, flushes, and
   * shuts the exporter down. Records emitted from then on are counted as {@link
   * #droppedAfterShutdown()}, and by the bridge as {@link DropReason#SDK_SHUTDOWN}.
   *
   * <p>The drain is what makes closing the SDK at the end of {@code main}, or a framework
   * destroying the SDK before logging stops, deliver every record logged before: the SDK calls
   * this while its provider still takes records, so the pipeline's emits still arrive here.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (!shutdownCalled.compareAndSet(false, true)) {
      return CompletableResultCode.ofSuccess();
    }
    if (!PipelineHooks.drainLiveBeforeProviderShutdown(shutdownDrainTimeout)) {
      report(
          "shutdown_drain",
          "logbridge's queue did not drain within "
              + shutdownDrainTimeout
              + " as the OpenTelemetry SDK shut down; what it still holds is counted as "
              + "sdk_shutdown");
    }
    shutdown.set(true);
    CompletableResultCode result = new CompletableResultCode();
    CompletableResultCode flushed = forceFlush();
    flushed.whenComplete(
        () -> {
          List<CompletableResultCode> closing = new ArrayList<>(2);
          BatchLogRecordProcessor foreignProcessor = foreign.get();
          if (foreignProcessor != null) {
            closing.add(foreignProcessor.shutdown());
          }
          closing.add(exporter.shutdown());
          CompletableResultCode.ofAll(closing)
              .whenComplete(
                  () -> {
                    if (flushed.isSuccess()
                        && closing.stream().allMatch(CompletableResultCode::isSuccess)) {
                      result.succeed();
                    } else {
                      result.fail();
                    }
                  });
        });
    return result;
  }

  /** Records the exporter accepted. */
  public long exportedRecords() {
    return exported.sum();
  }

  /** Records whose export failed, threw or timed out. */
  @Override
  public long failedRecords() {
    return failed.sum();
  }

  /**
   * Records taken and neither exported nor failed yet. Read without a lock, it may lag one
   * batch's completion by a moment; it never counts a record twice.
   */
  @Override
  public long unexportedRecords() {
    // Outcomes first: a record counted as exported or failed was taken before it.
    long done = exported.sum() + failed.sum();
    return Math.max(0, taken.sum() - done);
  }

  /** Records emitted after {@link #shutdown()}, not exported. */
  public long droppedAfterShutdown() {
    return afterShutdown.sum();
  }

  /** Records emitted on threads other than logbridge's, handed to the SDK batch processor. */
  public long foreignRecords() {
    return foreignRecords.sum();
  }

  @Override
  public String toString() {
    return "PipelineBatchProcessor{exporter="
        + exporter
        + ", maxExportBatchSize="
        + maxExportBatchSize
        + ", maxConcurrentExports="
        + maxConcurrentExports
        + ", scheduleDelay="
        + Duration.ofNanos(scheduleDelayNanos)
        + ", exporterTimeout="
        + Duration.ofNanos(exporterTimeoutNanos)
        + ", shutdownDrainTimeout="
        + shutdownDrainTimeout
        + "}";
  }

  // Called with the lock held.
  private CountedExport takePending(boolean byPipeline) {
    CountedExport taken = new CountedExport(pending, byPipeline);
    pending = new ArrayList<>(maxExportBatchSize);
    unsettled.add(taken);
    return taken;
  }

  /**
   * On a pipeline thread: waits (each up to its exporter timeout) until fewer than {@code
   * maxConcurrentExports} of its exports are in flight, then starts {@code export}. This wait is
   * the back-pressure: meanwhile records collect in logbridge's counted queue.
   */
  private void exportFromPipeline(CountedExport export) {
    awaitPipelineExports(maxConcurrentExports - 1);
    start(export);
  }

  /** Waits, oldest first, until at most {@code limit} pipeline exports are in flight. */
  private void awaitPipelineExports(int limit) {
    while (true) {
      CountedExport oldest = null;
      int inFlight = 0;
      lock.lock();
      try {
        for (CountedExport export : unsettled) {
          if (export.byPipeline && export.result != null) {
            oldest = oldest == null ? export : oldest;
            inFlight++;
          }
        }
      } finally {
        lock.unlock();
      }
      if (inFlight <= limit) {
        return;
      }
      long left = oldest.startedNanos + exporterTimeoutNanos - System.nanoTime();
      oldest.result.join(Math.max(0, left), TimeUnit.NANOSECONDS);
      // An export that ended is counted by its own completion callback.
      if (!oldest.result.isDone() && oldest.settle(false)) {
        report(
            "export_timeout",
            "an export of "
                + oldest.size
                + " records did not finish within "
                + Duration.ofNanos(exporterTimeoutNanos)
                + "; counted as failed, the pipeline goes on");
      }
    }
  }

  /** Starts {@code export}; its records are counted once, as exported or failed. */
  private void start(CountedExport export) {
    export.startedNanos = System.nanoTime();
    CompletableResultCode result;
    try {
      result =
          Objects.requireNonNull(exporter.export(export.records), "the exporter returned null");
    } catch (Throwable t) {
      // Reported with the cause below, like any other failed export.
      result = CompletableResultCode.ofExceptionalFailure(t);
    }
    export.result = result;
    CompletableResultCode ended = result;
    ended.whenComplete(
        () -> {
          if (export.settle(ended.isSuccess()) && !ended.isSuccess()) {
            Throwable cause = ended.getFailureThrowable();
            report(
                "export_failed",
                "an export of "
                    + export.size
                    + " records failed"
                    + (cause != null ? ": " + cause : ""));
          }
        });
  }

  /**
   * One export and whether its records have been counted: when it ends, or, as failed, when a
   * pipeline thread gives up waiting for it.
   */
  private final class CountedExport {
    final List<LogRecordData> records;
    final int size;
    // Taken by a pipeline thread (which waits for it), or by forceFlush (which does not).
    final boolean byPipeline;
    // Completed once the records are counted; what forceFlush waits for.
    final CompletableResultCode settled = new CompletableResultCode();
    // Written by the starting thread, startedNanos before result; null until the export starts.
    long startedNanos;
    volatile CompletableResultCode result;

    CountedExport(List<LogRecordData> records, boolean byPipeline) {
      this.records = records;
      this.size = records.size();
      this.byPipeline = byPipeline;
    }

    /** Counts the records once; returns false if they were counted already. */
    boolean settle(boolean success) {
      lock.lock();
      try {
        if (settled.isDone()) {
          return false;
        }
        unsettled.remove(this);
      } finally {
        lock.unlock();
      }
      (success ? exported : failed).add(size);
      settled.succeed();
      return true;
    }
  }

  private BatchLogRecordProcessor foreignProcessor() {
    BatchLogRecordProcessor existing = foreign.get();
    if (existing != null) {
      return existing;
    }
    BatchLogRecordProcessorBuilder builder =
        // The exporter is shared: we shut it down, not the foreign records' processor.
        BatchLogRecordProcessor.builder(ShieldedExporter.always(exporter));
    if (foreignMeterProvider != null) {
      // The MeterProvider overload: the Supplier one is absent before SDK 1.58.0.
      builder.setMeterProvider(foreignMeterProvider);
      if (!OpenTelemetrySdkSupport.useSemanticConventionMetrics(builder)) {
        report(
            "foreign_metrics",
            "OpenTelemetry SDK "
                + OpenTelemetrySdkSupport.sdkVersion()
                + " predates semantic-convention processor metrics (1.58.0): the processor for"
                + " records from other threads reports its drops as processedLogs{dropped=true}");
      }
    }
    BatchLogRecordProcessor created = builder.build();
    if (!foreign.compareAndSet(null, created)) {
      created.shutdown();
      return foreign.get();
    }
    if (shutdown.get()) {
      // Created while shutdown() ran: it may have missed this one, so close it here.
      created.shutdown();
    }
    return created;
  }

  private void report(String key, String message) {
    PipelineHooks pipeline = lastPipeline;
    if (pipeline != null) {
      pipeline.reportWarning(key, "PipelineBatchProcessor: " + message);
    }
  }

  /**
   * Builds a {@link PipelineBatchProcessor}; each setter validates its value.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {
    private final LogRecordExporter exporter;
    private int maxExportBatchSize = DEFAULT_MAX_EXPORT_BATCH_SIZE;
    private int maxConcurrentExports = DEFAULT_MAX_CONCURRENT_EXPORTS;
    private MeterProvider foreignMeterProvider;
    private Duration scheduleDelay = DEFAULT_SCHEDULE_DELAY;
    private Duration exporterTimeout = DEFAULT_EXPORTER_TIMEOUT;
    private Duration shutdownDrainTimeout = DEFAULT_SHUTDOWN_DRAIN_TIMEOUT;

    private Builder(LogRecordExporter exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
    }

    /** Records per export (default 512, as the SDK's batch processor). */
    public Builder setMaxExportBatchSize(int maxExportBatchSize) {
      if (maxExportBatchSize < 1) {
        throw new IllegalArgumentException(
            "maxExportBatchSize must be at least 1, got " + maxExportBatchSize);
      }
      this.maxExportBatchSize = maxExportBatchSize;
      return this;
    }

    /**
     * Exports a pipeline thread may have in flight before it waits for the oldest (default 2:
     * the next batch is translated while the previous one is on the wire).
     */
    public Builder setMaxConcurrentExports(int maxConcurrentExports) {
      if (maxConcurrentExports < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentExports must be at least 1, got " + maxConcurrentExports);
      }
      this.maxConcurrentExports = maxConcurrentExports;
      return this;
    }

    /**
     * The meter provider of the SDK batch processor that takes records emitted on other threads,
     * so that what it drops when full is counted, under the semantic-convention names ({@code
     * otel.sdk.processor.log.processed} with {@code error.type=queue_full}); an SDK older than
     * 1.58.0 uses its legacy names ({@code processedLogs} with {@code dropped=true}) and a status
     * warning says so.
     */
    public Builder setForeignRecordsMeterProvider(MeterProvider meterProvider) {
      this.foreignMeterProvider = Objects.requireNonNull(meterProvider, "meterProvider");
      return this;
    }

    /** How long a partial batch may wait for more records (default 1 s, as the SDK's). */
    public Builder setScheduleDelay(Duration scheduleDelay) {
      this.scheduleDelay = positive(scheduleDelay, "scheduleDelay");
      return this;
    }

    /** How long the pipeline waits for one export (default 30 s, as the SDK's). */
    public Builder setExporterTimeout(Duration exporterTimeout) {
      this.exporterTimeout = positive(exporterTimeout, "exporterTimeout");
      return this;
    }

    /**
     * How long {@link PipelineBatchProcessor#shutdown()} waits for logbridge's queue to be handed
     * to the SDK before it stops taking records (default 5 s; the SDK's {@code close()} waits
     * 10 s for the whole shutdown).
     */
    public Builder setShutdownDrainTimeout(Duration shutdownDrainTimeout) {
      this.shutdownDrainTimeout = positive(shutdownDrainTimeout, "shutdownDrainTimeout");
      return this;
    }

    public PipelineBatchProcessor build() {
      return new PipelineBatchProcessor(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
