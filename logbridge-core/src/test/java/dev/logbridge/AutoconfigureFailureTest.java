package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

class AutoconfigureFailureTest {
  @Test
  void theCauseHiddenBehindUnexpectedConfigurationErrorIsNamedWithItsFix() {
    Throwable failure =
        new ConfigurationException(
            "Unexpected configuration error",
            new IllegalStateException("No GrpcSenderProvider found on classpath"));

    assertThat(AutoconfigureFailure.explain(failure))
        .contains("Unexpected configuration error")
        .contains("caused by java.lang.IllegalStateException: No GrpcSenderProvider")
        .contains("Fix: the grpc protocol needs a gRPC sender")
        .endsWith("Records wait for LogBridge.install() or GlobalOpenTelemetry");
  }

  @Test
  void aMissingHttpSenderNamesTheArtifactToAdd() {
    Throwable failure =
        new ConfigurationException(
            "Unexpected configuration error",
            new IllegalStateException("No HttpSenderProvider found on classpath"));

    assertThat(AutoconfigureFailure.explain(failure))
        .contains(
            "Fix: add an HTTP sender to the class path: "
                + "io.opentelemetry:opentelemetry-exporter-sender-jdk");
  }

  @Test
  void anUnknownCauseIsStillNamedWithoutAGuessedFix() {
    Throwable failure =
        new ConfigurationException(
            "Unexpected configuration error", new IllegalArgumentException("bad things"));

    assertThat(AutoconfigureFailure.explain(failure))
        .contains("caused by java.lang.IllegalArgumentException: bad things")
        .doesNotContain("Fix:");
  }

  @Test
  void aCauseChainThatLoopsEnds() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(AutoconfigureFailure.explain(first)).contains("first").contains("second");
  }
}
