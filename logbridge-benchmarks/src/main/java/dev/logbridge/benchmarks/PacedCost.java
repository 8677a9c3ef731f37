package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Logger;
import dev.logbridge.LogBridge;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceiverStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * What a <em>delivered</em> record costs the whole process, with every bridge paced to the same
 * offered rate: process CPU time (all threads: callers, logbridge's pipeline, the SDK's worker,
 * GC, JIT) per record that reached the exporter, split by thread ({@link CpuLedger}), the
 * caller's latency percentiles and the share delivered.
 *
 * <p>Bridges: {@code noop} (Logback with an appender that does nothing: the harness's and
 * Logback's own cost, the floor), {@code upstream} (OpenTelemetry's Logback appender, SDK batch
 * processor with its defaults), {@code logbridge-batch} (logbridge behind the same SDK batch
 * processor) and {@code logbridge} (logbridge on its {@code PipelineBatchProcessor}). Each bridge
 * runs in its own JVM (so one's garbage, JIT and threads cannot bill another), started by this
 * class with the same {@code java}, class path and JVM options; for each thread count and rate it
 * warms up for {@code --warmup} s, then offers the rate for {@code --seconds} s open loop ({@link
 * PacedLoad}), flushes the bridge and the SDK, and charges the CPU from the window's start to the
 * flush's end to the records delivered in that window. Exporter: {@code discard} (counts and
 * discards) or {@code otlp} (OTLP/HTTP protobuf with the JDK sender to an {@link OtlpReceiver} on
 * 127.0.0.1 in the same process; the receiver's threads are shown apart and left out of the
 * per-record figure).
 *
 * <p>Every call is {@code logger.info("user {} did {}", "alice", "checkout")}; {@code --mdc true}
 * puts two MDC entries on each caller (both bridges then capture them); {@code --capture-thread}
 * (default false, like upstream's default) decides logbridge's {@code thread.name}/{@code
 * thread.id}. Callers are paced in ticks of {@code --tick-micros} (see {@link PacedLoad}), so
 * that parking costs little and the same for every bridge; 0 paces every call.
 *
 * <pre>
 * java -cp logbridge-benchmarks/target/benchmarks.jar dev.logbridge.benchmarks.PacedCost \
 *     [--bridge noop|upstream|logbridge-batch|logbridge|all] [--threads 1,2,8] \
 *     [--rates 100000,300000,1000000] [--seconds 5] [--warmup 3] [--exporter discard|otlp] \
 *     [--mdc false] [--capture-thread false] [--tick-micros 1000] [--queue-capacity 8192]
 * </pre>
 *
 * <p>A {@link Watchdog} bounds every bridge's run; a child JVM that outlives it is destroyed.
 */
public final class PacedCost {
  private static final List<String> BRIDGES =
      List.of("noop", "upstream", "logbridge-batch", "logbridge");
  private static final String ROW = "ROW\t";
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private PacedCost() {}

  public static void main(String[] args) throws Exception {
    Options options =
        new Options(
            args,
            List.of(
                "bridge",
                "threads",
                "rates",
                "seconds",
                "warmup",
                "exporter",
                "mdc",
                "capture-thread",
                "tick-micros",
                "queue-capacity"));
    List<String> bridges = options.choice("bridge", BRIDGES);
    int[] threads = ints(options.get("threads", "1,2,8"));
    int[] rates = ints(options.get("rates", "100000,300000,1000000"));
    Duration window = Duration.ofSeconds(options.getInt("seconds", 5));
    Duration warmup = Duration.ofSeconds(options.getInt("warmup", 3));
    boolean otlp = options.get("exporter", "discard").equals("otlp");
    boolean mdc = Boolean.parseBoolean(options.get("mdc", "false"));
    boolean captureThread = Boolean.parseBoolean(options.get("capture-thread", "false"));
    Duration tick = Duration.ofNanos(1_000L * options.getInt("tick-micros", 1000));
    int queueCapacity = options.getInt("queue-capacity", 0);
    Settings settings = new Settings(window, warmup, tick, otlp, mdc, captureThread, queueCapacity);
    // Every step: warm-up, window, flush; plus the SDK's start and the bounded tear-down.
    Duration perBridge =
        warmup.plus(window).plusSeconds(35).multipliedBy((long) threads.length * rates.length);
    perBridge = perBridge.plusSeconds(60);

    if (bridges.size() == 1) {
      try (Watchdog watchdog = Watchdog.arm(perBridge, "paced cost, " + bridges.get(0))) {
        measure(bridges.get(0), threads, rates, settings);
      }
      return;
    }
    System.out.printf(
        "exporter %s, MDC %s, logbridge thread attributes %s, %d s windows after %d s warm-up,"
            + " %d µs ticks%n",
        otlp ? "OTLP/HTTP (JDK sender) to the embedded receiver" : "discarding",
        mdc ? "2 entries" : "none",
        captureThread ? "on" : "off",
        window.toSeconds(),
        warmup.toSeconds(),
        tick.toNanos() / 1000);
    List<String[]> rows = new ArrayList<>();
    for (String bridge : bridges) {
      rows.addAll(inChildJvm(bridge, args, perBridge));
    }
    printTable(rows);
  }

  /** Runs {@code bridge} in a new JVM with the same options; returns its rows. */
  private static List<String[]> inChildJvm(String bridge, String[] args, Duration deadline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PacedCost.class.getName());
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].equals("--bridge")) {
        command.add(args[i]);
        command.add(args[i + 1]);
      }
    }
    command.add("--bridge");
    command.add(bridge);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(ROW)) {
          rows.add(line.substring(ROW.length()).split("\t"));
        } else if (!line.startsWith("WARNING: ") && !line.contains("ThrottlingLogger")) {
          System.out.println("  [" + bridge + "] " + line);
        }
      }
    }
    if (!child.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IllegalStateException(bridge + "'s JVM outlived " + deadline);
    }
    if (child.exitValue() != 0) {
      throw new IllegalStateException(bridge + "'s JVM exited with " + child.exitValue());
    }
    return rows;
  }

  /** What every step of a run shares. */
  private record Settings(
      Duration window,
      Duration warmup,
      Duration tick,
      boolean otlp,
      boolean mdc,
      boolean captureThread,
      int queueCapacity) {}

  private static void measure(String bridge, int[] threadCounts, int[] rates, Settings settings)
      throws InterruptedException {
    boolean otlp = settings.otlp();
    boolean mdc = settings.mdc();
    boolean logbridge = bridge.startsWith("logbridge");
    boolean pipeline = bridge.equals("logbridge");
    DiscardingExporter discarding = new DiscardingExporter();
    OtlpReceiver receiver =
        otlp ? OtlpReceiver.builder().port(0).maxRecords(1_000).build().start() : null;
    Supplier<Delivered> delivered =
        otlp
            ? () -> {
              ReceiverStats stats = receiver.stats();
              return new Delivered(stats.recordsReceived(), stats.bytesReceived());
            }
            : () -> new Delivered(discarding.exported.sum(), 0);
    try (OtelRig otel = rig(otlp, pipeline, receiver, discarding)) {
      LogbackRig logback =
          LogbackRig.start(
              bridge.equals("noop") ? "noop" : logbridge ? "logbridge" : "upstream",
              mdc,
              settings.captureThread(),
              settings.queueCapacity(),
              otel.sdk());
      Logger logger = logback.logger();
      PacedLoad.Call call = thread -> logger.info("user {} did {}", "alice", "checkout");
      PacedLoad.Call withMdc =
          thread -> {
            if (MDC.get("tenant") == null) {
              MDC.put("tenant", "acme");
              MDC.put("request", "r-42");
            }
            call.run(thread);
          };
      PacedLoad.Call offered = mdc ? withMdc : call;
      try {
        for (int threads : threadCounts) {
          for (int rate : rates) {
            PacedLoad.runTicked(
                threads, rate, settings.warmup(), GRACE, settings.tick(), offered, null);
            flush(logbridge, otel);
            Step step = step(bridge, threads, rate, settings, offered, otel, delivered, logbridge);
            System.out.println(ROW + String.join("\t", step.cells()));
          }
        }
      } finally {
        logback.stop();
        if (logbridge) {
          Accounting.freshBridge();
        }
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
    }
  }

  private static OtelRig rig(
      boolean otlp, boolean pipeline, OtlpReceiver receiver, DiscardingExporter discarding) {
    if (otlp) {
      return pipeline
          ? OtelRig.otlpPipeline(receiver.endpoint(), OtlpSender.JDK, 2)
          : OtelRig.otlp(receiver.endpoint(), OtlpSender.JDK, OtelRig.SDK_DEFAULT_QUEUE);
    }
    return pipeline ? OtelRig.discardingPipeline(discarding) : OtelRig.discarding(discarding);
  }

  private static boolean flush(boolean logbridge, OtelRig otel) {
    boolean flushed = !logbridge || LogBridge.flush(FLUSH_TIMEOUT);
    return otel.flush(FLUSH_TIMEOUT) && flushed;
  }

  private static Step step(
      String bridge,
      int threads,
      int rate,
      Settings settings,
      PacedLoad.Call call,
      OtelRig otel,
      Supplier<Delivered> delivered,
      boolean logbridge)
      throws InterruptedException {
    // One latency per call, up to 2 million per thread (16 MB each).
    Duration window = settings.window();
    int perThread = (int) Math.min(2_000_000, (long) rate * window.toSeconds() / threads + 1_000);
    long[][] latencies = new long[threads][perThread];
    Delivered deliveredBefore = delivered.get();
    CpuLedger before = CpuLedger.read();
    PacedLoad.Result load =
        PacedLoad.runTicked(threads, rate, window, GRACE, settings.tick(), call, latencies);
    boolean flushed = flush(logbridge, otel);
    CpuLedger after = CpuLedger.read();
    long[] sorted = load.sortedLatencies(latencies);
    // The floor delivers nothing: its cost is per call made.
    Delivered deliveredAfter = delivered.get();
    long count =
        bridge.equals("noop") ? load.made() : deliveredAfter.records() - deliveredBefore.records();
    return new Step(
        bridge,
        threads,
        rate,
        load,
        count,
        after.since(before, Math.max(0, load.callerCpuNanos())),
        after.processSince(before),
        sorted,
        deliveredAfter.wireBytes() - deliveredBefore.wireBytes(),
        flushed);
  }

  /** Records that reached the exporter or receiver, and the bytes the receiver read (OTLP). */
  private record Delivered(long records, long wireBytes) {}

  /** One measured window, as the table cells the parent prints. */
  private record Step(
      String bridge,
      int threads,
      int rate,
      PacedLoad.Result load,
      long delivered,
      Map<CpuLedger.Part, Long> cpu,
      long processCpu,
      long[] latencies,
      long wireBytes,
      boolean flushed) {
    String[] cells() {
      long receiverCpu = cpu.get(CpuLedger.Part.RECEIVER);
      long charged = processCpu - receiverCpu;
      double perRecord = delivered == 0 ? Double.NaN : (double) charged / delivered;
      StringBuilder parts = new StringBuilder();
      for (Map.Entry<CpuLedger.Part, Long> part : cpu.entrySet()) {
        if (part.getValue() > 0 && delivered > 0) {
          parts.append(
              String.format(
                  "%s %.0f ",
                  part.getKey().name().toLowerCase(java.util.Locale.ROOT),
                  (double) part.getValue() / delivered));
        }
      }
      return new String[] {
        bridge,
        String.valueOf(threads),
        String.valueOf(rate),
        String.valueOf(load.made()),
        String.valueOf(load.due()),
        String.valueOf(delivered),
        String.format("%.0f", perRecord),
        String.valueOf(PacedLoad.percentile(latencies, 0.50)),
        String.valueOf(PacedLoad.percentile(latencies, 0.99)),
        String.valueOf(PacedLoad.percentile(latencies, 0.999)),
        parts.toString().trim()
            + (wireBytes > 0 && delivered > 0
                ? String.format("; %.0f B/record on the wire", (double) wireBytes / delivered)
                : "")
            + (flushed ? "" : " (flush timed out)")
      };
    }
  }

  private static void printTable(List<String[]> rows) {
    // The floor's CPU per call at the same threads and rate, for the "minus noop" column.
    Map<String, Double> floor = new HashMap<>();
    for (String[] row : rows) {
      if (row[0].equals("noop")) {
        floor.put(row[1] + "/" + row[2], Double.parseDouble(row[6]));
      }
    }
    System.out.printf(
        "%n%-15s %3s %10s %8s %9s %10s %10s %7s %8s %9s  %s%n",
        "bridge",
        "thr",
        "offered/s",
        "made %",
        "deliv. %",
        "CPU ns/rec",
        "- noop",
        "p50 ns",
        "p99 ns",
        "p99.9 ns",
        "CPU ns per delivered record, by thread");
    for (String[] row : rows) {
      long made = Long.parseLong(row[3]);
      long due = Long.parseLong(row[4]);
      long delivered = Long.parseLong(row[5]);
      double perRecord = Double.parseDouble(row[6]);
      Double noop = floor.get(row[1] + "/" + row[2]);
      System.out.printf(
          "%-15s %3s %,10d %7.1f%% %8.2f%% %,10.0f %10s %,7d %,8d %,9d  %s%n",
          row[0],
          row[1],
          Long.parseLong(row[2]),
          100.0 * made / due,
          made == 0 ? 0 : 100.0 * delivered / made,
          perRecord,
          noop == null || row[0].equals("noop") ? "-" : String.format("%,.0f", perRecord - noop),
          Long.parseLong(row[7]),
          Long.parseLong(row[8]),
          Long.parseLong(row[9]),
          row[10]);
    }
  }

  private static int[] ints(String list) {
    return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }
}
