package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.logback.LogBridgeAppender;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.time.Duration;
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
import org.slf4j.MDC;

/**
 * The caller's cost of one Logback log call, for three appenders on the same logger:
 *
 * <ul>
 *   <li>{@code noop}: an appender that does nothing — Logback's own floor (event creation,
 *       level check, appender loop);
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
 * silent drops) are printed at tear-down: a caller that is cheap because it drops must say so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogbackAppenderBenchmark {
  @Param({"noop", "upstream", "logbridge"})
  public String appender;

  @Param({"false", "true"})
  public boolean captureMdc;

  private LoggerContext context;
  private Logger logger;
  private OpenTelemetrySdk sdk;
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
    sdk = OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder()
            .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build())
            .build())
        .build();
    context = new LoggerContext();
    context.setName("benchmark");
    // A hand-made context has no MDC adapter; share the one SLF4J's MDC writes to.
    context.setMDCAdapter(MDC.getMDCAdapter());
    logger = context.getLogger("com.example.Checkout");
    logger.setAdditive(false);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    Appender<ILoggingEvent> target = newAppender();
    target.setContext(context);
    target.setName(appender);
    target.start();
    logger.addAppender(target);
    if (appender.equals("logbridge")) {
      LogBridge.install(sdk); // after start(): the appender creates the bridge with its settings
    }
  }

  private Appender<ILoggingEvent> newAppender() {
    switch (appender) {
      case "noop":
        return new NoopAppender();
      case "upstream":
        OpenTelemetryAppender upstream = new OpenTelemetryAppender();
        upstream.setOpenTelemetry(sdk);
        if (captureMdc) {
          upstream.setCaptureMdcAttributes("*");
        }
        return upstream;
      case "logbridge":
        LogBridge.resetGlobal(Duration.ofSeconds(5));
        LogBridgeAppender ours = new LogBridgeAppender();
        ours.setCaptureMdc(captureMdc);
        ours.setShutdownHook(false);
        return ours;
      default:
        throw new IllegalArgumentException("unknown appender " + appender);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    // Warnings and errors the appenders reported (logbridge reports drops and failures here).
    context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getEffectiveLevel() >= ch.qos.logback.core.status.Status.WARN)
        .limit(5)
        .forEach(status -> System.out.println("status: " + status));
    context.stop();
    if (appender.equals("logbridge")) {
      LogBridge.flush(Duration.ofSeconds(10));
      BridgeStats stats = LogBridge.stats();
      System.out.println("\nlogbridge: " + stats.summary());
      LogBridge.resetGlobal(Duration.ofSeconds(5));
    }
    sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    System.out.println("exported by the SDK: " + exporter.exported.sum());
    sdk.close();
  }

  @Benchmark
  public void info(ThreadMdc mdc) {
    logger.info("user {} did {}", "alice", "checkout");
  }

  @Benchmark
  public void infoWithException(ThreadMdc mdc) {
    logger.info("user {} failed {}", "alice", "checkout", failure);
  }

  /** An appender that does nothing: the framework's floor. */
  static final class NoopAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      // Deliberately empty.
    }
  }
}
