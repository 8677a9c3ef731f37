package dev.logbridge.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM running {@code example.hang.HangChild} with one scenario, for tests that need a real hang dumped by
 * the JDK's own tools. Destroyed forcibly on {@link #close()} (SIGKILL: a JUL hang also blocks shutdown hooks).
 *
 * <p>Not thread-safe; one test uses one instance.
 */
final class ChildJvm implements AutoCloseable {
  private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
  private static final Duration TOOL_DEADLINE = Duration.ofSeconds(60);

  private final Path javaHome;
  private final Process process;
  private final CompletableFuture<Long> ready = new CompletableFuture<>();
  private final StringBuffer output = new StringBuffer();

  /** Every line the child printed, in order, for {@link #awaitLine}. */
  private final java.util.concurrent.LinkedBlockingQueue<String> lines =
      new java.util.concurrent.LinkedBlockingQueue<>();

  private ChildJvm(Path javaHome, String scenario) throws IOException {
    this.javaHome = javaHome;
    this.process =
        new ProcessBuilder(
                javaHome.resolve("bin/java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "example.hang.HangChild",
                scenario)
            .redirectErrorStream(true)
            .start();
    Thread reader = new Thread(this::readOutput, "child-output-" + scenario);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the scenario and returns once the child reports the hang established; destroys it on failure. */
  static ChildJvm start(Path javaHome, String scenario) throws Exception {
    ChildJvm child = new ChildJvm(javaHome, scenario);
    try {
      child.ready.get(READY_DEADLINE.toSeconds(), TimeUnit.SECONDS);
      return child;
    } catch (TimeoutException e) {
      String dump = child.tryThreadPrint();
      child.close();
      TestThreads.printAll("child '" + scenario + "' not ready in time");
      throw new AssertionError(
          "child '"
              + scenario
              + "' did not become ready within "
              + READY_DEADLINE
              + "; output:\n"
              + child.output
              + "\nchild dump:\n"
              + dump,
          e);
    } catch (Exception e) {
      child.close();
      throw new AssertionError("child '" + scenario + "' failed; output:\n" + child.output, e);
    }
  }

  /** Waits for the child to print a line starting with {@code prefix} and returns it; fails at the deadline. */
  String awaitLine(String prefix, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        TestThreads.printAll("child printed no line starting with '" + prefix + "'");
        throw new AssertionError(
            "no line starting with '"
                + prefix
                + "' within "
                + timeout
                + "; output:\n"
                + output
                + "\nchild dump:\n"
                + tryThreadPrint());
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** The JDK running the tests. */
  static Path currentJdk() {
    return Path.of(System.getProperty("java.home"));
  }

  /** Runs this child's JDK's {@code jcmd <pid> args...} and returns its output; fails on error or deadline. */
  String jcmd(String... args) throws IOException, InterruptedException {
    return tool("jcmd", args);
  }

  /** Runs this child's JDK's {@code jstack [args] <pid>} and returns its output. */
  String jstack(String... args) throws IOException, InterruptedException {
    List<String> withPid = new ArrayList<>(List.of(args));
    withPid.add(Long.toString(process.pid()));
    return tool("jstack", withPid.toArray(new String[0]));
  }

  private String tool(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/" + name).toString()));
    if (name.equals("jcmd")) {
      command.add(Long.toString(process.pid()));
    }
    command.addAll(List.of(args));
    Path out = Files.createTempFile("child-jcmd", ".txt");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!p.waitFor(TOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        TestThreads.printAll(command + " timed out");
        throw new AssertionError(name + " did not finish within " + TOOL_DEADLINE + ": " + command);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(name + " failed (" + p.exitValue() + "): " + text);
      }
      return text;
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  /** Takes a JSON dump with {@code Thread.dump_to_file -format=json} (JDK 21+) and returns its text. */
  String jsonDump() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("child-json");
    Path file = dir.resolve("dump.json");
    try {
      jcmd("Thread.dump_to_file", "-format=json", file.toString());
      return Files.readString(file, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  long pid() {
    return process.pid();
  }

  private String tryThreadPrint() {
    try {
      return jcmd("Thread.print");
    } catch (Exception | AssertionError e) {
      return "(no dump: " + e + ")";
    }
  }

  private void readOutput() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        lines.add(line);
        if (line.startsWith("READY ")) {
          ready.complete(Long.parseLong(line.substring(6).strip()));
        } else if (line.startsWith("FAILED")) {
          ready.completeExceptionally(new IllegalStateException(line));
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("child exited before READY"));
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("child " + process.pid() + " survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
