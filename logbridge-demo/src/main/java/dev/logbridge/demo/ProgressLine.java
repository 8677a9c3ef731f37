package dev.logbridge.demo;

import dev.logbridge.BridgeStats;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live progress of a run, printed once per second: elapsed time, requests and records per
 * second (records received only from the embedded collector), the log call's p99 on the
 * workers' threads over the last second, the bridge's queue depth and its drops.
 *
 * <p>On a terminal the line is rewritten in place (carriage return); otherwise, for pipes, files
 * and tests, each update is a line of its own.
 *
 * <p>Thread-safety: confined to the thread driving the run.
 */
final class ProgressLine {
  private final PrintStream out;
  private final boolean liveLine;
  private final SimulatedService service;
  // Null with an external collector: what it received is not visible from here.
  private final LongSupplier received;
  // Null when the bridge under test is not logbridge (the naive one has no accounting).
  private final Supplier<BridgeStats> bridgeStats;
  private final IntSupplier queueDepth;

  private long lastNanos;
  private long lastRequests;
  private long lastAccepted;
  private long lastReceived;
  private LatencySnapshot lastLatency = LatencySnapshot.EMPTY;
  private int lastWidth;

  ProgressLine(
      PrintStream out,
      boolean liveLine,
      SimulatedService service,
      LongSupplier received,
      Supplier<BridgeStats> bridgeStats,
      IntSupplier queueDepth) {
    this.out = out;
    this.liveLine = liveLine;
    this.service = service;
    this.received = received;
    this.bridgeStats = bridgeStats;
    this.queueDepth = queueDepth;
  }

  /** Prints the figures for the second that ended at {@code elapsedNanos} into the run. */
  void update(long elapsedNanos) {
    long interval = elapsedNanos - lastNanos;
    long requests = service.counters().requests();
    long receivedNow = received == null ? 0 : received.getAsLong();
    LatencySnapshot latency = service.latency().snapshot();
    BridgeStats stats = null;
    StringBuilder line = new StringBuilder(120);
    line.append(
        String.format(
            Locale.ROOT,
            "%5.1fs  %,7d req/s",
            elapsedNanos / 1e9,
            Numbers.perSecond(requests - lastRequests, interval)));
    if (bridgeStats != null) {
      stats = bridgeStats.get();
      line.append(
          String.format(
              Locale.ROOT,
              "  %,7d rec/s accepted",
              Numbers.perSecond(stats.accepted() - lastAccepted, interval)));
      lastAccepted = stats.accepted();
    }
    if (received != null) {
      line.append(
          String.format(
              Locale.ROOT,
              "  %,7d rec/s received",
              Numbers.perSecond(receivedNow - lastReceived, interval)));
    }
    line.append("  log call p99 ").append(p99(latency.since(lastLatency)));
    if (stats != null) {
      line.append("  queue ").append(Numbers.count(queueDepth.getAsInt()));
      line.append("  dropped ").append(Numbers.count(stats.droppedAfterAcceptance()));
    }
    lastNanos = elapsedNanos;
    lastRequests = requests;
    lastReceived = receivedNow;
    lastLatency = latency;
    print(line.toString());
  }

  /** The p99 of the last second's log calls, or a dash when none returned (a frozen service). */
  private static String p99(LatencySnapshot interval) {
    return interval.count() == 0
        ? "- (no call returned)"
        : Numbers.nanos(interval.quantileNanos(0.99));
  }

  /** Ends the live line so that what follows starts on a fresh line. */
  void finish() {
    if (liveLine && lastWidth > 0) {
      out.println();
      lastWidth = 0;
    }
  }

  private void print(String line) {
    if (liveLine) {
      // Pad over the remains of a longer previous line.
      int pad = Math.max(0, lastWidth - line.length());
      out.print("\r" + line + " ".repeat(pad));
      lastWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }
}
