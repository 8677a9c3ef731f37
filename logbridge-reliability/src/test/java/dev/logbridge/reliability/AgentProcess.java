package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.receiver.OtlpReceiver;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A main class run in a JVM of its own with the OpenTelemetry Java agent attached (the jar
 * maven-dependency-plugin copies, system property {@code logbridge.javaagent}), on this JVM's
 * class path, exporting logs to an embedded receiver on 127.0.0.1 (traces and metrics off), for
 * {@link JavaAgentTest} and {@link SpringBootStarterUnderAgentTest}. A JVM that has not exited
 * within the deadline gets its thread dump (jcmd Thread.print) into the failure, then is killed.
 *
 * <p>Thread-safety: stateless; one call per test.
 */
final class AgentProcess {
  private static final Pattern ACCEPTED = Pattern.compile("accepted=(\\d+)");
  private static final Pattern HANDED_TO_AGENT = Pattern.compile("handed_to_agent=(\\d+)");

  private AgentProcess() {}

  /** What the JVM wrote. */
  static final class Run {
    final String stdout;
    final String stderr;

    Run(String stdout, String stderr) {
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** logbridge's {@code accepted} count, as the main class printed its accounting. */
    long accepted() {
      return count(ACCEPTED, "logbridge's accounting");
    }

    /** logbridge's {@code handed_to_agent} count, as the main class printed its accounting. */
    long handedToAgent() {
      return count(HANDED_TO_AGENT, "handed_to_agent");
    }

    private long count(Pattern pattern, String what) {
      Matcher matcher = pattern.matcher(stdout);
      assertThat(matcher.find()).as("%s on stdout:%n%s", what, stdout).isTrue();
      return Long.parseLong(matcher.group(1));
    }
  }

  /**
   * Runs {@code main} with {@code args} under the agent with {@code agentFlags}, waits up to
   * {@code timeoutSeconds} for it to exit 0, and returns what it wrote (kept in {@code dir}).
   */
  static Run run(
      Path dir,
      OtlpReceiver receiver,
      List<String> agentFlags,
      Class<?> main,
      long timeoutSeconds,
      String... args)
      throws Exception {
    return run(dir, receiver, agentFlags, entry -> true, main, timeoutSeconds, args);
  }

  /**
   * As {@link #run(Path, OtlpReceiver, List, Class, long, String...)}, on the entries of this
   * JVM's class path that {@code classPath} keeps.
   */
  static Run run(
      Path dir,
      OtlpReceiver receiver,
      List<String> agentFlags,
      Predicate<String> classPath,
      Class<?> main,
      long timeoutSeconds,
      String... args)
      throws Exception {
    String agent = System.getProperty("logbridge.javaagent");
    assertThat(agent).as("the agent jar (copied by maven-dependency-plugin)").isNotNull();
    assertThat(Path.of(agent)).exists();
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    List<String> command =
        new ArrayList<>(
            List.of(
                bin.resolve("java").toString(),
                "-javaagent:" + agent,
                "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + receiver.port(),
                "-Dotel.exporter.otlp.protocol=http/protobuf",
                "-Dotel.logs.exporter=otlp",
                "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none",
                "-Dotel.service.name=logbridge-agent-test"));
    command.addAll(agentFlags);
    String kept =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(classPath)
            .collect(Collectors.joining(File.pathSeparator));
    command.addAll(List.of("-cp", kept, main.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    String threadDump = "";
    if (!exited) {
      threadDump = threadDump(bin, process.pid(), dir);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    Run run = new Run(read(stdout), read(stderr));
    assertThat(exited)
        .as(
            "the JVM exited within %s s; its threads:%n%s%nstderr:%n%s",
            timeoutSeconds, threadDump, run.stderr)
        .isTrue();
    assertThat(process.exitValue()).as(run.stderr).isZero();
    return run;
  }

  /** The child's thread dump, or why there is none. */
  private static String threadDump(Path bin, long pid, Path dir) {
    Path dump = dir.resolve("threads.txt");
    try {
      Process jcmd =
          new ProcessBuilder(bin.resolve("jcmd").toString(), Long.toString(pid), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(dump.toFile())
              .start();
      if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
      return read(dump);
    } catch (IOException e) {
      return "(no thread dump: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(no thread dump: interrupted)";
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
