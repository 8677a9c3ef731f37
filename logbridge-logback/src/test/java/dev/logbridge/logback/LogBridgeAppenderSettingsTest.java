package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.EveryBridgeKey;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * A bad value in logback.xml is reported once, on Logback's status manager and on logbridge's
 * status channel; its key keeps the default, the appender starts and bridges.
 */
@Timeout(30)
class LogBridgeAppenderSettingsTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Logger logger = LoggerFactory.getLogger("com.example.LogbackSettings");
  private final List<String> status = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    MDC.clear();
    LogbackFixture.tearDown();
    otel.close();
  }

  @Test
  void aBadBridgeSettingKeepsItsDefaultWhileTheGoodOnesApply() {
    LoggerContext context =
        LogbackFixture.configure(
            "<queueCapacity>-5</queueCapacity><maxBodyLength>100</maxBodyLength>");
    LogBridge.install(otel.sdk());
    LogBridgeAppender appender = LogbackFixture.appender(context);

    logger.info("x".repeat(300));

    assertThat(appender.isStarted()).isTrue();
    assertThat(otel.onlyLogAfterFlush().getBodyValue().asString()).hasSizeLessThanOrEqualTo(100);
    assertThat(appender.getBridge().settings().maxBodyLength()).isEqualTo(100);
    assertThat(appender.getBridge().queueCapacity())
        .isEqualTo(BridgeSettings.DEFAULT_QUEUE_CAPACITY);
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR))
        .filteredOn(
            m ->
                m.contains(
                    "invalid value \"-5\" for queueCapacity (must be an integer"
                        + " from 1 to 268435456); using the default 8192"))
        .hasSize(1);
  }

  @Test
  void theNoticeSettingsAreReadFromLogbackXml() {
    LoggerContext context =
        LogbackFixture.configure(
            "<noticesToStderr>false</noticesToStderr><installWaitNoticeMillis>2500"
                + "</installWaitNoticeMillis>");
    BridgeSettings settings = LogbackFixture.appender(context).getBridge().settings();

    assertThat(settings.noticesToStderr()).isFalse();
    assertThat(settings.installWaitNotice()).isEqualTo(Duration.ofMillis(2500));
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR)).isEmpty();
  }

  @Test
  void aBadAppenderSettingIsReportedOnceOnBothChannelsAndTheAppenderStillBridges() {
    // The bridge exists before Logback starts the appender, so a listener sees every message.
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogBridge.global(BridgeSettings.builder().shutdownHookEnabled(false).build())
        .addStatusListener((level, message) -> status.add(level + " " + message));
    LoggerContext context =
        LogbackFixture.configureOnRunningBridge(
            "<mdcInclude>a,,b</mdcInclude><captureMarkers>false</captureMarkers>");
    LogBridge.install(otel.sdk());
    MDC.put("request.id", "r-1");

    logger.info(MarkerFactory.getMarker("AUDIT"), "bridged with every MDC key");

    assertThat(LogbackFixture.appender(context).isStarted()).isTrue();
    LogRecordData log = otel.onlyLogAfterFlush();
    // The bad include list fell back to "*": the key is kept. The good key took effect.
    assertThat(log.getAttributes().get(AttributeKey.stringKey("request.id"))).isEqualTo("r-1");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("logback.marker"))).isNull();
    String problem =
        "invalid value \"a,,b\" for mdcInclude (an item of the comma-separated list"
            + " is blank); using the default *";
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR))
        .filteredOn(m -> m.contains(problem))
        .hasSize(1);
    assertThat(status)
        .filteredOn(m -> m.contains(problem))
        .hasSize(1)
        .allSatisfy(m -> assertThat(m).startsWith("ERROR "));
  }

  @Test
  void everyBridgeWideKeyIsReadFromLogbackXml() {
    // shutdownHook=false comes from the fixture; every other key is set here.
    LoggerContext context =
        LogbackFixture.configure(
            EveryBridgeKey.as((key, value) -> "<" + key + ">" + value + "</" + key + ">", ""));

    BridgeSettings expected = EveryBridgeKey.expected();
    assertThat(LogbackFixture.appender(context).getBridge().settings()).isEqualTo(expected);
    assertThat(LogbackFixture.statusMessages(context, Status.ERROR)).isEmpty();
  }

  @Test
  void everyAppenderKeyFallsBackOnItsOwn() {
    LoggerContext context =
        LogbackFixture.configure(
            "<mdcExclude>,</mdcExclude><keyValueInclude>k,</keyValueInclude>"
                + "<keyValueExclude>,x</keyValueExclude><stopFlushTimeoutMillis>-1"
                + "</stopFlushTimeoutMillis><stallThresholdMillis>0</stallThresholdMillis>"
                + "<stallIntervalMillis>5</stallIntervalMillis><maxRenderDepth>0</maxRenderDepth>"
                + "<maxCollectionElements>7</maxCollectionElements>"
                + "<shutdownHookTimeoutMillis>100</shutdownHookTimeoutMillis>"
                + "<statusIntervalMillis>-2</statusIntervalMillis>"
                // Not a number: Logback's own conversion error; the setter is never called.
                + "<batchSize>lots</batchSize>");
    LogBridge.install(otel.sdk());
    LogBridgeAppender appender = LogbackFixture.appender(context);

    logger.info("still bridged");

    assertThat(appender.isStarted()).isTrue();
    assertThat(otel.onlyLogAfterFlush().getBodyValue().asString()).isEqualTo("still bridged");
    BridgeSettings settings = appender.getBridge().settings();
    assertThat(settings.maxCollectionElements()).isEqualTo(7);
    assertThat(settings.shutdownHookTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.maxRenderDepth()).isEqualTo(BridgeSettings.DEFAULT_MAX_RENDER_DEPTH);
    assertThat(settings.statusInterval()).isEqualTo(BridgeSettings.DEFAULT_STATUS_INTERVAL);
    assertThat(settings.batchSize()).isEqualTo(BridgeSettings.DEFAULT_BATCH_SIZE);
    List<String> errors = LogbackFixture.statusMessages(context, Status.ERROR);
    for (String keyAndValue :
        List.of(
            "\",\" for mdcExclude",
            "\"k,\" for keyValueInclude",
            "\",x\" for keyValueExclude",
            "\"-1\" for stopFlushTimeoutMillis",
            "\"0\" for stallThresholdMillis",
            "\"5\" for stallIntervalMillis",
            "\"0\" for maxRenderDepth",
            "\"-2\" for statusIntervalMillis")) {
      assertThat(errors)
          .as(keyAndValue)
          .filteredOn(m -> m.contains("invalid value " + keyAndValue))
          .hasSize(1);
    }
  }
}
