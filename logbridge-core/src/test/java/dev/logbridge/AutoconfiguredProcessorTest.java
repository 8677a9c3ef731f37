package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK logbridge autoconfigures exports through PipelineBatchProcessor unless told not to. */
class AutoconfiguredProcessorTest {
  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);
  private static final Map<String, String> PROPERTIES =
      Map.of(
          "otel.logs.exporter", AutoconfigureTestExporter.NAME,
          "otel.traces.exporter", "none",
          "otel.metrics.exporter", "none",
          "otel.blrp.schedule.delay", "50");

  private final List<String> setProperties = new CopyOnWriteArrayList<>();
  private Bridge bridge;

  @AfterEach
  void tearDown() {
    if (bridge != null) {
      bridge.shutdown(Duration.ofSeconds(5));
    }
    setProperties.forEach(System::clearProperty);
    AutoconfigureTestExporter.last = null;
  }

  @Test
  void autoconfiguredRecordsAreExportedOnThePipelineThreadWithTheBlrpSettings() {
    Bridge bridge = autoconfiguredBridge(Map.of());

    for (int i = 0; i < 3; i++) {
      bridge.capture("com.example", "r" + i, BODY);
    }

    // No flush: the partial batch leaves after otel.blrp.schedule.delay (50 ms), from the
    // pipeline's idle loop. Behind the SDK's batch processor its worker would export it.
    await().atMost(Duration.ofSeconds(10)).until(() -> exporter().bodies().size() == 3);
    assertThat(exporter().bodies()).containsExactly("r0", "r1", "r2");
    assertThat(exporter().threads()).containsOnly("logbridge-pipeline");
  }

  @Test
  void theExporterIsShutDownOnceWhenTheBridgeShutsDownTheSdkItBuilt() {
    Bridge bridge = autoconfiguredBridge(Map.of());
    bridge.capture("com.example", "r", BODY);
    await().atMost(Duration.ofSeconds(10)).until(() -> exporter().bodies().size() == 1);
    // The replaced batch processor's shutdown was swallowed: the exporter is still open.
    assertThat(exporter().shutdowns.get()).isZero();

    assertThat(bridge.shutdown(Duration.ofSeconds(10))).isTrue();

    assertThat(exporter().shutdowns.get()).isEqualTo(1);
  }

  @Test
  void logbridgeProcessorBatchKeepsTheSdkBatchProcessor() {
    Bridge bridge = autoconfiguredBridge(Map.of("logbridge.processor", "batch"));

    bridge.capture("com.example", "r", BODY);

    await().atMost(Duration.ofSeconds(10)).until(() -> exporter().bodies().size() == 1);
    assertThat(exporter().threads().get(0)).startsWith("BatchLogRecordProcessor");
  }

  /**
   * What a Spring Environment resolved: the exporter, its settings and the service name come
   * from the map alone, and its value stands in front of the system property.
   */
  @Test
  void propertiesTheApplicationGivesAreUsedInFrontOfTheSystemProperties() {
    setAll(Map.of("otel.service.name", "from-a-system-property"));
    Map<String, String> given = new HashMap<>(PROPERTIES);
    given.put("otel.service.name", "from-the-application");
    bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());

    bridge.enableAutoconfigure(given);
    bridge.capture("com.example", "r", BODY);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> AutoconfigureTestExporter.last != null && exporter().bodies().size() == 1);
    assertThat(exporter().exportedServiceNames).containsExactly("from-the-application");
    assertThat(exporter().threads()).containsOnly("logbridge-pipeline");
  }

  @Test
  void anUnknownProcessorChoiceFailsAutoconfigurationWithAClearMessage() {
    List<String> status = new CopyOnWriteArrayList<>();
    setAll(PROPERTIES);
    setAll(Map.of("logbridge.processor", "fastest"));
    bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    bridge.addStatusListener((level, message) -> status.add(level + " " + message));

    bridge.enableAutoconfigure();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                status.stream()
                    .anyMatch(
                        s -> s.contains("logbridge.processor must be 'pipeline' or 'batch'")));
    assertThat(bridge.isInstalled()).isFalse();
  }

  private Bridge autoconfiguredBridge(Map<String, String> extra) {
    setAll(PROPERTIES);
    setAll(extra);
    bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    bridge.enableAutoconfigure();
    await().atMost(Duration.ofSeconds(30)).until(bridge::isInstalled);
    return bridge;
  }

  private void setAll(Map<String, String> properties) {
    properties.forEach(
        (key, value) -> {
          System.setProperty(key, value);
          setProperties.add(key);
        });
  }

  private static RecordingExporter exporter() {
    RecordingExporter exporter = AutoconfigureTestExporter.last;
    assertThat(exporter).as("autoconfiguration built the test exporter").isNotNull();
    return exporter;
  }
}
