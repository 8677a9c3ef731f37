package dev.logbridge;

import dev.logbridge.StatusListener.Level;

/**
 * Turns growing drop counters and captured failures into rate-limited status messages.
 *
 * <p>Logging threads only increment counters and publish the last failure they saw; the pipeline
 * thread calls {@link #report()} between batches, so all status I/O happens on that thread.
 * Self-originated records are expected (they are the feedback loop being cut) and are not
 * reported; every other reason is.
 *
 * <p>Thread-safety: {@link #report()} and {@link #emitFailed} on the pipeline thread only;
 * {@link #captureFailed} on any thread.
 */
final class CounterReporter {
  private static final DropReason[] REPORTED = {
    DropReason.QUEUE_FULL, DropReason.PRE_INSTALL_OVERFLOW, DropReason.RECURSION,
    DropReason.CAPTURE_ERROR, DropReason.EMIT_ERROR, DropReason.SHUTDOWN,
    DropReason.SDK_SHUTDOWN
  };

  private final Accounting accounting;
  private final StatusChannel status;
  private final int capacity;
  // Pipeline thread only: the counts already reported, by DropReason ordinal.
  private final long[] reported = new long[DropReason.values().length];
  // Written by the pipeline thread, read by report().
  private Throwable lastEmitFailure;
  // Written by any logging thread; read by the pipeline thread. The latest one wins.
  private volatile Throwable lastCaptureFailure;

  CounterReporter(Accounting accounting, StatusChannel status, int capacity) {
    this.accounting = accounting;
    this.status = status;
    this.capacity = capacity;
  }

  void emitFailed(Throwable t) {
    lastEmitFailure = t;
  }

  /** Remembers a capture failure for the next report; no I/O, safe on a logging thread. */
  public void captureFailed(Throwable t) {
    lastCaptureFailure = t;
  }

  void report() {
    for (DropReason reason : REPORTED) {
      long now = accounting.droppedSoFar(reason);
      long delta = now - reported[reason.ordinal()];
      if (delta > 0
          && status.report(levelOf(reason), reason.metricName(), message(reason, delta, now))) {
        reported[reason.ordinal()] = now;
      }
    }
  }

  private static Level levelOf(DropReason reason) {
    return reason == DropReason.SHUTDOWN ? Level.INFO : Level.WARN;
  }

  private String message(DropReason reason, long delta, long total) {
    String counts = delta + " record(s) (" + total + " in total)";
    switch (reason) {
      case QUEUE_FULL:
        return "dropped "
            + counts
            + ": the queue (capacity "
            + capacity
            + ") was full; "
            + "the exporter is slower than the application logs";
      case PRE_INSTALL_OVERFLOW:
        return "dropped "
            + counts
            + ": the queue (capacity "
            + capacity
            + ") filled up before "
            + "an OpenTelemetry instance was available (LogBridge.install, GlobalOpenTelemetry "
            + "or autoconfigure)";
      case RECURSION:
        return "blocked "
            + counts
            + " logged while logbridge was capturing another record "
            + "(a toString() or context value that logs?)";
      case CAPTURE_ERROR:
        return "could not capture " + counts + ": " + lastCaptureFailure;
      case EMIT_ERROR:
        return "OpenTelemetry emit() failed for " + counts + ": " + lastEmitFailure;
      case SDK_SHUTDOWN:
        return "dropped "
            + counts
            + ": the OpenTelemetry SDK's logger provider was shut down "
            + "before logbridge handed them on. Shut the SDK down after logging stops (call "
            + "LogBridge.shutdown first), or give the SDK logbridge's PipelineBatchProcessor, "
            + "whose shutdown drains logbridge's queue first";
      default:
        return "dropped " + counts + " logged after shutdown began";
    }
  }
}
