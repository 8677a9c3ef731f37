package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Logger;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The highest rate each bridge carries from a Logback call to a collector without losing a
 * record, and where records go missing above it.
 *
 * <p>Per combination of bridge ({@code upstream} OpenTelemetry appender or {@code logbridge}) and
 * OTLP/HTTP sender ({@code okhttp}, the exporter's default, or {@code jdk}): an {@link
 * OtlpReceiver} on 127.0.0.1, an SDK with the batch processor (default settings; {@code
 * --sdk-queue 65536} is the variant with {@code maxQueueSize} 65536, everything else default) and
 * the OTLP/HTTP protobuf exporter, a Logback logger with the bridge's appender, and {@code
 * --threads} threads offering a fixed total rate, open loop ({@link PacedLoad}). Each step runs
 * {@code --seconds} s, flushes the bridge and the SDK, and compares the records the receiver got
 * with the calls made. A step has zero loss when both match and at least 99% of the due calls
 * were made. The rate climbs ×1.25 from {@code --start} to the first loss, then bisects while the
 * per-combination budget ({@code --budget} s) lasts; finally one step at 1.5× the highest
 * zero-loss rate says where the losses happen: logbridge's queue (its {@code LogBridge.stats()}),
 * the SDK processor's full queue and failed exports (the SDK's {@code processedLogs} and {@code
 * *.exporter.exported} metrics), or none of those ("unaccounted"). Before all that, {@link
 * ReceiverCeiling} shows what the receiver takes when fed directly.
 *
 * <pre>
 * java -cp logbridge-benchmarks/target/benchmarks.jar dev.logbridge.benchmarks.EndToEndThroughput \
 *     [--sender okhttp|jdk|all] [--bridge upstream|logbridge|all] [--seconds 5] [--threads 4] \
 *     [--sdk-queue 2048] [--start 2000] [--budget 120] [--logbridge-processor pipeline|batch]
 *     [--pipeline-exports 2] [--exporter otlp|discard] [--capture-thread true|false]
 * </pre>
 *
 * <p>{@code --exporter discard} puts an exporter that counts and discards in place of OTLP (no
 * sender, no receiver in the path): the ceiling of the bridges themselves. Records delivered are
 * then those the exporter counted. {@code --capture-thread false} leaves logbridge's {@code
 * thread.name}/{@code thread.id} out, as upstream's appender does by default.
 *
 * <p>logbridge runs, by default, on the processor it recommends, {@link
 * dev.logbridge.sdk.PipelineBatchProcessor}, which exports on logbridge's pipeline thread, so that
 * logbridge's own counted queue absorbs what the SDK's batch queue would drop during an export;
 * {@code --logbridge-processor batch} gives it the SDK's batch processor, as upstream has; {@code
 * --pipeline-exports} sets the pipeline processor's exports in flight (its default, 2).
 *
 * <p>Every phase runs under a {@link Watchdog}: nothing can hang the machine.
 */
public final class EndToEndThroughput {
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
  private static final double MAX_RATE = 2_000_000;

  private final OtlpReceiver receiver;
  private final String bridge;
  // Null: the records go to `discarding` instead of over OTLP.
  private final OtlpSender sender;
  private final DiscardingExporter discarding = new DiscardingExporter();
  private final int sdkQueue;
  private final int threads;
  private final Duration window;
  // logbridge's records go through PipelineBatchProcessor, with this many exports in flight,
  // instead of the SDK's batch processor (0).
  private final int pipelineExports;
  // Whether logbridge's records carry thread.name/thread.id (upstream's carry neither).
  private final boolean captureThread;

  private EndToEndThroughput(
      OtlpReceiver receiver,
      String bridge,
      OtlpSender sender,
      int sdkQueue,
      int threads,
      Duration window,
      int pipelineExports,
      boolean captureThread) {
    this.pipelineExports = pipelineExports;
    this.captureThread = captureThread;
    this.receiver = receiver;
    this.bridge = bridge;
    this.sender = sender;
    this.sdkQueue = sdkQueue;
    this.threads = threads;
    this.window = window;
  }

  public static void main(String[] args) throws Exception {
    Options options =
        new Options(
            args,
            List.of(
                "sender",
                "bridge",
                "seconds",
                "threads",
                "sdk-queue",
                "start",
                "budget",
                "logbridge-processor",
                "pipeline-exports",
                "exporter",
                "capture-thread"));
    boolean discard = options.get("exporter", "otlp").equals("discard");
    boolean captureThread = Boolean.parseBoolean(options.get("capture-thread", "true"));
    List<String> senders =
        discard ? List.of("discard") : options.choice("sender", List.of("okhttp", "jdk"));
    List<String> bridges = options.choice("bridge", List.of("upstream", "logbridge"));
    Duration window = Duration.ofSeconds(options.getInt("seconds", 5));
    int threads = options.getInt("threads", 4);
    int sdkQueue = options.getInt("sdk-queue", OtelRig.SDK_DEFAULT_QUEUE);
    double start = options.getInt("start", 2_000);
    Duration budget = Duration.ofSeconds(options.getInt("budget", 120));
    int pipelineExports = options.getInt("pipeline-exports", 2);
    boolean pipeline =
        options.choice("logbridge-processor", List.of("pipeline", "batch")).contains("pipeline");

    List<String> table = new ArrayList<>();
    try (OtlpReceiver receiver = OtlpReceiver.builder().port(0).maxRecords(1_000).build().start()) {
      try (Watchdog watchdog = Watchdog.arm(window.plusSeconds(30), "receiver ceiling")) {
        System.out.println(ReceiverCeiling.measure(receiver, 2, window));
      }
      for (String bridge : bridges) {
        for (String sender : senders) {
          EndToEndThroughput run =
              new EndToEndThroughput(
                  receiver,
                  bridge,
                  discard ? null : OtlpSender.parse(sender),
                  sdkQueue,
                  threads,
                  window,
                  pipeline && bridge.equals("logbridge") ? pipelineExports : 0,
                  captureThread);
          try (Watchdog watchdog =
              Watchdog.arm(budget.plus(window).plusSeconds(90), bridge + "/" + sender)) {
            table.add(run.search(start, budget));
          }
        }
      }
    }
    System.out.printf(
        "%n%-9s  %-6s  %-9s  %-16s  %s%n",
        "bridge",
        "sender",
        "sdk queue",
        "zero-loss rate/s",
        "at 1.5x: made (of due), received, lost where");
    table.forEach(System.out::println);
  }

