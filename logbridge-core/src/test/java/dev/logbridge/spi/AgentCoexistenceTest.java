package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentCoexistenceTest {
  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private Bridge bridge;

  @BeforeEach
  void startBridge() {
    AgentCoexistence.forgetNotices();
    bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    bridge.addStatusListener((level, message) -> statuses.add(level + " " + message));
  }

  @AfterEach
  void stopBridge() {
    bridge.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void withoutTheAgentTheAdapterBridgesEveryKeyAndSaysNothing() {
    AgentCoexistence decision = decide(JavaAgent.of(false, name -> null));

    assertThat(decision.bridges()).isTrue();
    assertThat(decision.contextFilter(KeyFilter.all()).test("trace_id")).isTrue();
    assertThat(statuses).isEmpty();
  }

  @Test
  void withTheAgentsBridgeOnByDefaultTheAdapterStepsAsideAndNamesTheFlagOnce() {
    JavaAgent agent = JavaAgent.of(true, name -> null);

    assertThat(decide(agent).bridges()).isFalse();
    assertThat(decide(agent).bridges()).isFalse();

    assertThat(statuses).hasSize(1);
    assertThat(statuses.get(0))
        .startsWith("WARN ")
        .contains("steps aside")
        .contains("-Dotel.instrumentation.logback-appender.enabled=false");
  }

  @Test
  void withTheAgentsBridgeOffTheAdapterBridgesWithoutTheAgentsMdcKeys() {
    JavaAgent agent =
        JavaAgent.of(true, Map.of("otel.instrumentation.logback-appender.enabled", "false")::get);

    AgentCoexistence decision = decide(agent);

    assertThat(decision.bridges()).isTrue();
    KeyFilter filter = decision.contextFilter(KeyFilter.all());
    assertThat(filter.test("trace_id")).isFalse();
    assertThat(filter.test("span_id")).isFalse();
    assertThat(filter.test("trace_flags")).isFalse();
    assertThat(filter.test("user")).isTrue();
    assertThat(statuses)
        .singleElement()
        .asString()
        .startsWith("INFO ")
        .contains("trace_id, span_id, trace_flags");
  }

  @Test
  void theAgentsRenamedMdcKeysAreLeftOutAndNoneWhenItsMdcInstrumentationIsOff() {
    JavaAgent renamed =
        JavaAgent.of(
            true,
            Map.of(
                    "otel.instrumentation.logback-appender.enabled", "false",
                    "otel.instrumentation.common.logging.trace-id", "tid")
                ::get);
    KeyFilter filter = decide(renamed).contextFilter(KeyFilter.all());
    assertThat(filter.test("tid")).isFalse();
    assertThat(filter.test("trace_id")).isTrue();

    JavaAgent mdcOff =
        JavaAgent.of(
            true,
            Map.of(
                    "otel.instrumentation.logback-appender.enabled", "false",
                    "otel.instrumentation.logback-mdc.enabled", "false")
                ::get);
    assertThat(decide(mdcOff).contextFilter(KeyFilter.all()).test("trace_id")).isTrue();
  }

  @Test
  void eitherOfTheAgentsNamesForItsBridgeTurnsItOffOrOnAsTheAgentDecides() {
    JavaAgent versionedOff =
        JavaAgent.of(
            true, Map.of("otel.instrumentation.logback-appender-1.0.enabled", "false")::get);
    assertThat(decide(versionedOff).bridges()).isTrue();

    JavaAgent oneNameOff =
        JavaAgent.of(
            true,
            Map.of(
                    "otel.instrumentation.logback-appender.enabled", "true",
                    "otel.instrumentation.logback-appender-1.0.enabled", "false")
                ::get);
    assertThat(decide(oneNameOff).bridges()).isTrue();

    JavaAgent offByDefaultOneNameOn =
        JavaAgent.of(
            true,
            Map.of(
                    "otel.instrumentation.common.default-enabled", "false",
                    "otel.instrumentation.logback-appender-1.0.enabled", "true")
                ::get);
    assertThat(decide(offByDefaultOneNameOn).bridges()).isFalse();
  }

  @Test
  void instrumentationsOffByDefaultLeaveTheFrameworkToLogbridge() {
    JavaAgent agent =
        JavaAgent.of(true, Map.of("otel.instrumentation.common.default-enabled", "false")::get);

    AgentCoexistence decision = decide(agent);

    assertThat(decision.bridges()).isTrue();
    assertThat(decision.contextFilter(KeyFilter.all()).test("trace_id")).isTrue();
  }

  private AgentCoexistence decide(JavaAgent agent) {
    return AgentCoexistence.decide(
        agent, bridge, "Logback", JavaAgent.LOGBACK_APPENDER, JavaAgent.LOGBACK_MDC);
  }
}
