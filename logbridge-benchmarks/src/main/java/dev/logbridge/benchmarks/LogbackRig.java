package dev.logbridge.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.Status;
import dev.logbridge.LogBridge;
import dev.logbridge.logback.LogBridgeAppender;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.slf4j.MDC;

/**
 * A dedicated Logback context with one logger, {@code com.example.Checkout} at INFO, feeding one
 * appender: {@code noop} (Logback's floor), {@code upstream} (OpenTelemetry's appender) or {@code
 * logbridge}, both bridges on the given SDK.
 *
 * <p>Thread-safety: {@link #logger()} is thread-safe; start and stop from one thread.
 */
final class LogbackRig {
  private final LoggerContext context;
  private final Logger logger;

  private LogbackRig(LoggerContext context, Logger logger) {
    this.context = context;
    this.logger = logger;
  }

  /**
   * Builds and starts the context. For {@code logbridge} this replaces the global bridge with a
   * fresh one and installs {@code sdk} into it.
   */
  static LogbackRig start(String appender, boolean captureMdc, OpenTelemetrySdk sdk) {
    return start(appender, captureMdc, true, sdk);
  }

  /**
   * As {@link #start(String, boolean, OpenTelemetrySdk)}; {@code captureThread} false leaves
   * logbridge's {@code thread.name}/{@code thread.id} out, as upstream does by default.
   */
  static LogbackRig start(
      String appender, boolean captureMdc, boolean captureThread, OpenTelemetrySdk sdk) {
    return start(appender, captureMdc, captureThread, 0, sdk);
  }

  /** As above; {@code queueCapacity} above 0 sets logbridge's queue capacity. */
  static LogbackRig start(
      String appender,
      boolean captureMdc,
      boolean captureThread,
      int queueCapacity,
      OpenTelemetrySdk sdk) {
    LoggerContext context = new LoggerContext();
    context.setName("benchmark");
    // A hand-made context has no MDC adapter; share the one SLF4J's MDC writes to.
    context.setMDCAdapter(MDC.getMDCAdapter());
    Logger logger = context.getLogger("com.example.Checkout");
    logger.setAdditive(false);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    Appender<ILoggingEvent> target =
        newAppender(appender, captureMdc, captureThread, queueCapacity, sdk);
    target.setContext(context);
    target.setName(appender);
    target.start();
    logger.addAppender(target);
    if (appender.equals("logbridge") || appender.equals("logbridge-thin")) {
      LogBridge.install(sdk); // after start(): the appender creates the bridge with its settings
    }
    return new LogbackRig(context, logger);
  }

  private static Appender<ILoggingEvent> newAppender(
      String appender,
      boolean captureMdc,
      boolean captureThread,
      int queueCapacity,
      OpenTelemetrySdk sdk) {
    switch (appender) {
      case "noop":
        return new NoopAppender();
      case "escape":
        return new EscapingAppender();
      case "upstream":
        OpenTelemetryAppender upstream = new OpenTelemetryAppender();
        upstream.setOpenTelemetry(sdk);
        if (captureMdc) {
          upstream.setMdcAttributesIncluded("*");
        }
        return upstream;
      case "logbridge":
        Accounting.freshBridge();
        LogBridgeAppender ours = new LogBridgeAppender();
        ours.setCaptureMdc(captureMdc);
        ours.setCaptureThread(captureThread);
        if (queueCapacity > 0) {
          ours.setQueueCapacity(queueCapacity);
        }
        ours.setShutdownHook(false);
        return ours;
      // The thin-append experiment (ThinAppenders), not in the default parameter list.
      case "escape-thin":
        return new ThinAppenders.EscapeThinAppender();
      case "logbridge-thin":
        Accounting.freshBridge();
        return new ThinAppenders.LogbridgeThinAppender(captureMdc);
      default:
        throw new IllegalArgumentException("unknown appender " + appender);
    }
  }

  Logger logger() {
    return logger;
  }

  /** Prints the first warnings the appenders reported (logbridge reports drops here), then stops. */
  void stop() {
    context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getEffectiveLevel() >= Status.WARN)
        .limit(5)
        .forEach(status -> System.out.println("status: " + status));
    context.stop();
  }

  /**
   * An appender that only publishes the event to a field: the floor for any appender that reads
   * the event outside the inlined call tree. With the no-op appender the JIT removes Logback's
   * {@code LoggingEvent} (and its clock read's {@code Instant}) altogether; here they are
   * allocated, as they are for every real appender.
   */
  static final class EscapingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final EscapeSink sink = new EscapeSink();

    @Override
    protected void append(ILoggingEvent event) {
      sink.keep(event);
    }
  }

  /** An appender that does nothing: the framework's floor. */
  static final class NoopAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      // Deliberately empty.
    }
  }
}
