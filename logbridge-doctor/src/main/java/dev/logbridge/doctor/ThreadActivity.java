package dev.logbridge.doctor;

import java.util.List;

/**
 * Describes in a few words what a thread is doing, for verdicts such as "held by `worker-3`, which is in
 * `Socket$SocketOutputStream.write` (blocking I/O)"; also recognises threads that are idle by design.
 *
 * <p>Stateless and thread-safe.
 */
final class ThreadActivity {
  private static final List<String> IO_PREFIXES =
      List.of(
          "java.net.",
          "sun.nio.ch.",
          "java.nio.channels.",
          "java.io.FileInputStream",
          "java.io.FileOutputStream",
          "java.io.RandomAccessFile",
          "sun.nio.fs.",
          "jdk.internal.net.",
          "sun.net.");
  private static final List<String> IO_PREFERRED =
      List.of("java.net.", "java.io.", "java.nio.channels.");
  private static final List<String> IDLE_FRAMES =
      List.of(
          "java.util.concurrent.ThreadPoolExecutor.getTask",
          "java.util.concurrent.ForkJoinPool.awaitWork",
          "java.lang.ref.ReferenceQueue.remove",
          "java.lang.ref.Reference.waitForReferencePendingList",
          "jdk.internal.ref.CleanerImpl.run",
          "java.util.TimerThread.mainLoop",
          "dev.logbridge.doctor.StallWatchdog.");

  /**
   * Waiting points of telemetry pipelines that sleep between batches with a park blocker or a condition. Their
   * threads wake, find nothing and park again on the same object, so samples see one endless wait "inside
   * logging"; they count as idle only when this is the first frame outside the JDK, so a worker stuck in an
   * export (deeper in the same method) still counts.
   */
  private static final List<String> IDLE_CALLERS =
      List.of(
          "dev.logbridge.Pipeline.idle",
          // logbridge before the engine moved into dev.logbridge (issue 16): dumps of older
          // versions
          "dev.logbridge.internal.Pipeline.idle",
          "io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor$Worker.run",
          "io.opentelemetry.sdk.trace.export.BatchSpanProcessor$Worker.run");

  private ThreadActivity() {}

  /** Whether the frame is part of blocking I/O (sockets, files, channels). */
  static boolean isIo(StackFrame f) {
    for (String p : IO_PREFIXES) {
      if (f.className().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The frame that best names where a thread is: in a run of I/O frames at the top of the stack, the outermost
   * public stream or channel frame (what the caller called), else the top frame; {@code null} for no frames.
   */
  static StackFrame whereFrame(DumpedThread t) {
    List<StackFrame> frames = t.frames();
    if (frames.isEmpty()) {
      return null;
    }
    StackFrame chosen = null;
    for (StackFrame f : frames) {
      if (!isIo(f)
          && !f.className().startsWith("sun.nio.cs.")
          && !f.className().startsWith("java.io.")) {
        break;
      }
      for (String p : IO_PREFERRED) {
        if (f.className().startsWith(p) && isIo(f)) {
          chosen = f;
        }
      }
    }
    return chosen != null ? chosen : frames.get(0);
  }

  /** Whether the thread's top frames are in blocking I/O. */
  static boolean inIo(DumpedThread t) {
    return !t.frames().isEmpty() && isIo(t.frames().get(0));
  }

  /**
   * Whether the thread waits by design: idle pool workers, reference handlers, cleaners, timers, and the
   * logbridge and OpenTelemetry batch workers between batches.
   */
  static boolean isIdle(DumpedThread t) {
    return isIdle(t.frames());
  }

  /** {@link #isIdle(DumpedThread)} for a stack. */
  static boolean isIdle(List<StackFrame> frames) {
    StackFrame caller = firstOutsideJdk(frames);
    if (caller != null && IDLE_CALLERS.contains(caller.className() + "." + caller.methodName())) {
      return true;
    }
    for (StackFrame f : frames) {
      String qualified = f.className() + "." + f.methodName();
      for (String idle : IDLE_FRAMES) {
        if (qualified.startsWith(idle)) {
          return true;
        }
      }
    }
    return false;
  }

  private static StackFrame firstOutsideJdk(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      String c = f.className();
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return f;
      }
    }
    return null;
  }
}
