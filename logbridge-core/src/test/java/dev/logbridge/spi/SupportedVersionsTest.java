package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.internal.OpenTelemetryApiSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SupportedVersionsTest {
  @Test
  void comparesVersionsByTheirNumbersIgnoringQualifiers() {
    assertThat(SupportedVersions.compare("1.5.20", "1.5.38")).isNegative();
    assertThat(SupportedVersions.compare("1.49.0", "1.49.0")).isZero();
    assertThat(SupportedVersions.compare("1.68.0-alpha", "1.49.0")).isPositive();
    assertThat(SupportedVersions.compare("2.0", "2.0.0")).isZero();
    assertThat(SupportedVersions.compare("2.0.0-alpha1", "2.0.0")).isZero();
    assertThat(SupportedVersions.compare("1.10.0", "1.9.9")).isPositive();
  }

  @Test
  void theCurrentOpenTelemetryApiIsSupportedAndLacksNothing() {
    Bridge bridge = Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
    List<String> statuses = new CopyOnWriteArrayList<>();
    bridge.addStatusListener((level, message) -> statuses.add(level + " " + message));
    try {
      assertThat(SupportedVersions.check(bridge)).isEmpty();
      assertThat(statuses).isEmpty();
      assertThat(OpenTelemetryApiSupport.apiVersion()).matches("1\\.\\d+\\.\\d+.*");
      assertThat(OpenTelemetryApiSupport.limitations()).isEmpty();
    } finally {
      bridge.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void aVersionBelowItsFloorGivesOneLineNamingFoundAndNeeded() {
    assertThat(SupportedVersions.tooOldLine("Logback", "1.4.14", SupportedVersions.LOGBACK))
        .isEqualTo(
            "logbridge needs Logback 1.5.0 or newer, found 1.4.14;"
                + " upgrade it (logbridge keeps running, but may lose records)");
    assertThat(SupportedVersions.tooOldLine("Logback", "1.5.20", SupportedVersions.LOGBACK))
        .isNull();
    assertThat(SupportedVersions.tooOldLine("Logback", null, SupportedVersions.LOGBACK)).isNull();
    assertThat(
            SupportedVersions.tooOldLine(
                "opentelemetry-api", "1.38.0", SupportedVersions.OPENTELEMETRY))
        .contains("found 1.38.0")
        .contains("1.49.0 or newer");
  }
}
