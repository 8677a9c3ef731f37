package dev.logbridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.EveryBridgeKey;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bad attribute of {@code <LogBridge>} is reported once, on Log4j's StatusLogger and on
 * logbridge's status channel; its key keeps the default, the appender is built, starts and
 * bridges.
 */
@Timeout(30)
class LogBridgeAppenderSettingsTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = LogManager.getLogger("com.example.Log4jSettings");
  private final List<String> status = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    ThreadContext.clearAll();
    Log4jFixture.tearDown();
    otel.close();
  }

  @Test
  void aBadBridgeSettingKeepsItsDefaultWhileTheGoodOnesApply() {
    List<String> statusLogger = new CopyOnWriteArrayList<>();
    LogBridgeAppender appender =
        Log4jFixture.withStatusLoggerErrorsInto(
            statusLogger,
            () -> Log4jFixture.configure("queueCapacity=\"-5\" maxBodyLength=\"100\"", false));
    LogBridge.install(otel.sdk());

    logger.info("x".repeat(300));

    assertThat(appender).isNotNull();
    assertThat(appender.isStarted()).isTrue();
    assertThat(otel.onlyLogAfterFlush().getBodyValue().asString()).hasSizeLessThanOrEqualTo(100);
    assertThat(appender.getBridge().settings().maxBodyLength()).isEqualTo(100);
    assertThat(appender.getBridge().queueCapacity())
        .isEqualTo(BridgeSettings.DEFAULT_QUEUE_CAPACITY);
    assertThat(statusLogger)
        .filteredOn(
            m ->
                m.contains(
                    "invalid value \"-5\" for queueCapacity (must be an integer"
                        + " from 1 to 268435456); using the default 8192"))
        .hasSize(1);
  }

  @Test
  void theNoticeSettingsAreReadFromTheConfiguration() {
    List<String> statusLogger = new CopyOnWriteArrayList<>();
    LogBridgeAppender appender =
        Log4jFixture.withStatusLoggerErrorsInto(
            statusLogger,
            () ->
                Log4jFixture.configure(
                    "noticesToStderr=\"false\" installWaitNoticeMillis=\"2500\"", false));

    assertThat(appender.getBridge().settings().noticesToStderr()).isFalse();
    assertThat(appender.getBridge().settings().installWaitNotice())
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(statusLogger).isEmpty();
  }

  @Test
  void aBadAppenderSettingIsReportedOnceOnBothChannelsAndTheAppenderStillBridges() {
    // The bridge exists before Log4j builds the appender, so a listener sees every message.
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogBridge.global(BridgeSettings.builder().shutdownHookEnabled(false).build())
        .addStatusListener((level, message) -> status.add(level + " " + message));
    List<String> statusLogger = new CopyOnWriteArrayList<>();
    LogBridgeAppender appender =
        Log4jFixture.withStatusLoggerErrorsInto(
            statusLogger,
            () ->
                Log4jFixture.configureOnRunningBridge(
                    "contextDataInclude=\"a,,b\" captureMarker=\"false\"", false));
    LogBridge.install(otel.sdk());
    ThreadContext.put("request.id", "r-1");

    logger.info(MarkerManager.getMarker("AUDIT"), "bridged with every context key");

    assertThat(appender.isStarted()).isTrue();
    LogRecordData log = otel.onlyLogAfterFlush();
    // The bad include list fell back to "*": the key is kept. The good key took effect.
    assertThat(log.getAttributes().get(AttributeKey.stringKey("request.id"))).isEqualTo("r-1");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("log4j.marker"))).isNull();
    String problem =
        "invalid value \"a,,b\" for contextDataInclude (an item of the"
            + " comma-separated list is blank); using the default *";
    assertThat(statusLogger).filteredOn(m -> m.contains(problem)).hasSize(1);
    assertThat(status)
        .filteredOn(m -> m.contains(problem))
        .hasSize(1)
        .allSatisfy(m -> assertThat(m).startsWith("ERROR "));
  }

  @Test
  void everyAppenderKeyFallsBackOnItsOwn() {
    List<String> statusLogger = new CopyOnWriteArrayList<>();
    LogBridgeAppender appender =
        Log4jFixture.withStatusLoggerErrorsInto(
            statusLogger,
            () ->
                Log4jFixture.configure(
                    "contextDataExclude=\",\" mapMessageInclude=\"k,\""
                        + " mapMessageExclude=\",x\" stopFlushTimeoutMillis=\"-1\""
                        + " stallThresholdMillis=\"0\" stallIntervalMillis=\"5\" maxRenderDepth=\"0\""
                        + " maxCollectionElements=\"7\" shutdownHookTimeoutMillis=\"100\""
                        + " statusIntervalMillis=\"-2\"",
                    false));
    LogBridge.install(otel.sdk());

    logger.info("still bridged");

    assertThat(appender.isStarted()).isTrue();
    assertThat(otel.onlyLogAfterFlush().getBodyValue().asString()).isEqualTo("still bridged");
    BridgeSettings settings = appender.getBridge().settings();
    assertThat(settings.maxCollectionElements()).isEqualTo(7);
    assertThat(settings.shutdownHookTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.maxRenderDepth()).isEqualTo(BridgeSettings.DEFAULT_MAX_RENDER_DEPTH);
    assertThat(settings.statusInterval()).isEqualTo(BridgeSettings.DEFAULT_STATUS_INTERVAL);
    for (String keyAndValue :
        List.of(
            "\",\" for contextDataExclude",
            "\"k,\" for mapMessageInclude",
            "\",x\" for mapMessageExclude",
            "\"-1\" for stopFlushTimeoutMillis",
            "\"0\" for stallThresholdMillis",
            "\"5\" for stallIntervalMillis",
            "\"0\" for maxRenderDepth",
            "\"-2\" for statusIntervalMillis")) {
      assertThat(statusLogger)
          .as(keyAndValue)
          .filteredOn(m -> m.contains("invalid value " + keyAndValue))
          .hasSize(1);
    }
  }

  @Test
  void everyBridgeWideKeyIsReadFromTheLogBridgeElement() {
    List<String> statusLogger = new CopyOnWriteArrayList<>();
    // shutdownHook="false" comes from the fixture; every other key is set here.
    LogBridgeAppender appender =
        Log4jFixture.withStatusLoggerErrorsInto(
            statusLogger,
            () ->
                Log4jFixture.configure(
                    EveryBridgeKey.as((key, value) -> key + "=\"" + value + "\"", " "), false));

    BridgeSettings expected = EveryBridgeKey.expected();
    assertThat(appender.getBridge().settings()).isEqualTo(expected);
    assertThat(statusLogger).isEmpty();
  }
}
