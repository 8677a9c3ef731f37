package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-code autoconfiguration relied on by a program that lives well under a second: a {@code
 * main} that logs five JUL records through {@code logging.properties} only and returns at once
 * delivers all five to the collector (the embedded receiver on 127.0.0.1), counted by content;
 * and when the shutdown hook's bound runs out first, what did not arrive is reported at exit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutoconfiguredMainTest {
  private static final Pattern REPORTED_LOST =
      Pattern.compile(
          "(\\d+) record\\(s\\) emitted into the OpenTelemetry SDK"
              + "|(?<![a-z_])(?:pending|shutdown|sdk_shutdown|queue_full|pre_install_overflow)=(\\d+)");

  @TempDir Path dir;

  @Test
  void aMainThatLogsFiveRecordsAndReturnsAtOnceDeliversAllFive() throws Exception {
    // The hook waits for the SDK's build and the export within its bound; 2 s by default, which a
    // saturated 2-core machine can need for the build alone. The bound running out is the next
    // test's case; this one is about the wait itself.
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      String err = runMain(receiver, 20_000);
      List<String> received = bodies(receiver);
      assertThat(received)
          .as("stderr:%n%s", err)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, AutoconfiguredMain.RECORDS)
                  .mapToObj(i -> "autoconfigured-" + i)
                  .collect(Collectors.toList()));
    }
  }

  @Test
  void whatTheHookCouldNotDeliverInItsBoundIsReportedAtExit() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      // No time at all: the SDK may not even be built when the hook gives up.
      String err = runMain(receiver, 0);
      int reportedLost = reportedLost(err);
      // Every record arrived or was reported. Reported ones may still arrive: JUL's own shutdown
      // hook closes logbridge's handler, whose flush can deliver after logbridge's hook has
      // reported. An export the child finished may still be in the receiver's hands, hence the
      // wait.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(bodies(receiver).size() + reportedLost)
                      .as("records received plus records reported at exit; stderr:%n%s", err)
                      .isGreaterThanOrEqualTo(AutoconfiguredMain.RECORDS));
    }
  }

  private static int reportedLost(String stderr) {
    int lost = 0;
    for (String line : stderr.lines().filter(l -> l.contains("at JVM shutdown")).toList()) {
      Matcher matcher = REPORTED_LOST.matcher(line);
      while (matcher.find()) {
        lost += Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
      }
    }
    return lost;
  }

  private static List<String> bodies(OtlpReceiver receiver) {
    return receiver.records().stream()
        .filter(record -> record.scopeName().equals("com.example.Autoconfigured"))
        .map(ReceivedLogRecord::body)
        .collect(Collectors.toList());
  }

  private String runMain(OtlpReceiver receiver, int shutdownHookTimeoutMillis) throws Exception {
    Path properties = dir.resolve("logging.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "handlers = dev.logbridge.jul.LogBridgeHandler",
            ".level = INFO",
            "dev.logbridge.jul.LogBridgeHandler.autoconfigure = true",
            "dev.logbridge.jul.LogBridgeHandler.shutdownHookTimeoutMillis = "
                + shutdownHookTimeoutMillis,
            ""),
        StandardCharsets.UTF_8);
    Path stderr = dir.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=" + properties,
                "-Dotel.logs.exporter=otlp",
                "-Dotel.exporter.otlp.logs.protocol=http/protobuf",
                "-Dotel.exporter.otlp.logs.endpoint=" + receiver.endpoint(),
                "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none",
                "-cp",
                System.getProperty("java.class.path"),
                AutoconfiguredMain.class.getName())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    boolean exited = process.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    assertThat(exited).as("the JVM exited; stderr:%n%s", err).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    return err;
  }
}
