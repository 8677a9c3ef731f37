package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeSettingsParseTest {

  @Test
  void anInvalidValueKeepsItsKeysDefaultAndEveryValidKeyStillApplies() {
    Map<String, String> props = new HashMap<>();
    props.put("queueCapacity", "-5");
    props.put("maxBodyLength", "100");
    props.put("shutdownHook", "false");

    BridgeSettings.Parsed parsed = BridgeSettings.parse(props::get);

    assertThat(parsed.settings().queueCapacity()).isEqualTo(BridgeSettings.DEFAULT_QUEUE_CAPACITY);
    assertThat(parsed.settings().maxBodyLength()).isEqualTo(100);
    assertThat(parsed.settings().shutdownHookEnabled()).isFalse();
    assertThat(parsed.problems())
        .containsExactly(
            new SettingProblem(
                "queueCapacity", "-5", "must be an integer from 1 to 268435456", "8192"));
    assertThat(parsed.problems().get(0).message())
        .isEqualTo(
            "invalid value \"-5\" for"
                + " queueCapacity (must be an integer from 1 to 268435456); using the default 8192");
  }

  @Test
  void everySettingIsReadable() {
    Map<String, String> props = new HashMap<>();
    props.put("queueCapacity", "1024");
    props.put("batchSize", "64");
    props.put("maxAttributes", "10");
    props.put("maxAttributeValueLength", "100");
    props.put("maxBodyLength", "200");
    props.put("maxStackTraceLength", "300");
    props.put("maxRenderDepth", "2");
    props.put("maxCollectionElements", "5");
    props.put("excludedLoggerPrefixes", "io.opentelemetry, com.acme");
    props.put("shutdownHook", "FALSE");
    props.put("shutdownHookTimeoutMillis", "500");
    props.put("statusIntervalMillis", "1000");
    props.put("noticesToStderr", "false");
    props.put("installWaitNoticeMillis", "2500");

    BridgeSettings.Parsed parsed = BridgeSettings.parse(props::get);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.settings())
        .isEqualTo(
            BridgeSettings.builder()
                .queueCapacity(1024)
                .batchSize(64)
                .maxAttributes(10)
                .maxAttributeValueLength(100)
                .maxBodyLength(200)
                .maxStackTraceLength(300)
                .maxRenderDepth(2)
                .maxCollectionElements(5)
                .excludedLoggerPrefixes(List.of("io.opentelemetry", "com.acme"))
                .shutdownHookEnabled(false)
                .shutdownHookTimeout(Duration.ofMillis(500))
                .statusInterval(Duration.ofSeconds(1))
                .noticesToStderr(false)
                .installWaitNotice(Duration.ofMillis(2500))
                .build());
  }

  @Test
  void eachInvalidValueIsOneProblemNamingKeyValueAndDefault() {
    Map<String, String> props = new HashMap<>();
    props.put("batchSize", "lots");
    props.put("maxRenderDepth", "65");
    props.put("excludedLoggerPrefixes", "io.opentelemetry,,com.acme");
    props.put("shutdownHook", "sometimes");
    props.put("statusIntervalMillis", "-1");

    BridgeSettings.Parsed parsed = BridgeSettings.parse(props::get);

    // Nothing valid was set: null, so the defaults conflict with no bridge already running.
    assertThat(parsed.settings()).isNull();
    assertThat(parsed.problems())
        .extracting(SettingProblem::key, SettingProblem::value, SettingProblem::defaultUsed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("batchSize", "lots", "512"),
            org.assertj.core.groups.Tuple.tuple("maxRenderDepth", "65", "4"),
            org.assertj.core.groups.Tuple.tuple(
                "excludedLoggerPrefixes",
                "io.opentelemetry,,com.acme",
                "io.opentelemetry,dev.logbridge,okhttp3.internal,jdk.internal.httpclient"),
            org.assertj.core.groups.Tuple.tuple("shutdownHook", "sometimes", "true"),
            org.assertj.core.groups.Tuple.tuple("statusIntervalMillis", "-1", "30000"));
  }

  @Test
  void absentAndBlankValuesAreNotProblems() {
    Map<String, String> props = new HashMap<>();
    props.put("queueCapacity", "  ");

    BridgeSettings.Parsed parsed = BridgeSettings.parse(props::get);

    assertThat(parsed.settings()).isNull();
    assertThat(parsed.problems()).isEmpty();
  }
}
