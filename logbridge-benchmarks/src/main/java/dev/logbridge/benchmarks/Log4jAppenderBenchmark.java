package dev.logbridge.benchmarks;

import dev.logbridge.LogBridge;
import dev.logbridge.log4j2.LogBridgeAppender;
import io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.config.Property;
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

/**
 * The caller's cost of one Log4j 2 log call, for three appenders on the same logger:
 *
 * <ul>
 *   <li>{@code noop}: an appender that does nothing — Log4j's own floor (event creation, level
 *       and filter checks, the appender control);
 *   <li>{@code upstream}: OpenTelemetry's {@code OpenTelemetryAppender} for Log4j 2.17+
 *       (2.31.1-alpha) on the SDK's {@link BatchLogRecordProcessor} over an exporter that
 *       discards;
 *   <li>{@code logbridge}: logbridge's {@code <LogBridge>} appender on the same SDK setup.
 * </ul>
 *
 * <p>Each call is {@code logger.info("user {} did {}", a, b)} with two ThreadContext entries on
 * the thread; {@code captureContextData} turns context-data capture on in both bridges (upstream
 * {@code captureContextDataAttributes="*"}, logbridge {@code captureContextData}, which is on by
 * default and therefore switched off explicitly for {@code false}). Both keep their other defaults
 * (logbridge also looks for a marker and a MapMessage; neither is present here). The
 * configuration is programmatic, in a dedicated synchronous {@link LoggerContext} — no async
 * loggers, no configuration file, no plugin lookup. Run with {@code -t 1}, {@code -t 2} and
 * {@code -t 8}, and {@code -prof gc} for bytes allocated per call on the caller's thread:
 *
 * <pre>java -jar logbridge-benchmarks/target/benchmarks.jar Log4jAppenderBenchmark -t 1 -prof gc</pre>
 *
 * <p>Records the bridges could not hand on are printed at tear-down, as in {@link
 * LogbackAppenderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Log4jAppenderBenchmark {
  private static final String LOGGER = "com.example.Checkout";

  @Param({"noop", "upstream", "logbridge"})
  public String appender;

  @Param({"false", "true"})
  public boolean captureContextData;

  private LoggerContext context;
  private Logger logger;
  private OtelRig otel;
  private DiscardingExporter exporter;
  private final Exception failure = new IllegalStateException("benchmark failure");

  /** Puts two ThreadContext entries on each benchmark thread, as a request-scoped service would. */
  @State(Scope.Thread)
  public static class ThreadContextData {
    @Setup(Level.Trial)
    public void setUp() {
      ThreadContext.put("request.id", "3f2a9c");
      ThreadContext.put("user.id", "alice");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      ThreadContext.clearMap();
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    exporter = new DiscardingExporter();
    otel = OtelRig.discarding(exporter);
    Appender target = newAppender();
    // NullConfiguration: root OFF and no appenders; our logger gets the only one.
    Configuration config = new NullConfiguration();
    config.addAppender(target);
    LoggerConfig loggerConfig =
        LoggerConfig.newBuilder()
            .setLoggerName(LOGGER)
            .setLevel(org.apache.logging.log4j.Level.INFO)
            .setAdditivity(false)
            .setConfig(config)
            .build();
    loggerConfig.addAppender(target, null, null);
    config.addLogger(LOGGER, loggerConfig);
    context = new LoggerContext("benchmark");
    context.start(config); // starts the appenders
    logger = context.getLogger(LOGGER);
    if (appender.equals("logbridge")) {
      // After start(): the appender created the bridge with its settings.
      LogBridge.install(otel.sdk());
    }
  }

  private Appender newAppender() {
    switch (appender) {
      case "noop":
        return new NoopAppender();
      case "upstream":
        OpenTelemetryAppender.Builder<?> upstream =
            OpenTelemetryAppender.builder().setName(appender).setOpenTelemetry(otel.sdk());
        if (captureContextData) {
          upstream.setContextDataAttributesIncluded("*");
        }
        return upstream.build();
      case "logbridge":
        Accounting.freshBridge();
        return LogBridgeAppender.newBuilder()
            .setName(appender)
            .setCaptureContextData(captureContextData)
            .setShutdownHook(false)
            .build();
      default:
        throw new IllegalArgumentException("unknown appender " + appender);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    context.stop();
    Accounting.printAndClose(otel, exporter, appender.equals("logbridge"));
  }

  @Benchmark
  public void info(ThreadContextData contextData) {
    logger.info("user {} did {}", "alice", "checkout");
  }

  @Benchmark
  public void infoWithException(ThreadContextData contextData) {
    logger.info("user {} failed {}", "alice", "checkout", failure);
  }

  /** An appender that does nothing: the framework's floor (no counter, so no shared write). */
  static final class NoopAppender extends AbstractAppender {
    NoopAppender() {
      super("noop", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      // Deliberately empty.
    }
  }
}
