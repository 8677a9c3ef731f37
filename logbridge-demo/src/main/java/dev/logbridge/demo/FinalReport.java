package dev.logbridge.demo;

import dev.logbridge.BridgeStats;
import dev.logbridge.CutKind;
import dev.logbridge.DropReason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report at the end of a run: what the service did, the log call's cost on the workers'
 * threads, logbridge's accounting checked against what the collector received, and where
 * records went after logbridge handed them to the OpenTelemetry SDK.
 *
 * <p>Only what logbridge owns is asserted (PASS/FAIL), each against a count made outside
 * logbridge's counters: every log call the service counted reached logbridge (accepted or
 * blocked); nothing pending after the flush, and the queue empty; every record the embedded
 * collector received is a log call made, matched by content ({@link DeliveryTally}); and — with a
 * healthy collector — the log calls equal the calls the collector received, by content, plus
 * those logbridge counted as dropped. The identity {@code accepted = emitted + dropped +
 * pending} is printed as a report only: {@code pending} is derived from the other counters, so
 * it cannot fail. With a faulty collector, losses after the hand-off to the SDK are reported
 * (INFO) with the SDK's own counters, not asserted. With an external collector ({@code
 * --endpoint}) what it received is unknown, so only the calls and the queue are checked.
 *
 * <p>With {@code --json} the same figures and checks follow as one JSON object on the last line
 * ({@link JsonReport}).
 *
 * <p>Thread-safety: confined to one thread; one instance per report.
 */
final class FinalReport {
  private final PrintStream out;
  private final String sdkWarningsRoute;
  private final List<ReportCheck> checks = new ArrayList<>();

  /**
   * A report to {@code out}; {@code sdkWarningsRoute} says how the SDK's own JUL warnings reach
   * the bridge in this run's framework ({@link FrameworkSetup#sdkWarningsRoute()}).
   */
  FinalReport(PrintStream out, String sdkWarningsRoute) {
    this.out = out;
    this.sdkWarningsRoute = sdkWarningsRoute;
  }

  /** Prints the report for {@code run} and returns the exit code. */
  int print(RunResult run) {
    DemoConfig config = run.config();
    BridgeStats stats = run.bridge();
    out.println();
    out.println("== logbridge demo: result ==");
    out.printf(
        Locale.ROOT,
        "run        %s via %s, %d workers x %d %sthreads, %.1f s, collector %s%n",
        config.framework(),
        config.bridge(),
        config.workers(),
        config.threads(),
        config.virtualThreads() ? "virtual " : "",
        run.elapsedNanos() / 1e9,
        DemoRun.collectorDescription(config));
    out.printf(
        Locale.ROOT,
        "service    %s requests (%s/s), %s log calls%n",
        Numbers.count(run.requests()),
        Numbers.count(Numbers.perSecond(run.requests(), run.elapsedNanos())),
        Numbers.count(run.logCalls()));
    LatencySnapshot latency = run.latency();
    out.printf(
        Locale.ROOT,
        "log call   p50 %s   p99 %s   p99.9 %s   max %s   (caller's thread)%n",
        Numbers.nanos(latency.quantileNanos(0.50)),
        Numbers.nanos(latency.quantileNanos(0.99)),
        Numbers.nanos(latency.quantileNanos(0.999)),
        Numbers.nanos(latency.maxNanos()));

    out.println();
    out.println("accounting (logbridge)");
    row("accepted", stats.accepted(), "");
    row("emitted to the SDK", stats.emitted(), "");
    row("dropped by logbridge", stats.droppedAfterAcceptance(), reasons(stats, true));
    row("pending after flush", stats.pending(), "");
    row("blocked, not accepted", stats.blocked(), reasons(stats, false));
    row("values cut or replaced", totalCuts(stats), cuts(stats));

    if (run.collector() == null) {
      printExternal(run);
    } else {
      printEmbedded(run);
    }
    int code = failed() ? ExitCodes.ACCOUNTING_FAILED : ExitCodes.OK;
    String result = failed() ? "FAIL" : "PASS";
    out.println("result: " + result + " (exit " + code + ")");
    if (config.json()) {
      out.println(JsonReport.finished(run, checks, result, code));
    }
    out.flush();
    return code;
  }