  private OtelRig rig() {
    if (sender == null) {
      return pipelineExports > 0
          ? OtelRig.discardingPipeline(discarding)
          : OtelRig.discarding(discarding);
    }
    return pipelineExports > 0
        ? OtelRig.otlpPipeline(receiver.endpoint(), sender, pipelineExports)
        : OtelRig.otlp(receiver.endpoint(), sender, sdkQueue);
  }

  private String senderLabel() {
    return sender == null ? "discard" : sender.label();
  }

  /** Records that reached the end of the path: the receiver's count, or the exporter's. */
  private long delivered() {
    return sender == null ? discarding.exported.sum() : receiver.stats().recordsReceived();
  }

  /** Climbs, bisects, then overloads; returns the table row. */
  private String search(double start, Duration budget) throws InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    try (OtelRig otel = rig()) {
      LogbackRig logback = LogbackRig.start(bridge, false, captureThread, otel.sdk());
      try {
        Logger logger = logback.logger();
        step(otel, logger, start); // warm-up: JIT, connections; not counted
        double good = 0;
        double bad = Double.POSITIVE_INFINITY;
        double rate = start;
        // Each step costs about a window plus its flush; keep one step for the overload.
        long stepCost = window.toNanos() + 5_000_000_000L;
        while (System.nanoTime() + 2 * stepCost < deadline && rate <= MAX_RATE) {
          Step step = step(otel, logger, rate);
          System.out.println("  " + bridge + "/" + senderLabel() + " " + step);
          if (step.zeroLoss()) {
            good = rate;
          } else {
            bad = rate;
          }
          if (bad == Double.POSITIVE_INFINITY) {
            rate = good * 1.25;
          } else if (good == 0) {
            rate = bad / 2; // even the start lost records: go down
          } else if (bad / good > 1.08) {
            rate = Math.sqrt(good * bad);
          } else {
            break;
          }
        }
        String overload = "-";
        if (good > 0) {
          Step step = step(otel, logger, good * 1.5);
          System.out.println("  " + bridge + "/" + senderLabel() + " 1.5x " + step);
          overload = step.lossReport();
        }
        return String.format(
            "%-9s  %-6s  %-9s  %,16.0f  %s",
            bridge,
            senderLabel(),
            pipelineExports > 0 ? "pipeline/" + pipelineExports : String.valueOf(sdkQueue),
            good,
            overload);
      } finally {
        logback.stop();
        if (bridge.equals("logbridge")) {
          Accounting.freshBridge();
        }
      }
    }
  }

  private Step step(OtelRig otel, Logger logger, double rate) throws InterruptedException {
    receiver.reset();
    long deliveredBefore = delivered();
    boolean logbridge = bridge.equals("logbridge");
    long bridgeBefore = logbridge ? Accounting.bridgeLosses(LogBridge.stats()) : 0;
    OtelRig.SdkLosses sdkBefore = otel.losses();
    PacedLoad.Result load =
        PacedLoad.run(
            threads,
            rate,
            window,
            Duration.ofSeconds(30),
            thread -> logger.info("user {} did {}", "alice", "checkout"),
            null);
    long flushStart = System.nanoTime();
    boolean flushed = !logbridge || LogBridge.flush(FLUSH_TIMEOUT);
    flushed &= otel.flush(FLUSH_TIMEOUT);
    double flushSeconds = (System.nanoTime() - flushStart) / 1e9;
    BridgeStats bridgeStats = logbridge ? LogBridge.stats() : null;
    long bridgeLost = logbridge ? Accounting.bridgeLosses(bridgeStats) - bridgeBefore : 0;
    return new Step(
        load,
        delivered() - deliveredBefore,
        bridgeLost,
        otel.losses().minus(sdkBefore),
        flushed,
        flushSeconds);
  }

  /** One step's outcome; {@code bridgeLost} is logbridge's own drops (0 for upstream). */
  private record Step(
      PacedLoad.Result load,
      long received,
      long bridgeLost,
      OtelRig.SdkLosses sdk,
      boolean flushed,
      double flushSeconds) {
    boolean zeroLoss() {
      return load.keptRate() && received == load.made();
    }

    long unaccounted() {
      return load.made() - received - bridgeLost - sdk.queueFull() - sdk.exportFailed();
    }

    String lossReport() {
      return String.format(
          "made %,d (of %,d), received %,d, lost: logbridge queue %,d, SDK queue "
              + "%,d, export failed %,d, unaccounted %,d%s",
          load.made(),
          load.due(),
          received,
          bridgeLost,
          sdk.queueFull(),
          sdk.exportFailed(),
          unaccounted(),
          flushed ? "" : " (flush timed out)");
    }

    @Override
    public String toString() {
      String verdict =
          zeroLoss()
              ? "zero loss"
              : received == load.made() ? "NOT OFFERED (callers made < 99% of due calls)" : "LOSS";
      return String.format(
          "%,.0f/s: %s; flush %.1f s -> %s",
          load.ratePerSecond(), lossReport(), flushSeconds, verdict);
    }
  }
}
