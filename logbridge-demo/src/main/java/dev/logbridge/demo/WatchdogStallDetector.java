package dev.logbridge.demo;

import dev.logbridge.Bridge;
import dev.logbridge.doctor.BridgeWatchdog;
import dev.logbridge.doctor.Diagnosis;
import dev.logbridge.doctor.StallReportListener;
import dev.logbridge.doctor.StallWatchdog;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Detects freezes with logbridge-doctor's {@link StallWatchdog}: threads that wait on one lock,
 * or for themselves, for longer than the stall window. Unlike a progress counter it says who
 * holds what, from {@code ThreadMXBean} samples without a heap walk.
 *
 * <p>With logbridge it takes a lease on the bridge's one watchdog ({@link BridgeWatchdog}, the
 * same one {@code <stallWatchdog>} in logback.xml starts), so a verdict also reaches the status
 * channel and the collector as a {@code logbridge.stall} event. With the naive bridge there is no
 * logbridge in the path, so it runs a plain {@link StallWatchdog}.
 *
 * <p>Thread-safety: {@link #watch} and {@link #close} on the run's thread; the verdict completes
 * on the watchdog's thread.
 */
final class WatchdogStallDetector implements StallDetector {
  /** How often the watchdog samples: a verdict comes at most this long after the window. */
  static final Duration INTERVAL = Duration.ofMillis(250);

  private final Bridge bridge;
  private final CompletableFuture<String> verdict = new CompletableFuture<>();
  // Set by watch(), used by close() and watchdogVerdict(), all on the run's thread.
  private BridgeWatchdog.Lease lease;
  private StallWatchdog standalone;

  /** Watches through {@code bridge}'s watchdog, or a standalone one if {@code bridge} is null. */
  WatchdogStallDetector(Bridge bridge) {
    this.bridge = bridge;
  }

  @Override
  public String name() {
    return "logbridge stall watchdog";
  }

  @Override
  public String watchdogVerdict() {
    if (lease != null) {
      return lease.watchdog().summary();
    }
    return standalone == null
        ? "not started"
        : "no stall seen in " + standalone.samples() + " samples";
  }

  @Override
  public long diagnosticEvents() {
    return lease == null ? 0 : lease.watchdog().eventsOffered();
  }

  @Override
  public CompletableFuture<String> watch(LongSupplier progress, Duration window) {
    // The progress counter is not needed: the watchdog sees the waits themselves.
    StallReportListener report = diagnosis -> verdict.complete(explain(diagnosis, window));
    if (bridge != null) {
      lease = BridgeWatchdog.acquire(bridge, INTERVAL, window);
      lease.watchdog().addListener(report);
    } else {
      standalone =
          StallWatchdog.builder().interval(INTERVAL).threshold(window).listener(report).build();
      standalone.start();
    }
    return verdict;
  }

  /**
   * The doctor's report without its wait-for graph (one line per waiter, which the findings
   * already summarise) and without the doctor command's own exit code (the demo exits 3).
   */
  static String explain(Diagnosis diagnosis, Duration window) {
    String report = diagnosis.toText();
    int graph = report.indexOf("\nWAIT-FOR GRAPH");
    if (graph >= 0) {
      report = report.substring(0, graph + 1);
    }
    report = report.replaceFirst("^(VERDICT: \\w+) \\(exit \\d+\\)", "$1");
    return String.format(
        Locale.ROOT,
        "STALL: threads waited longer than %.1f s; the stall watchdog"
            + " (logbridge-doctor) says:%n%s",
        window.toMillis() / 1e3,
        report);
  }

  @Override
  public void close() {
    if (lease != null) {
      lease.close();
    }
    if (standalone != null) {
      standalone.stop();
    }
  }
}
