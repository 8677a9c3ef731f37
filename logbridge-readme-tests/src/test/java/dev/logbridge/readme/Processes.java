package dev.logbridge.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child process to completion under a deadline, its output in a file. Stateless. */
final class Processes {
  private Processes() {}

  /** What a finished child process left: its exit code and everything it printed. */
  record Result(int exitCode, String output) {
    /** The last {@code lines} lines of the output, for a failure message. */
    String tail(int lines) {
      List<String> all = output.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
  }

  /**
   * Runs {@code command} in {@code dir} with {@code extraEnv} added to this process's environment,
   * standard output and error both into {@code log}.
   *
   * @throws AssertionError when the process has not ended by {@code deadline}; it is then killed,
   *     with its descendants
   */
  static Result run(
      List<String> command, Path dir, Map<String, String> extraEnv, Path log, Duration deadline)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "still running after "
              + deadline
              + ", killed: "
              + String.join(" ", command)
              + "\n--- output ("
              + log
              + ") ---\n"
              + read(log));
    }
    return new Result(process.exitValue(), read(log));
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
