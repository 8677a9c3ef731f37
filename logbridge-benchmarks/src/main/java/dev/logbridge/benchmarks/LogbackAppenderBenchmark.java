package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Logger;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

/**
 * The caller's cost of one Logback log call, for three appenders on the same logger:
 *
 * <ul>
 *   <li>{@code noop}: an appender that does nothing — Logback's own floor (event creation,
 *       level check, appender loop); the JIT removes the event entirely;
 *   <li>{@code escape}: an appender that only stores the event in a field — the floor for any
 *       appender whose code is not inlined into the log call: the event and its timestamp are
 *       allocated;
 *   <li>{@code upstream}: OpenTelemetry's {@code OpenTelemetryAppender} (2.31.1-alpha) on the
 *       SDK's {@link BatchLogRecordProcessor} over an exporter that discards;
 *   <li>{@code logbridge}: logbridge's appender on the same SDK setup.
 * </ul>
 *
 * <p>Each call is {@code logger.info("user {} did {}", a, b)} with two MDC entries on the
 * thread; {@code captureMdc} turns MDC capture on in both bridges. Run with {@code -t 1}, {@code -t
 * 2} and {@code -t 8}, and {@code -prof gc} for bytes allocated per call on the caller's thread:
 *
 * <pre>java -jar logbridge-benchmarks/target/benchmarks.jar LogbackAppenderBenchmark -t 1 -prof gc</pre>
 *
 * <p>Records the bridges could not hand on (logbridge's {@code queue_full}, the SDK processor's
 * otherwise silent drops, read from its {@code processedLogs} metric) are printed at tear-down: a
 * caller that is cheap because it drops must say so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogbackAppenderBenchmark {
  static final String LOGBRIDGE_PIPELINE = "logbridge-pipeline";

  @Param({"noop", "escape", "upstream", "logbridge"})
  public String appender;

  @Param({"false", "true"})
  public boolean captureMdc;

  /**
   * Work between two log calls ({@code Blackhole.consumeCPU} tokens; 0: log flat out). Flat out,
   * both bridges drop most records (logbridge counts them, the SDK's queue drops silently), and a
   * dropped record costs its caller far less than one handed on, so the flat-out ns/op mixes the
   * two. Paced below what the bridges carry, every record is handed on: subtract the same
   * pacing's no-op figure to get a call's cost with nothing dropped (BENCHMARKS.md).
   */
  @Param({"0"})
  public int paceTokens;

  private LogbackRig rig;
  private Logger logger;
  private OtelRig otel;
  private DiscardingExporter exporter;
  private final Exception failure = new IllegalStateException("benchmark failure");

  /** Puts two MDC entries on each benchmark thread, as a request-scoped service would. */
  @State(Scope.Thread)
  public static class ThreadMdc {
    @Setup(Level.Trial)
    public void setUp() {
      MDC.put("request.id", "3f2a9c");
      MDC.put("user.id", "alice");
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    exporter = new DiscardingExporter();
    // -p appender=logbridge-pipeline (not in the default list): logbridge on the processor it
    // recommends, PipelineBatchProcessor, instead of the SDK batch processor both bridges share.
    boolean pipeline = appender.equals(LOGBRIDGE_PIPELINE);
    otel = pipeline ? OtelRig.discardingPipeline(exporter) : OtelRig.discarding(exporter);
    rig = LogbackRig.start(pipeline ? "logbridge" : appender, captureMdc, otel.sdk());
    logger = rig.logger();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rig.stop();
    Accounting.printAndClose(otel, exporter, appender.startsWith("logbridge"));
  }

  @Benchmark
  public void info(ThreadMdc mdc) {
    if (paceTokens > 0) {
      Blackhole.consumeCPU(paceTokens);
    }
    logger.info("user {} did {}", "alice", "checkout");
  }

  @Benchmark
  public void infoWithException(ThreadMdc mdc) {
    logger.info("user {} failed {}", "alice", "checkout", failure);
  }
}
