package dev.logbridge.demo;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One run of the demo, start to finish: the embedded collector (none with {@code --endpoint}),
 * the OpenTelemetry SDK, the chosen logging framework wired to the chosen bridge, the simulated
 * service with live progress and a stall detector, the final flush and the report.
 *
 * <p>Every wait is bounded: the service stops by itself after its duration, a freeze is reported
 * after the stall window, and the flush, SDK shutdown and collector shutdown have deadlines, so a
 * run ends in roughly {@code duration + 15 s} at worst whatever the collector or bridge do.
 *
 * <p>Thread-safety: confined to the thread that calls {@link #run()}; one run at a time per JVM
 * (the frameworks' configurations and logbridge's global bridge are process-wide).
 */
final class DemoRun {
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
  static final Duration HEALTHY_FLUSH_TIMEOUT = Duration.ofSeconds(10);
  static final Duration FAULTY_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How long the report waits for the pipeline to return from a hanging export: the processor
   * waits at most three export timeouts (2 s each against a collector that never answers).
   */
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

  static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(2);

  private final DemoConfig config;
  private final PrintStream out;

  DemoRun(DemoConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  /** Runs the demo and returns its exit code ({@link ExitCodes}). */
  int run() {
    // A fresh global bridge per run: fresh accounting, and no state left by an earlier run in
    // this JVM (the tests run several).
    LogBridge.resetGlobal(CLEANUP_TIMEOUT);
    if (config.external()) {
      return run(null, config.endpoint().toString(), null);
    }
    // The receiver keeps only the newest records; the tally sees every one, by content.
    DeliveryTally tally = new DeliveryTally();
    try (OtlpReceiver receiver =
        OtlpReceiver.builder()
            .port(0)
            .maxRecords(1_000)
            .listener(tally)
            .fault(config.collector().fault())
            .build()
            .start()) {
      return run(receiver, receiver.endpoint(), tally);
    }
  }

  /**
   * The run exporting to {@code endpoint}: the embedded {@code receiver}'s, or, with a null
   * receiver, an external collector's that the demo cannot look into.
   */
  private int run(OtlpReceiver receiver, String endpoint, DeliveryTally tally) {
    DemoTelemetry telemetry = DemoTelemetry.start(endpoint, config.collector().exportTimeout());
    FrameworkSetup framework = null;
    try {
      framework = config.framework().setUp(config.bridge());
      Bridge bridge = null;
      if (config.bridge() == BridgeKind.LOGBRIDGE) {
        bridge = LogBridge.global();
        bridge.install(telemetry.openTelemetry());
      } else {
        NaiveBridgeAppender.install(telemetry.openTelemetry());
      }
      printHeader(endpoint, framework);
      return runService(bridge, framework, receiver, tally, telemetry);
    } finally {
      if (framework != null) {
        framework.close();
      }
      NaiveBridgeAppender.install(OpenTelemetry.noop());
      LogBridge.resetGlobal(CLEANUP_TIMEOUT);
      telemetry.close(CLEANUP_TIMEOUT);
    }
  }

  private int runService(
      Bridge bridge,
      FrameworkSetup framework,
      OtlpReceiver receiver,
      DeliveryTally tally,
      DemoTelemetry telemetry) {
    SimulatedService service =
        new SimulatedService(
            config.workers(),
            config.threads(),
            config.virtualThreads(),
            new RequestHandler(
                telemetry.tracer(), framework.serviceLog(), config.requestWork().toNanos()));
    Supplier<BridgeStats> stats = bridge == null ? null : bridge::stats;
    ProgressLine progress =
        new ProgressLine(
            out,
            config.liveLine(),
            service,
            receiver == null ? null : () -> receiver.stats().recordsReceived(),
            stats,
            bridge == null ? () -> 0 : bridge::queueSize);
    long durationNanos = config.duration().toNanos();
    try (StallDetector detector = newDetector(bridge)) {
      long start = System.nanoTime();
      // The loops end by themselves shortly after the duration even if stop() were never called.
      service.start(durationNanos + STOP_TIMEOUT.toNanos());
      CompletableFuture<String> stall =
          detector.watch(() -> service.counters().requests(), config.stallWindow());
      long nextUpdate = start + TimeUnit.SECONDS.toNanos(1);
      long end = start + durationNanos;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        String verdict = awaitStall(stall, Math.min(nextUpdate, end) - now);
        if (verdict != null) {
          progress.finish();
          out.println();
          out.print(verdict);
          if (config.virtualThreads()) {
            // ThreadMXBean lists platform threads only; unmounted virtual threads are invisible.
            out.println(
                "  (the service runs on virtual threads, which ThreadMXBean does not list;"
                    + " a JDK 21+ dump shows them: jcmd <pid> Thread.dump_to_file -format=json <file>)");
          }
          out.printf(
              "exit %d: the service froze; with --bridge logbridge (the default) the same"
                  + " service and values run without a stall.%n",
              ExitCodes.STALLED);
          if (config.json()) {
            out.println(JsonReport.unchecked(config, "STALL", true, verdict, ExitCodes.STALLED));
          }
          out.flush();
          return ExitCodes.STALLED;
        }
        if (System.nanoTime() >= nextUpdate) {
          progress.update(System.nanoTime() - start);
          nextUpdate += TimeUnit.SECONDS.toNanos(1);
        }
      }
      service.stop(STOP_TIMEOUT.toMillis());
      long elapsed = System.nanoTime() - start;
      progress.finish();
      if (bridge == null) {
        out.println("the naive bridge did not freeze this time; no accounting to check.");
        if (config.json()) {
          out.println(
              JsonReport.unchecked(
                  config,
                  "NO_STALL",
                  false,
                  "the naive bridge did not freeze this time",
                  ExitCodes.OK));
        }
        return ExitCodes.OK;
      }
      return report(bridge, framework, receiver, tally, telemetry, service, elapsed, detector);
    }
  }

  /**
   * The stall watchdog, except on virtual threads: ThreadMXBean does not list them, so there the
   * demo falls back to watching its progress counter.
   */
  private StallDetector newDetector(Bridge bridge) {
    return config.virtualThreads()
        ? new ProgressStallDetector()
        : new WatchdogStallDetector(bridge);
  }

  private int report(
      Bridge bridge,
      FrameworkSetup framework,
      OtlpReceiver receiver,
      DeliveryTally tally,
      DemoTelemetry telemetry,
      SimulatedService service,
      long elapsedNanos,
      StallDetector detector) {
    // Stopped before the flush, so no diagnostic event can enter the bridge after it.
    detector.close();
    boolean healthy = config.collector().deliversEverything();
    boolean flushed = bridge.flush(healthy ? HEALTHY_FLUSH_TIMEOUT : FAULTY_FLUSH_TIMEOUT);
    if (!flushed) {
      settleAfterMissedFlush(bridge);
    }
    BridgeStats stats = bridge.stats();
    if (receiver != null) {
      awaitCollector(
          receiver, stats.emitted(), healthy ? Duration.ofSeconds(3) : Duration.ofMillis(500));
    }
    RunResult result =
        new RunResult(
            config,
            elapsedNanos,
            service.counters().requests(),
            service.counters().logCalls(),
            service.latency().snapshot(),
            bridge.stats(),
            flushed,
            receiver == null ? null : receiver.stats(),
            telemetry.sdkLosses(),
            detector.watchdogVerdict(),
            detector.diagnosticEvents(),
            tally == null ? null : tally.counts(),
            bridge.queueSize());
    return new FinalReport(out, framework.sdkWarningsRoute()).print(result);
  }

  /**
   * After a flush that missed its deadline (the collector holds or refuses exports): behind
   * PipelineBatchProcessor the records still wait in logbridge's queue, and the pipeline thread
   * waits for the exporter with a batch in hand. Stops the bridge, so that what is queued is
   * counted as {@code shutdown}, and waits, bounded, for the pipeline to come back and count the
   * rest, so the report shows every record in a counter instead of as pending.
   */
  private static void settleAfterMissedFlush(Bridge bridge) {
    bridge.shutdown(FAULTY_FLUSH_TIMEOUT);
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (bridge.stats().pending() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling a counter, bounded
    }
  }

  /** Waits up to {@code nanos} for a stall verdict; null if none came. */
  private static String awaitStall(CompletableFuture<String> stall, long nanos) {
    try {
      return stall.get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      return "STALL detector failed: " + e.getCause() + "\n";
    }
  }

  /** Gives the collector a moment to count the last export; bounded by {@code max}. */
  private static void awaitCollector(OtlpReceiver receiver, long expected, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (receiver.stats().recordsReceived() < expected && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void printHeader(String endpoint, FrameworkSetup framework) {
    out.printf(
        "logbridge demo: %d workers x %d %sthreads log through %s -> %s -> OpenTelemetry"
            + " SDK -> OTLP/HTTP -> %s collector at %s%n",
        config.workers(),
        config.threads(),
        config.virtualThreads() ? "virtual " : "",
        config.framework(),
        config.bridge() == BridgeKind.LOGBRIDGE ? "logbridge" : "naive bridge",
        config.external() ? "external" : "embedded",
        endpoint);
    out.println(
        "every request logs a java.time value, a Set, a request object, an object whose"
            + " toString() throws and a self-referencing map; every 20th fails with an exception.");
    out.printf(
        "bridge: %s%ncollector: %s; running %.0f s, stall window %.0f s%n%n",
        framework.description(),
        collectorDescription(config),
        config.duration().toMillis() / 1e3,
        config.stallWindow().toMillis() / 1e3);
    out.flush();
  }

  /** The collector as the header and the report name it. */
  static String collectorDescription(DemoConfig config) {
    return config.external()
        ? "external (not started by the demo; what it receives is not visible here)"
        : config.collector() + " (" + config.collector().description() + ")";
  }
}