  /** The collector section and checks for the embedded receiver, whose counts the demo sees. */
  private void printEmbedded(RunResult run) {
    DemoConfig config = run.config();
    BridgeStats stats = run.bridge();
    SdkPipelineProbe.Losses sdk = run.sdk();
    DeliveryTally.Counts delivered = run.delivered();
    long received = delivered.distinct();
    long lostAfterEmit = stats.emitted() - received - delivered.diagnostics();
    long explained =
        sdk.queueFull() + sdk.otherProcessorDrops() + sdk.exportFailed() + sdk.queued();
    long blockedInApp = blockedInApp(stats);
    out.println();
    out.println(
        "collector (embedded OTLP receiver, matched by content) and the SDK after the"
            + " hand-off");
    row(
        "log calls received",
        received,
        String.format(
            Locale.ROOT,
            "distinct; duplicates %s, unexpected %s, watchdog events %s",
            Numbers.count(delivered.duplicates()),
            Numbers.count(delivered.unexpected()),
            Numbers.count(delivered.diagnostics())));
    row(
        "lost after emit",
        lostAfterEmit,
        String.format(
            Locale.ROOT,
            "SDK batch queue full %s, SDK export failed %s, still in SDK queue %s, in flight or"
                + " other %s",
            Numbers.count(sdk.queueFull()),
            Numbers.count(sdk.exportFailed()),
            Numbers.count(sdk.queued()),
            Numbers.count(Math.max(0, lostAfterEmit - explained) + sdk.otherProcessorDrops())));
    printFlushNote(run);
    printOwnChecks(run);
    check(
        "received_by_content",
        delivered.unexpected() == 0 && received <= stats.emitted(),
        String.format(
            Locale.ROOT,
            "every record the collector received is a log call made,"
                + " by content: %s distinct, %s unexpected, none beyond the %s emitted",
            Numbers.count(received),
            Numbers.count(delivered.unexpected()),
            Numbers.count(stats.emitted())));
    // The watchdog's stall events are accepted records too, received under their own scope.
    long made = run.logCalls() + run.watchdogEvents();
    long accountedFor =
        received + delivered.diagnostics() + stats.droppedAfterAcceptance() + blockedInApp;
    String events =
        run.watchdogEvents() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                " (+ watchdog events %s, %s received)",
                Numbers.count(run.watchdogEvents()),
                Numbers.count(delivered.diagnostics()));
    String reconciliation =
        String.format(
            Locale.ROOT,
            "log calls %s = received by collector %s + dropped by logbridge %s + blocked %s%s",
            Numbers.count(run.logCalls()),
            Numbers.count(received),
            Numbers.count(stats.droppedAfterAcceptance()),
            Numbers.count(blockedInApp),
            events);
    if (config.collector().deliversEverything()) {
      check(
          "delivered",
          accountedFor == made && stats.pending() == 0,
          accountedFor == made
              ? reconciliation
              : reconciliation.replace(" = ", " != ")
                  + String.format(
                      Locale.ROOT, " (lost after emit %s)", Numbers.count(lostAfterEmit)));
      if (delivered.duplicates() > 0) {
        // OTLP delivery is at-least-once: an export that timed out after the collector stored
        // it is retried; the copies are counted once above.
        out.println(
            "  note  the collector received "
                + Numbers.count(delivered.duplicates())
                + " duplicate(s): an export timed out after the collector had stored it and the SDK"
                + " retried it (OTLP is at-least-once).");
      }
    } else {
      info(
          "delivered",
          String.format(
              Locale.ROOT,
              "log calls %s = received by collector %s + dropped by logbridge %s + blocked %s"
                  + " + lost after emit %s",
              Numbers.count(run.logCalls()),
              Numbers.count(received),
              Numbers.count(stats.droppedAfterAcceptance()),
              Numbers.count(blockedInApp),
              Numbers.count(lostAfterEmit)));
      out.println(
          "        the collector was "
              + config.collector()
              + ": records lost after"
              + " logbridge emitted them were lost in the OpenTelemetry SDK's batch processor or"
              + " exporter (its counters above), not by logbridge, and the service kept its pace.");
    }
    printTail(run);
  }

  /**
   * The SDK's counters and logbridge's own checks for an external collector: what it stored is
   * unknown, so "received" is neither guessed nor checked.
   */
  private void printExternal(RunResult run) {
    BridgeStats stats = run.bridge();
    SdkPipelineProbe.Losses sdk = run.sdk();
    out.println();
    out.println(
        "external collector at "
            + run.config().endpoint()
            + ": received by collector unknown; the SDK after the hand-off");
    row("exported by the SDK", sdk.exported(), "");
    row("SDK batch queue full", sdk.queueFull(), "");
    row("SDK export failed", sdk.exportFailed(), "");
    row("still in SDK queue", sdk.queued(), "");
    printFlushNote(run);
    printOwnChecks(run);
    info(
        "delivered",
        String.format(
            Locale.ROOT,
            "emitted %s to the SDK; received by collector"
                + " unknown (external); the SDK counted %s export failed, %s batch queue full",
            Numbers.count(stats.emitted()),
            Numbers.count(sdk.exportFailed()),
            Numbers.count(sdk.queueFull())));
    if (sdk.exportFailed() > 0) {
      out.println(
          "        exports failed: check that "
              + run.config().endpoint()
              + " is an OTLP/HTTP logs endpoint that is up; logbridge's accounting is unaffected.");
    }
    printTail(run);
  }

  private void printFlushNote(RunResult run) {
    if (!run.flushedInTime()) {
      out.println(
          "  the SDK's final flush did not finish before its deadline (the collector held"
              + " or refused the exports); what it still held is counted above.");
    }
  }

  /** The checks on what logbridge owns, the same whichever collector is used. */
  private void printOwnChecks(RunResult run) {
    BridgeStats stats = run.bridge();
    out.println();
    out.println("checks");
    check(
        "nothing_pending",
        stats.pending() == 0 && run.queuedAfterFlush() == 0,
        String.format(
            Locale.ROOT,
            "nothing pending after the final flush (queue %s)",
            Numbers.count(run.queuedAfterFlush())));
    long blockedInApp = blockedInApp(stats);
    // A stall verdict the watchdog emitted is accepted like a record, but is no log call.
    String events =
        run.watchdogEvents() == 0
            ? ""
            : " + watchdog events " + Numbers.count(run.watchdogEvents());
    check(
        "every_call_reached_logbridge",
        run.logCalls() + run.watchdogEvents() == stats.accepted() + blockedInApp,
        String.format(
            Locale.ROOT,
            "every log call reached logbridge: %s calls%s = accepted %s +"
                + " blocked (recursion, capture_error) %s",
            Numbers.count(run.logCalls()),
            events,
            Numbers.count(stats.accepted()),
            Numbers.count(blockedInApp)));
  }

  /** Records blocked on the service's own threads (a value that logs, a failed capture). */
  private static long blockedInApp(BridgeStats stats) {
    return stats.dropped(DropReason.RECURSION) + stats.dropped(DropReason.CAPTURE_ERROR);
  }

  /** The self_origin note, the identity as a report, and the watchdog line, after the checks. */
  private void printTail(RunResult run) {
    BridgeStats stats = run.bridge();
    out.printf(
        Locale.ROOT,
        "  note  identity (reported, not checked: pending is derived from the"
            + " others): accepted %s = emitted %s + dropped %s + pending %s%n",
        Numbers.count(stats.accepted()),
        Numbers.count(stats.emitted()),
        Numbers.count(stats.droppedAfterAcceptance()),
        Numbers.count(stats.pending()));
    if (stats.dropped(DropReason.SELF_ORIGIN) > 0) {
      out.println(
          "  note  self_origin: "
              + Numbers.count(stats.dropped(DropReason.SELF_ORIGIN))
              + " record(s) from the telemetry pipeline itself (the SDK's own java.util.logging"
              + " warnings, "
              + sdkWarningsRoute
              + ") were refused, so they cannot feed back.");
    }
    out.println();
    out.println("watchdog: " + run.watchdogVerdict());
  }

  private void row(String label, long value, String detail) {
    out.printf(
        Locale.ROOT,
        "  %-24s %12s%s%n",
        label,
        Numbers.count(value),
        detail.isEmpty() ? "" : "   (" + detail + ")");
  }

  private void check(String name, boolean ok, String what) {
    ReportCheck check = ReportCheck.asserted(name, ok, what);
    checks.add(check);
    out.println("  " + check.status() + "  " + what);
  }

  private void info(String name, String what) {
    checks.add(ReportCheck.info(name, what));
    out.println("  INFO  " + what);
  }

  private boolean failed() {
    return checks.stream().anyMatch(ReportCheck::failed);
  }

  private static String reasons(BridgeStats stats, boolean afterAcceptance) {
    StringBuilder text = new StringBuilder();
    for (DropReason reason : DropReason.values()) {
      if (reason.isAfterAcceptance() == afterAcceptance) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(reason.metricName())
            .append(' ')
            .append(Numbers.count(stats.dropped(reason)));
      }
    }
    return text.toString();
  }

  private static long totalCuts(BridgeStats stats) {
    long total = 0;
    for (CutKind kind : CutKind.values()) {
      total += stats.cuts(kind);
    }
    return total;
  }

  private static String cuts(BridgeStats stats) {
    StringBuilder text = new StringBuilder();
    for (CutKind kind : CutKind.values()) {
      if (stats.cuts(kind) > 0) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(kind.metricName())
            .append(' ')
            .append(Numbers.count(stats.cuts(kind)));
      }
    }
    return text.toString();
  }
}
