package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-code autoconfiguration relied on by a program that lives well under a second: a {@code
 * main} that logs five JUL records through {@code logging.properties} only and returns at once
 * delivers all five to the collector (the embedded receiver on 127.0.0.1), counted by content.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AutoconfiguredMainTest {
  @TempDir Path dir;

  @Test
  void aMainThatLogsFiveRecordsAndReturnsAtOnceDeliversAllFive() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      Path properties = dir.resolve("logging.properties");
      Files.writeString(properties, String.join("\n",
          "handlers = dev.logbridge.jul.LogBridgeHandler",
          ".level = INFO",
          "dev.logbridge.jul.LogBridgeHandler.autoconfigure = true",
          ""), StandardCharsets.UTF_8);
      Path stderr = dir.resolve("stderr.txt");
      Process process = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djava.util.logging.config.file=" + properties,
          "-Dotel.logs.exporter=otlp",
          "-Dotel.exporter.otlp.logs.protocol=http/protobuf",
          "-Dotel.exporter.otlp.logs.endpoint=" + receiver.endpoint(),
          "-Dotel.traces.exporter=none",
          "-Dotel.metrics.exporter=none",
          "-cp", System.getProperty("java.class.path"),
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

      List<String> received = receiver.records().stream()
          .filter(record -> record.scopeName().equals("com.example.Autoconfigured"))
          .map(ReceivedLogRecord::body).collect(Collectors.toList());
      assertThat(received).as("stderr:%n%s", err).containsExactlyInAnyOrderElementsOf(
          IntStream.range(0, AutoconfiguredMain.RECORDS).mapToObj(i -> "autoconfigured-" + i)
              .collect(Collectors.toList()));
    }
  }
}
