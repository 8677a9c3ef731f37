package dev.logbridge.benchmarks;

import java.time.Duration;
import java.util.Map;

/**
 * Ends the process when a phase outlives its deadline, after printing every thread's stack: a
 * benchmark whose subject may block (a bridge behind a stalled collector) must not hang the
 * machine it shares.
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, once.
 */
final class Watchdog implements AutoCloseable {
  private final Thread thread;

  private Watchdog(Duration deadline, String phase) {
    thread =
        new Thread(
            () -> {
              try {
                Thread.sleep(deadline.toMillis());
              } catch (InterruptedException disarmed) {
                return;
              }
              System.err.println(
                  "\nWATCHDOG: '"
                      + phase
                      + "' still running after "
                      + deadline
                      + "; thread stacks follow, then the process ends.");
              for (Map.Entry<Thread, StackTraceElement[]> entry :
                  Thread.getAllStackTraces().entrySet()) {
                System.err.println(
                    "\"" + entry.getKey().getName() + "\" " + entry.getKey().getState());
                for (StackTraceElement frame : entry.getValue()) {
                  System.err.println("    at " + frame);
                }
              }
              System.err.flush();
              // halt, not exit: a shutdown hook could wait on the very thing that hangs.
              Runtime.getRuntime().halt(3);
            },
            "benchmark-watchdog");
    thread.setDaemon(true);
  }

  /** Arms a watchdog for {@code phase}; close it when the phase ends. */
  static Watchdog arm(Duration deadline, String phase) {
    Watchdog watchdog = new Watchdog(deadline, phase);
    watchdog.thread.start();
    return watchdog;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
