package dev.logbridge.internal;

import dev.logbridge.StatusListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread that drains a bridge's queue and emits its records, and the services it offers to
 * code running on it: an OpenTelemetry processor that exports on this thread (see {@code
 * dev.logbridge.PipelineBatchProcessor}) registers an {@link IdleTask} to send a partial batch
 * when the queue runs dry, and reports through the bridge's status channel.
 *
 * <p>Thread-safety: {@link #addIdleTask} and {@link #runIdleTasks} are confined to this thread
 * (they are called from code it runs); {@link #reportStatus} is thread-safe.
 */
public final class PipelineThread extends LogBridgeThread {
  /** Work to do whenever the pipeline finds its queue empty, and once more as it stops. */
  public interface IdleTask {
    /** Returned by a task that is finished for good: the pipeline forgets it. */
    long DONE = -1;

    /**
     * Runs the task. {@code stopping} is true on the pipeline's last run, before the thread
     * ends. Returns how many nanoseconds from {@code nowNanos} the task next wants to run,
     * {@link Long#MAX_VALUE} if it has nothing waiting, or {@link #DONE}.
     */
    long runWhenIdle(long nowNanos, boolean stopping);
  }

  private final StatusChannel status;
  // Confined to this thread: registered by code it runs, run by the pipeline loop.
  private final List<IdleTask> idleTasks = new ArrayList<>(2);
  /** No logbridge processor said anything about the record being emitted. */
  static final int EMIT_UNSEEN = 0;
  /** A logbridge processor took the record being emitted. */
  static final int EMIT_TAKEN = 1;
  /** A logbridge processor refused the record being emitted: it had shut down. */
  static final int EMIT_REFUSED = 2;

  // Confined to this thread: set by a logbridge processor inside emit(), read and reset by the
  // pipeline right after that emit() returns.
  private int emitOutcome = EMIT_UNSEEN;

  PipelineThread(Runnable loop, String name, StatusChannel status) {
    super(loop, name);
    this.status = status;
  }

  /** The current thread if it is a bridge's pipeline thread, else null. */
  public static PipelineThread current() {
    Thread thread = Thread.currentThread();
    return thread instanceof PipelineThread ? (PipelineThread) thread : null;
  }

  /** Registers {@code task} once (identity); call only from this thread. */
  public void addIdleTask(IdleTask task) {
    checkConfined();
    for (IdleTask registered : idleTasks) {
      if (registered == task) {
        return;
      }
    }
    idleTasks.add(task);
  }

  /**
   * Tells the pipeline that the record it is emitting now was refused because the processor has
   * shut down, so that it is counted as {@code sdk_shutdown} and not as emitted. Call only from
   * this thread, inside {@code emit()}.
   */
  public void refuseCurrentEmit() {
    checkConfined();
    emitOutcome = EMIT_REFUSED;
  }

  /**
   * Tells the pipeline that a logbridge processor took the record it is emitting now. With a
   * logbridge processor in the SDK, a record no processor took while the SDK shut down is one
   * the SDK dropped silently ({@code emit()} checks the shutdown flag itself). Call only from
   * this thread, inside {@code emit()}.
   */
  public void acknowledgeCurrentEmit() {
    emitOutcome = EMIT_TAKEN;
  }

  /** What a logbridge processor said about the last {@code emit()}; resets it. */
  int takeEmitOutcome() {
    int outcome = emitOutcome;
    if (outcome != EMIT_UNSEEN) {
      emitOutcome = EMIT_UNSEEN;
    }
    return outcome;
  }

  /** Reports through the bridge's rate-limited status channel. */
  public void reportStatus(StatusListener.Level level, String key, String message) {
    status.report(level, key, message);
  }

  /**
   * Runs every idle task, each contained: one that throws is reported and the others still run;
   * one that returns {@link IdleTask#DONE} is forgotten. Returns the nanoseconds until the
   * earliest task wants to run again.
   */
  long runIdleTasks(long nowNanos, boolean stopping) {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < idleTasks.size(); i++) {
      IdleTask task = idleTasks.get(i);
      try {
        long due = task.runWhenIdle(nowNanos, stopping);
        if (due == IdleTask.DONE) {
          idleTasks.remove(i--);
        } else {
          next = Math.min(next, due);
        }
      } catch (Throwable t) {
        status.report(StatusListener.Level.WARN, "idle_task",
            "logbridge pipeline idle task " + task + " failed: " + t);
      }
    }
    return next;
  }

  /** How many idle tasks are registered. Visible for testing. */
  int idleTaskCount() {
    return idleTasks.size();
  }

  private void checkConfined() {
    if (Thread.currentThread() != this) {
      throw new IllegalStateException("callable from the pipeline thread only");
    }
  }
}
