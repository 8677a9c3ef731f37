package dev.logbridge.sdk;

/**
 * What a log processor that logbridge knows can tell about records after logbridge handed them
 * on: how many its exports lost. Implemented by {@link PipelineBatchProcessor}, so
 * that the bridge's accounting can show loss behind the SDK's {@code emit()} beside its own.
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
interface ExportOutcomes {
  /** Records handed to the exporter whose export failed, threw or timed out, so far. */
  long failedRecords();

  /**
   * Records the processor took and has neither exported nor failed yet: queued, or in an export
   * that has not finished. At JVM exit, after the SDK's shutdown ran out of time, these are lost.
   */
  long unexportedRecords();
}
