package dev.logbridge.jul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ListResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LogBridgeHandlerTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = Logger.getLogger("com.example.Jul");

  @AfterEach
  void tearDown() {
    JulFixture.tearDown();
    otel.close();
  }

  private void start(String... properties) {
    JulFixture.configure(properties);
    LogBridge.install(otel.sdk());
  }

  /** A JUL level with a custom value, to check the numeric mapping. */
  private static final class CustomLevel extends Level {
    private static final long serialVersionUID = 1L;

    CustomLevel(String name, int value) {
      super(name, value);
    }
  }

  @Test
  void everyStandardAndCustomLevelMapsByValue() {
    start();

    Level[] levels = {
      Level.FINEST,
      Level.FINER,
      Level.FINE,
      Level.CONFIG,
      Level.INFO,
      Level.WARNING,
      Level.SEVERE,
      new CustomLevel("NOTICE", 850),
      new CustomLevel("ALERT", 950),
      new CustomLevel("EMERGENCY", 1100),
      new CustomLevel("TRACE2", 350)
    };
    for (Level level : levels) {
      logger.log(level, "at " + level.getName());
    }

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(LogRecordData::getSeverity)
        .containsExactly(
            Severity.TRACE,
            Severity.DEBUG,
            Severity.DEBUG2,
            Severity.DEBUG3,
            Severity.INFO,
            Severity.WARN,
            Severity.ERROR,
            Severity.INFO2,
            Severity.WARN2,
            Severity.FATAL,
            Severity.TRACE2);
    assertThat(otel.logs())
        .extracting(LogRecordData::getSeverityText)
        .containsExactly(
            "FINEST",
            "FINER",
            "FINE",
            "CONFIG",
            "INFO",
            "WARNING",
            "SEVERE",
            "NOTICE",
            "ALERT",
            "EMERGENCY",
            "TRACE2");
  }

  @Test
  void formatsParametersAndResourceBundlesAsTheJdkFormatterDoes() {
    start();
    java.util.ResourceBundle bundle =
        new ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {{"greeting", "hello {0}, you owe {1}"}};
          }
        };

    logger.log(Level.INFO, "user {0} paid {1}", new Object[] {"alice", 42});
    LogRecord localized = new LogRecord(Level.INFO, "greeting");
    localized.setResourceBundle(bundle);
    localized.setParameters(new Object[] {"bob", 7});
    localized.setLoggerName(logger.getName());
    logger.log(localized);
    logger.log(Level.INFO, "no placeholder", "ignored");
    logger.log(
        Level.INFO,
        "{0} broken",
        new Object[] {
          new Object() {
            @Override
            public String toString() {
              throw new IllegalStateException("boom");
            }
          }
        });
    // Inert parameters are formatted later on the pipeline thread: same text as the JDK's.
    LogRecord numbers = new LogRecord(Level.INFO, "total {0} ratio {1} at {2}");
    numbers.setParameters(new Object[] {1_234_567, 2.5, java.time.Instant.EPOCH});
    numbers.setLoggerName(logger.getName());
    logger.log(numbers);

    assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
    java.util.logging.Formatter jdk = new java.util.logging.SimpleFormatter();
    assertThat(otel.bodies())
        .containsExactly(
            "user alice paid 42",
            jdk.formatMessage(localized),
            "no placeholder",
            "{0} broken",
            jdk.formatMessage(numbers));
    assertThat(otel.bodies().get(1)).isEqualTo("hello bob, you owe 7");
  }

  @Test
  void keepsNanosecondInstantThreadIdAndOptInSourceMethod() {
    start("captureCodeLocation=true");
    LogRecord record = new LogRecord(Level.INFO, "precise");
    record.setInstant(java.time.Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
    record.setLoggerName(logger.getName());
    record.setLongThreadID(4242L);
    record.setSourceClassName("com.example.Shop");
    record.setSourceMethodName("checkout");

    logger.log(record);

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getTimestampEpochNanos()).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id"))).isEqualTo(4242L);
    assertThat(log.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .isEqualTo("com.example.Shop.checkout");
  }

  @Test
  void aRecordCarryingItsOwnTimeIsObservedWhenCaptured() {
    start();
    java.time.Instant anHourAgo = java.time.Instant.now().minus(Duration.ofHours(1));
    LogRecord replayed = new LogRecord(Level.INFO, "replayed");
    replayed.setInstant(anHourAgo);
    replayed.setLoggerName(logger.getName());

    long before = epochNanos(java.time.Instant.now());
    logger.log(replayed);
    long after = epochNanos(java.time.Instant.now());

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getTimestampEpochNanos()).isEqualTo(epochNanos(anHourAgo));
    assertThat(log.getObservedTimestampEpochNanos()).isBetween(before, after);
  }

  private static long epochNanos(java.time.Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Test
  void threadAttributesCanBeLeftOut() {
    start("captureThread=false");
    LogRecord record = new LogRecord(Level.INFO, "no thread");
    record.setLoggerName(logger.getName());
    record.setLongThreadID(4242L);

    logger.log(record);

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getBodyValue().asString()).isEqualTo("no thread");
    assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id"))).isNull();
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name"))).isNull();
  }

  @Test
  void threadAttributesAreOnByDefault() {
    start();

    logger.info("with thread");

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name")))
        .isEqualTo(Thread.currentThread().getName());
    assertThat(log.getAttributes().get(AttributeKey.longKey("thread.id")))
        .isEqualTo(Thread.currentThread().getId());
  }

  @Test
  void codeLocationIsOffByDefault() {
    start();

    logger.info("plain");

    assertThat(
            otel.onlyLogAfterFlush()
                .getAttributes()
                .get(AttributeKey.stringKey("code.function.name")))
        .isNull();
  }

  @Test
  void systemLoggerRoutesThroughJulIntoTheBridge() {
    start();
    System.Logger platform = System.getLogger("com.example.Platform");

    platform.log(System.Logger.Level.WARNING, "disk {0} at {1}%", "sda", 91);

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getBodyValue().asString()).isEqualTo("disk sda at 91%");
    assertThat(log.getSeverity()).isEqualTo(Severity.WARN);
    assertThat(log.getInstrumentationScopeInfo().getName()).isEqualTo("com.example.Platform");
  }

  @Test
  void theHandlersLevelFiltersRecords() {
    start("level=WARNING");

    logger.info("dropped by level");
    logger.warning("kept");

    assertThat(otel.onlyLogAfterFlush().getBodyValue().asString()).isEqualTo("kept");
  }

  @Test
  void propertiesConfigureTheBridge() {
    LogBridgeHandler handler =
        JulFixture.configure("queueCapacity=1024", "maxAttributes=7", "maxBodyLength=100");

    assertThat(handler.getBridge().settings().queueCapacity()).isEqualTo(1024);
    assertThat(handler.getBridge().settings().maxAttributes()).isEqualTo(7);
    assertThat(handler.getBridge().settings().maxBodyLength()).isEqualTo(100);
    assertThat(LogBridge.global()).isSameAs(handler.getBridge());
  }

  @Test
  void badLevelsAndBooleansAreReportedToo() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      JulFixture.configure("level=LOUD");
      JulFixture.configure("captureCodeLocation=yes");
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("level")
        .contains("LOUD")
        .contains("captureCodeLocation")
        .contains("yes");
  }

  @Test
  void theBuilderFailsFastAndInstallPutsTheHandlerFirstOnTheRoot() {
    assertThatThrownBy(() -> LogBridgeHandler.builder().closeFlushTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closeFlushTimeout");
    assertThatThrownBy(() -> BridgeSettings.builder().queueCapacity(0))
        .hasMessageContaining("queueCapacity");

    JulFixture.configure();
    LogBridgeHandler installed = LogBridgeHandler.builder().level(Level.INFO).install();

    assertThat(Logger.getLogger("").getHandlers()[0]).isSameAs(installed);
    assertThat(installed.getLevel()).isEqualTo(Level.INFO);
  }
}
