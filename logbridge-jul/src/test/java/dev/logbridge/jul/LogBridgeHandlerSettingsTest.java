package dev.logbridge.jul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.EveryBridgeKey;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bad value in {@code logging.properties} is reported once, on JUL's ErrorManager (standard
 * error) and on logbridge's status channel; its key keeps the default and the handler bridges.
 */
@Timeout(30)
class LogBridgeHandlerSettingsTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = Logger.getLogger("com.example.JulSettings");
  private final List<String> status = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    JulFixture.tearDown();
    otel.close();
  }

  @Test
  void aBadBridgeSettingKeepsItsDefaultWhileTheGoodOnesApply() {
    StringBuilder errorManager = new StringBuilder();
    LogBridgeHandler handler =
        withStandardErrorInto(
            errorManager, () -> JulFixture.configure("queueCapacity=-5", "maxBodyLength=100"));
    LogBridge.install(otel.sdk());

    logger.fine("x".repeat(300));

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(log.getBodyValue().asString()).hasSizeLessThanOrEqualTo(100);
    Bridge bridge = handler.getBridge();
    assertThat(bridge.settings().maxBodyLength()).isEqualTo(100);
    assertThat(bridge.queueCapacity()).isEqualTo(BridgeSettings.DEFAULT_QUEUE_CAPACITY);
    assertThat(
            occurrences(
                errorManager.toString(),
                "invalid value \"-5\" for queueCapacity (must be an integer from 1 to 268435456);"
                    + " using the default 8192"))
        .isEqualTo(1);
  }

  @Test
  void aBadHandlerSettingIsReportedOnceOnBothChannelsAndTheHandlerStillBridges() {
    // The bridge exists before JUL configures the handler, so a listener sees every message.
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogBridge.global(BridgeSettings.builder().shutdownHookEnabled(false).build())
        .addStatusListener((level, message) -> status.add(level + " " + message));
    StringBuilder errorManager = new StringBuilder();
    LogBridgeHandler handler =
        withStandardErrorInto(
            errorManager,
            () -> JulFixture.configureOnRunningBridge("level=LOUDEST", "captureCodeLocation=true"));
    LogBridge.install(otel.sdk());

    logger.finest("below every level but ALL");

    LogRecordData log = otel.onlyLogAfterFlush();
    assertThat(handler.getLevel()).isEqualTo(Level.ALL);
    assertThat(log.getBodyValue().asString()).isEqualTo("below every level but ALL");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("code.function.name")))
        .endsWith(".aBadHandlerSettingIsReportedOnceOnBothChannelsAndTheHandlerStillBridges");
    String problem = "invalid value \"LOUDEST\" for level (not a JUL level); using the default ALL";
    assertThat(occurrences(errorManager.toString(), problem)).isEqualTo(1);
    assertThat(status)
        .filteredOn(message -> message.contains(problem))
        .hasSize(1)
        .allSatisfy(message -> assertThat(message).startsWith("ERROR "));
  }

  @Test
  void everyHandlerKeyFallsBackOnItsOwn() {
    StringBuilder errorManager = new StringBuilder();
    LogBridgeHandler handler =
        withStandardErrorInto(
            errorManager,
            () ->
                JulFixture.configure(
                    "captureCodeLocation=yes",
                    "autoconfigure=maybe",
                    "closeFlushTimeoutMillis=-1",
                    "stallWatchdog=on",
                    "stallThresholdMillis=0",
                    "stallIntervalMillis=5",
                    "forwardingHandlers=com.acme.Forwarder,,",
                    "filter=com.acme.MissingFilter",
                    "formatter=java.lang.String",
                    "encoding=NO-SUCH-CHARSET",
                    "batchSize=64"));
    LogBridge.install(otel.sdk());

    logger.info("still bridged");

    assertThat(otel.onlyLogAfterFlush().getBodyValue().asString()).isEqualTo("still bridged");
    assertThat(handler.getFilter()).isNull();
    assertThat(handler.getFormatter()).isNull();
    assertThat(handler.getEncoding()).isNull();
    assertThat(handler.getBridge().settings().batchSize()).isEqualTo(64);
    String reported = errorManager.toString();
    for (String keyAndValue :
        List.of(
            "\"yes\" for captureCodeLocation",
            "\"maybe\" for autoconfigure",
            "\"-1\" for closeFlushTimeoutMillis",
            "\"on\" for stallWatchdog",
            "\"0\" for stallThresholdMillis",
            "\"5\" for stallIntervalMillis",
            "\"com.acme.Forwarder,,\" for forwardingHandlers",
            "\"com.acme.MissingFilter\" for filter",
            "\"java.lang.String\" for formatter",
            "\"NO-SUCH-CHARSET\" for encoding")) {
      assertThat(occurrences(reported, "invalid value " + keyAndValue))
          .as(keyAndValue)
          .isEqualTo(1);
    }
  }

  @Test
  void everyBridgeWideKeyIsReadFromLoggingProperties() {
    StringBuilder errorManager = new StringBuilder();
    // shutdownHook=false comes from the fixture; every other key is set here.
    LogBridgeHandler handler =
        withStandardErrorInto(
            errorManager,
            () ->
                JulFixture.configure(
                    EveryBridgeKey.values().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new)));

    BridgeSettings expected = EveryBridgeKey.expected();
    assertThat(handler.getBridge().settings()).isEqualTo(expected);
    assertThat(errorManager.toString()).doesNotContain("invalid value");
  }

  /** Runs {@code action} with System.err (where JUL's default ErrorManager writes) captured. */
  private static <T> T withStandardErrorInto(StringBuilder into, Supplier<T> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return action.get();
    } finally {
      System.setErr(original);
      into.append(captured.toString(StandardCharsets.UTF_8));
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }
}
