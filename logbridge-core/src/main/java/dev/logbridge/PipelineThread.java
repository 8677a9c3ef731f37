package dev.logbridge;

import dev.logbridge.internal.PipelineHooks;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread that drains a bridge's queue and emits its records, and the services it offers to
 * code running on it ({@link PipelineHooks}): an OpenTelemetry processor that exports on this
 * thread (see {@code dev.logbridge.sdk.PipelineBatchProcessor}) registers an {@link IdleTask} to
 * send a partial batch when the queue runs dry, and reports through the bridge's status channel.
 *
 * <p>Thread-safety: {@link #addIdleTask} and {@link #runIdleTasks} are confined to this thread
 * (they are called from code it runs); {@link #reportStatus} is thread-safe.
 */
final class PipelineThread extends LogBridgeThread implements PipelineHooks {
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
  static PipelineThread current() {
    Thread thread = Thread.currentThread();
    return thread instanceof PipelineThread ? (PipelineThread) thread : null;
  }

  @Override
  public void addIdleTask(IdleTask task) {
    checkConfined();
    for (IdleTask registered : idleTasks) {
      if (registered == task) {
        return;
      }
    }
    idleTasks.add(task);
  }

  @Override
  public void refuseCurrentEmit() {
    checkConfined();
    emitOutcome = EMIT_REFUSED;
  }

  @Override
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

  @Override
  public void reportWarning(String key, String message) {
    status.report(StatusListener.Level.WARN, key, message);
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
        status.report(
            StatusListener.Level.WARN,
            "idle_task",
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
