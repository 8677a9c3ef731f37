package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Logger;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.Fault;
import dev.logbridge.receiver.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stalled collector does to the application's log calls: the latency of each Logback call
 * while the collector accepts connections but never answers.
 *
 * <p>Per bridge ({@code upstream} OpenTelemetry appender, {@code logbridge}): an {@link
 * OtlpReceiver} on 127.0.0.1, an SDK with the default batch processor and the OTLP/HTTP exporter
 * on the JDK sender, and a Logback logger with the bridge's appender. After a {@code --warmup} s
 * warm-up against a healthy receiver, the receiver switches to {@link Fault#hang()} and {@code
 * --threads} threads log at {@code --rate} calls/s in total (open loop, {@link PacedLoad}) for
 * {@code --seconds} s, recording each call's {@link System#nanoTime()} duration into per-thread
 * arrays. Printed per bridge: p50, p99, p99.9 and max of those durations, how many calls were
 * made of those due (a blocked caller makes fewer), and where records were dropped during the
 * stall (logbridge's queue, the SDK processor's full queue, failed exports).
 *
 * <pre>
 * java -cp logbridge-benchmarks/target/benchmarks.jar dev.logbridge.benchmarks.StalledCollectorLatency \
 *     [--bridge upstream|logbridge|all] [--seconds 10] [--rate 20000] [--threads 4] [--warmup 3]
 * </pre>
 *
 * <p>A {@link Watchdog} ends the process if a bridge's run outlives warm-up + N + 30 s (plus the
 * bounded tear-down): a blocked bridge cannot hang the machine.
 */
public final class StalledCollectorLatency {
  private StalledCollectorLatency() {}

  public static void main(String[] args) throws Exception {
    Options options = new Options(args, List.of("bridge", "seconds", "rate", "threads", "warmup"));
    List<String> bridges = options.choice("bridge", List.of("upstream", "logbridge"));
    Duration window = Duration.ofSeconds(options.getInt("seconds", 10));
    int rate = options.getInt("rate", 20_000);
    int threads = options.getInt("threads", 4);
    Duration warmup = Duration.ofSeconds(options.getInt("warmup", 3));

    List<String> table = new ArrayList<>();
    for (String bridge : bridges) {
      Duration deadline = warmup.plus(window).plusSeconds(30 + 45); // + bounded tear-down
      try (Watchdog watchdog = Watchdog.arm(deadline, "stalled collector, " + bridge)) {
        table.add(measure(bridge, window, rate, threads, warmup));
      }
    }
    System.out.printf(
        "%n%-9s  %10s  %10s  %10s  %10s  %s%n",
        "bridge",
        "p50 ns",
        "p99 ns",
        "p99.9 ns",
        "max ns",
        "calls made (of due); dropped during the stall");
    table.forEach(System.out::println);
  }

  private static String measure(
      String bridge, Duration window, int rate, int threads, Duration warmup)
      throws InterruptedException {
    boolean logbridge = bridge.equals("logbridge");
    try (OtlpReceiver receiver = OtlpReceiver.builder().port(0).maxRecords(1_000).build().start();
        OtelRig otel =
            OtelRig.otlp(receiver.endpoint(), OtlpSender.JDK, OtelRig.SDK_DEFAULT_QUEUE)) {
      LogbackRig logback = LogbackRig.start(bridge, false, otel.sdk());
      Logger logger = logback.logger();
      PacedLoad.Call call = thread -> logger.info("user {} did {}", "alice", "checkout");
      try {
        PacedLoad.run(threads, rate, warmup, Duration.ofSeconds(30), call, null);
        if (logbridge) {
          LogBridge.flush(Duration.ofSeconds(10));
        }
        otel.flush(Duration.ofSeconds(10));

        receiver.setFault(Fault.hang());
        long bridgeBefore = logbridge ? Accounting.bridgeLosses(LogBridge.stats()) : 0;
        OtelRig.SdkLosses sdkBefore = otel.losses();
        // Room for every due call plus slack; a thread stops recording, not calling, when full.
        long[][] latencies = new long[threads][(int) (rate * window.toSeconds() / threads) + 1_000];
        PacedLoad.Result load =
            PacedLoad.run(threads, rate, window, Duration.ofSeconds(30), call, latencies);
        BridgeStats bridgeStats = logbridge ? LogBridge.stats() : null;
        long bridgeLost = logbridge ? Accounting.bridgeLosses(bridgeStats) - bridgeBefore : 0;
        OtelRig.SdkLosses sdkLost = otel.losses().minus(sdkBefore);
        System.out.println(
            "  "
                + bridge
                + ": "
                + (logbridge
                    ? "logbridge " + bridgeStats.summary()
                    : "upstream appender (no counters of its own)"));
        return row(bridge, latencies, load, bridgeLost, sdkLost);
      } finally {
        // Release the held requests so the flush and shutdown below finish promptly.
        receiver.clearFault();
        if (logbridge) {
          LogBridge.flush(Duration.ofSeconds(10));
        }
        otel.flush(Duration.ofSeconds(15));
        logback.stop();
        if (logbridge) {
          Accounting.freshBridge();
        }
      }
    }
  }

  private static String row(
      String bridge,
      long[][] latencies,
      PacedLoad.Result load,
      long bridgeLost,
      OtelRig.SdkLosses sdkLost) {
    long[] all = load.sortedLatencies(latencies);
    return String.format(
        "%-9s  %,10d  %,10d  %,10d  %,10d  %,d (of %,d); logbridge queue %,d, "
            + "SDK queue %,d, export failed %,d",
        bridge,
        PacedLoad.percentile(all, 0.50),
        PacedLoad.percentile(all, 0.99),
        PacedLoad.percentile(all, 0.999),
        all.length == 0 ? 0 : all[all.length - 1],
        load.made(),
        load.due(),
        bridgeLost,
        sdkLost.queueFull(),
        sdkLost.exportFailed());
  }
}
