package dev.logbridge.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.LogBridge;
import dev.logbridge.PipelineBatchProcessor;
import dev.logbridge.logback.LogBridgeAppender;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program as users write them, run in its own JVM by {@link ShortLivedMainTest}: Logback with
 * logbridge's appender, an OTLP/HTTP exporter, {@code LogBridge.install}, a few records, then the
 * SDK closed at once and {@code main} returns. In the {@code log-after-close} variant it keeps
 * logging after closing the SDK, as an application does whose framework destroys the SDK bean
 * before logging stops.
 *
 * <p>Arguments: the receiver's logs endpoint, {@code pipeline} or {@code batch} (the log
 * processor), {@code exit}, {@code log-after-close} or {@code never-install} (no SDK is built or
 * installed: the records wait, overflow the queue and are left pending at exit), and how many
 * records to log before the close.
 */
public final class ShortLivedMain {
  static final int AFTER_CLOSE = 10;

  private ShortLivedMain() {}

  public static void main(String[] args) {
    String endpoint = args[0];
    boolean pipeline = args[1].equals("pipeline");
    boolean logAfterClose = args[2].equals("log-after-close");
    boolean neverInstall = args[2].equals("never-install");
    int before = Integer.parseInt(args[3]);

    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.reset();
    LogBridgeAppender appender = new LogBridgeAppender();
    appender.setContext(logback);
    appender.setName("OTEL");
    appender.start();
    ch.qos.logback.classic.Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);

    Logger log = LoggerFactory.getLogger("com.example.ShortLived");
    if (neverInstall) {
      for (int i = 0; i < before; i++) {
        log.info("never-installed-{}", i);
      }
      return;
    }

    LogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build();
    LogRecordProcessor processor = pipeline
        ? PipelineBatchProcessor.builder(exporter).build()
        : BatchLogRecordProcessor.builder(exporter).build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(processor).build())
        .build();
    LogBridge.install(sdk);

    for (int i = 0; i < before; i++) {
      log.info("before-close-{}", i);
    }
    sdk.close();
    if (logAfterClose) {
      for (int i = 0; i < AFTER_CLOSE; i++) {
        log.info("after-close-{}", i);
      }
    }
  }
}
