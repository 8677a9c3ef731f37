package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.logs.Severity;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code main} that logs and returns, in a child JVM: logbridge's daemon threads never keep the
 * JVM alive, and the shutdown hook prints a one-line accounting summary on the original standard
 * error when anything was dropped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownHookTest {

  /** The child: logs more records than the queue holds, with no OpenTelemetry, and returns. */
  public static final class LogsAndReturns {
    private static final RecordTranslator<String> BODY =
        (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);

    public static void main(String[] args) {
      Bridge bridge = LogBridge.global(BridgeSettings.builder().queueCapacity(4).build());
      for (int i = 0; i < 10; i++) {
        bridge.capture("com.example.Main", "record " + i, BODY);
      }
      System.out.println("main returns");
    }
  }

  /**
   * The child: an adapter that stepped aside for the OpenTelemetry Java agent left three records
   * to the agent's bridge, and logbridge lost nothing.
   */
  public static final class HandsRecordsToTheAgentAndReturns {
    public static void main(String[] args) {
      Bridge bridge = LogBridge.global();
      for (int i = 0; i < 3; i++) {
        bridge.countHandedToAgent();
      }
      System.out.println("main returns");
    }
  }

  @Test
  void recordsLeftToTheJavaAgentAreNamedInTheExitSummaryAsNoLoss(@TempDir Path dir)
      throws IOException, InterruptedException {
    List<String> lines = stderrOfChild(dir, HandsRecordsToTheAgentAndReturns.class);

    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("logbridge INFO: at JVM shutdown: accepted=0 emitted=0 pending=0")
                    .contains(
                        " handed_to_agent=3 ",
                        "records the OpenTelemetry Java agent's own bridge"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains("WARN"));
  }

  private static List<String> stderrOfChild(Path dir, Class<?> main)
      throws IOException, InterruptedException {
    Path stderr = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
            .redirectError(stderr.toFile())
            .redirectOutput(new File(dir.toFile(), "stdout.txt"))
            .start();
    try {
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child JVM exited within 20 s").isTrue();
      assertThat(child.exitValue()).isZero();
      return Files.readAllLines(stderr, StandardCharsets.UTF_8);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aMainThatLogsAndReturnsExitsPromptlyAndReportsItsLosses(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path stderr = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), LogsAndReturns.class.getName())
            .redirectError(stderr.toFile())
            .redirectOutput(new File(dir.toFile(), "stdout.txt"))
            .start();
    try {
      boolean exited = child.waitFor(20, TimeUnit.SECONDS);

      assertThat(exited).as("child JVM exited within 20 s").isTrue();
      assertThat(child.exitValue()).isZero();
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("logbridge WARN: at JVM shutdown: accepted=10 emitted=0 pending=")
                      .contains("pre_install_overflow=6"));
    } finally {
      child.destroyForcibly();
    }
  }
}
