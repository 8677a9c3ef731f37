package dev.logbridge.benchmarks;

import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import java.time.Duration;

/**
 * logbridge's process-wide bridge around one measurement — a fresh one before, its accounting
 * after — and the tear-down every JMH benchmark prints: a caller that is cheap because it drops
 * must say so.
 *
 * <p>Thread-safety: call from the benchmark's setup/tear-down thread only.
 */
final class Accounting {
  private Accounting() {}

  /** Forgets the global bridge, so the next adapter built creates one with its own settings. */
  static void freshBridge() {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
  }

  /** The global bridge's records lost (dropped after acceptance or blocked before it). */
  static long bridgeLosses(BridgeStats stats) {
    return stats.droppedAfterAcceptance() + stats.blocked();
  }

  /**
   * Flushes logbridge (when it was measured) and the SDK, prints both accountings and closes the
   * SDK. Bounded: each flush waits at most ten seconds.
   */
  static void printAndClose(OtelRig rig, DiscardingExporter exporter, boolean logbridge) {
    if (logbridge) {
      LogBridge.flush(Duration.ofSeconds(10));
      System.out.println("\nlogbridge: " + LogBridge.stats().summary());
      freshBridge();
    }
    rig.flush(Duration.ofSeconds(10));
    OtelRig.SdkLosses losses = rig.losses();
    System.out.println(
        "exported by the SDK: "
            + exporter.exported.sum()
            + ", dropped by its full queue: "
            + losses.queueFull());
    rig.close();
  }
}
