package dev.logbridge.benchmarks;

import dev.logbridge.LogBridge;
import dev.logbridge.jul.LogBridgeHandler;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The caller's cost of one java.util.logging call, for three handlers on the same logger:
 *
 * <ul>
 *   <li>{@code noop}: a handler that does nothing — JUL's own floor (the {@link LogRecord}, the
 *       level check, the handler loop); the JIT removes the record entirely;
 *   <li>{@code escape}: a handler that only stores the record in a field — the floor for any
 *       handler whose code is not inlined into the log call;
 *   <li>{@code logbridge}: logbridge's {@link LogBridgeHandler} on the SDK's batch processor over
 *       an exporter that discards.
 * </ul>
 *
 * <p>There is no upstream column: OpenTelemetry ships no JUL library handler (only the Java agent
 * instruments JUL). Each call is {@code logger.log(Level.INFO, "user {0} did {1}", new
 * Object[]{a, b})}; the logger does not use its parents' handlers. Run with {@code -t 1}, {@code
 * -t 2} and {@code -t 8}, and {@code -prof gc}:
 *
 * <pre>java -jar logbridge-benchmarks/target/benchmarks.jar JulHandlerBenchmark -t 1 -prof gc</pre>
 *
 * <p>Records the bridge could not hand on are printed at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JulHandlerBenchmark {
  @Param({"noop", "escape", "logbridge"})
  public String handler;

  // JUL holds loggers weakly: this field keeps ours, and its handler, alive for the trial.
  private Logger logger;
  private Handler target;
  private OtelRig otel;
  private DiscardingExporter exporter;

  @Setup(org.openjdk.jmh.annotations.Level.Trial)
  public void setUp() {
    exporter = new DiscardingExporter();
    otel = OtelRig.discarding(exporter);
    logger = Logger.getLogger("com.example.Checkout");
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.INFO);
    if (handler.equals("logbridge")) {
      Accounting.freshBridge();
      target = LogBridgeHandler.builder().level(Level.INFO).build();
      LogBridge.install(otel.sdk());
    } else if (handler.equals("noop")) {
      target = new NoopHandler();
    } else if (handler.equals("escape")) {
      target = new EscapingHandler();
    } else {
      throw new IllegalArgumentException("unknown handler " + handler);
    }
    logger.addHandler(target);
  }

  @TearDown(org.openjdk.jmh.annotations.Level.Trial)
  public void tearDown() {
    logger.removeHandler(target);
    target.close();
    Accounting.printAndClose(otel, exporter, handler.equals("logbridge"));
  }

  @Benchmark
  public void info() {
    logger.log(Level.INFO, "user {0} did {1}", new Object[] {"alice", "checkout"});
  }

  /**
   * A handler that only stores the record in a field: the floor for any handler whose code is
   * not inlined into the log call. With the no-op handler the JIT removes the {@code LogRecord}
   * (and its {@code Instant}); here they are allocated, as they are for every real handler.
   */
  static final class EscapingHandler extends Handler {
    private final EscapeSink sink = new EscapeSink();

    @Override
    public void publish(LogRecord record) {
      sink.keep(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** A handler that does nothing: the framework's floor. */
  static final class NoopHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
      // Deliberately empty.
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
