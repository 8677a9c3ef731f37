package dev.logbridge.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The command line's options turn into the receiver and fault they describe. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MainTest {

  @Test
  void helpListsTheOptions() {
    StringWriter text = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(System.out)).setOut(new PrintWriter(text));

    assertThat(cli.execute("--help")).isZero();
    assertThat(text.toString())
        .contains(
            "Usage: logbridge-receiver",
            "--port",
            "--max-records",
            "--jsonl",
            "--print",
            "--delay",
            "--error-status",
            "--error-rate",
            "--drop-rate",
            "--hang");
  }

  @Test
  void refusesANonLoopbackAddressBeforeStarting() {
    StringWriter errors = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(System.out)).setErr(new PrintWriter(errors));

    assertThat(cli.execute("--port", "0", "--host", "0.0.0.0")).isEqualTo(2);
    assertThat(errors.toString()).contains("127.0.0.1 only");
  }

  @Test
  void faultOptionsBuildTheFault() {
    Main main =
        parse(
            "--delay",
            "100ms..2s",
            "--error-status",
            "429",
            "--error-rate",
            "0.25",
            "--retry-after",
            "3s",
            "--drop-rate",
            "0.1",
            "--seed",
            "9");

    Fault fault = main.fault();
    assertThat(fault.minDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(fault.maxDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fault.errorStatus()).isEqualTo(429);
    assertThat(fault.errorRate()).isEqualTo(0.25);
    assertThat(fault.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fault.dropRate()).isEqualTo(0.1);
    assertThat(fault.seed()).isEqualTo(9);
    assertThat(fault.hangs()).isFalse();
    assertThat(parse("--hang").fault().hangs()).isTrue();
    assertThat(parse("--error-rate", "0.5").fault().errorStatus()).isEqualTo(503);
    assertThat(parse("--error-status", "500").fault().errorRate()).isEqualTo(1.0);
    assertThat(parse().fault().isNone()).isTrue();
  }

  @Test
  void receiverOptionsBuildAWorkingReceiver() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Main main = new Main(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Main.commandLine(main).parseArgs("--port", "0", "--max-records", "3", "--print");

    try (OtlpReceiver receiver = main.receiverBuilder().build().start()) {
      TestClient.post(receiver, Otlp.PROTOBUF, Otlp.records(0, 5));
      assertThat(receiver.records()).hasSize(3);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[test-scope] record 4");
  }

  @Test
  void durationsAcceptShortForms() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("40")).isEqualTo(Duration.ofMillis(40));
    assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
  }

  private static Main parse(String... args) {
    Main main = new Main(System.out);
    Main.commandLine(main).parseArgs(args);
    return main;
  }
}
