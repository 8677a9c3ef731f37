package dev.logbridge.internal;

import java.time.Duration;

/**
 * What an OpenTelemetry log processor can ask of the logbridge pipeline whose thread emits into
 * it: the hook between core's pipeline and {@code dev.logbridge.sdk.PipelineBatchProcessor}, which
 * exports on that thread. The processor sees the pipeline only through this interface, so the
 * SDK-specific code in {@code dev.logbridge.sdk} depends on the pipeline and not the other way
 * round.
 *
 * <p>Not API: may change without notice.
 *
 * <p>Thread-safety: {@link #current()}, {@link #drainLiveBeforeProviderShutdown} and {@link
 * #reportWarning} are thread-safe; the other methods are confined to the pipeline's own thread,
 * inside the {@code emit()} it is running.
 */
public interface PipelineHooks {
  /** The pipeline whose thread is calling, or null when the caller is not a pipeline thread. */
  static PipelineHooks current() {
    // The pipeline's thread is the hook itself (dev.logbridge.PipelineThread implements this).
    Thread thread = Thread.currentThread();
    return thread instanceof PipelineHooks ? (PipelineHooks) thread : null;
  }

  /**
   * Lets every live pipeline hand its queued records to OpenTelemetry before an SDK logger
   * provider shuts down, waiting at most {@code timeout} in all. Called by a log processor's
   * {@code shutdown()}, which the SDK calls while its provider still takes records.
   *
   * @return true if every pipeline drained in time
   */
  static boolean drainLiveBeforeProviderShutdown(Duration timeout) {
    return LivePipelines.drainBeforeProviderShutdown(timeout);
  }

  /** Work to do whenever the pipeline finds its queue empty, and once more as it stops. */
  interface IdleTask {
    /** Returned by a task that is finished for good: the pipeline forgets it. */
    long DONE = -1;

    /**
     * Runs the task. {@code stopping} is true on the pipeline's last run, before the thread
     * ends. Returns how many nanoseconds from {@code nowNanos} the task next wants to run,
     * {@link Long#MAX_VALUE} if it has nothing waiting, or {@link #DONE}.
     */
    long runWhenIdle(long nowNanos, boolean stopping);
  }

  /** Registers {@code task} once (identity); call only from the pipeline's thread. */
  void addIdleTask(IdleTask task);

  /**
   * Tells the pipeline that the record it is emitting now was refused because the processor has
   * shut down, so that it is counted as {@code sdk_shutdown} and not as emitted. Call only from
   * the pipeline's thread, inside {@code emit()}.
   */
  void refuseCurrentEmit();

  /**
   * Tells the pipeline that a logbridge processor took the record it is emitting now. With a
   * logbridge processor in the SDK, a record no processor took while the SDK shut down is one
   * the SDK dropped silently ({@code emit()} checks the shutdown flag itself). Call only from
   * the pipeline's thread, inside {@code emit()}.
   */
  void acknowledgeCurrentEmit();

  /**
   * Reports a warning through the bridge's rate-limited status channel (level {@code WARN}; a
   * level parameter would tie this package to the API's {@code StatusListener}).
   */
  void reportWarning(String key, String message);
}
