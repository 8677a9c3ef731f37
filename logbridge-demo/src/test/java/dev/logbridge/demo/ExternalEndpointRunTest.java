package dev.logbridge.demo;

import static dev.logbridge.demo.DemoRunTest.rowValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logbridge.receiver.OtlpReceiver;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --endpoint}: the demo exports to a collector it did not start. A receiver this test
 * starts on 127.0.0.1 plays the external collector; the demo must not look at it.
 */
class ExternalEndpointRunTest {
  private final DemoCli cli = new DemoCli();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shipsToTheExternalCollectorAndChecksOnlyWhatLogbridgeOwns() {
    try (OtlpReceiver external = OtlpReceiver.builder().host("127.0.0.1").port(0).build().start()) {
      // The base URL, as a user would give it: /v1/logs is appended.
      int code =
          cli.run(
              "--endpoint",
              external.baseUri().toString(),
              "--duration",
              "2s",
              "--workers",
              "1",
              "--threads",
              "2");

      String out = cli.out();
      assertThat(code).as(out).isEqualTo(ExitCodes.OK);
      assertThat(out)
          .contains("external collector at " + external.endpoint())
          .contains("received by collector unknown")
          .contains("PASS  nothing pending after the final flush")
          .contains("PASS  every log call reached logbridge")
          .contains("note  identity (reported, not checked")
          .contains("INFO  emitted")
          .contains("result: PASS (exit 0)")
          .doesNotContain("rec/s received")
          .doesNotContain("FAIL");
      long accepted = rowValue(out, "accepted");
      assertThat(accepted).isPositive();
      assertThat(rowValue(out, "SDK export failed")).isZero();
      // The demo flushed and shut the SDK down before returning: everything emitted arrived.
      assertThat(external.stats().recordsReceived()).isEqualTo(rowValue(out, "emitted to the SDK"));
    }
  }

  @Test
  void invalidEndpointsAreUsageErrors() {
    for (String url :
        new String[] {
          "ftp://127.0.0.1:4318",
          "localhost:4318",
          "http://",
          "http:///v1/logs",
          "http://host:4318/v1/logs?x=1",
          "not a url"
        }) {
      cli.resetErr();
      assertThat(cli.run("--endpoint", url)).as(url).isEqualTo(ExitCodes.USAGE);
      assertThat(cli.err()).as(url).contains("--endpoint must be an http or https URL with a host");
    }
    cli.resetErr();
    assertThat(cli.run("--endpoint", "http://127.0.0.1:4318", "--collector", "down"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("cannot be combined with --endpoint");
  }

  @Test
  void aBareCollectorUrlGetsTheLogsPathAndAFullOneIsKept() {
    assertThat(ExternalEndpoint.logsUrl("http://collector:4318"))
        .isEqualTo(URI.create("http://collector:4318/v1/logs"));
    assertThat(ExternalEndpoint.logsUrl("HTTPS://collector/"))
        .isEqualTo(URI.create("https://collector/v1/logs"));
    assertThat(ExternalEndpoint.logsUrl("http://collector:4318/custom/logs"))
        .isEqualTo(URI.create("http://collector:4318/custom/logs"));
    assertThatThrownBy(() -> ExternalEndpoint.logsUrl("tcp://collector:4317"))
        .hasMessageContaining("the scheme must be http or https");
  }
}
