package dev.logbridge.readme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiver started as its own process with {@code java -jar}, as the README tells a user to.
 *
 * <p>One reader thread copies the process's output (standard output and error together) to a log
 * file and hands each line to the test thread through a queue; the test thread waits on that queue
 * with a deadline. Not thread-safe beyond that: one test thread uses an instance.
 */
final class ReceiverProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/v1/logs)");

  /** Put on the queue once the output has ended; compared by identity. */
  private static final String END = new String("<end of output>");

  private final Process process;
  private final Path log;
  // Written by the reader thread, taken by the test thread; the queue publishes each line.
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private boolean ended;

  private ReceiverProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * The command of the {@code java -jar JAR ARGS...} line of {@code script}, with JAR, a glob
   * relative to {@code repository}, resolved to the one file it matches, and this JVM's java.
   */
  static List<String> javaJarCommand(String script, Path repository) throws IOException {
    String line =
        script
            .lines()
            .map(String::strip)
            .filter(l -> l.startsWith("java -jar "))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError("no `java -jar` line in the receiver snippet:\n" + script));
    List<String> words = Arrays.asList(line.split("\\s+"));
    Path glob = Path.of(words.get(2));
    Path dir = repository.resolve(glob).getParent();
    List<Path> matches = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> files =
          Files.newDirectoryStream(dir, glob.getFileName().toString())) {
        files.forEach(matches::add);
      }
    }
    if (matches.size() != 1) {
      throw new AssertionError(
          "the receiver snippet's jar "
              + glob
              + " should match one file in "
              + dir
              + " once the reactor has packaged logbridge-receiver; matches "
              + matches);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(matches.get(0).toString());
    command.addAll(words.subList(3, words.size()));
    return command;
  }

  /** Starts {@code command}, its output copied to {@code log}. */
  static ReceiverProcess start(List<String> command, Path log) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    ReceiverProcess receiver = new ReceiverProcess(process, log);
    Thread reader = new Thread(receiver::copyOutput, "readme-receiver-output");
    reader.setDaemon(true);
    reader.start();
    return receiver;
  }

  /** Waits for the line that names the endpoint, and returns the endpoint. */
  String awaitEndpoint(Duration deadline) throws InterruptedException {
    Matcher matcher =
        LISTENING.matcher(
            awaitLine(l -> LISTENING.matcher(l).find(), "a `listening on` line", deadline));
    matcher.find();
    return matcher.group(1);
  }

  /** Waits for a line that contains {@code text}, and returns it. */
  String awaitLineContaining(String text, Duration deadline) throws InterruptedException {
    return awaitLine(l -> l.contains(text), "a line containing \"" + text + "\"", deadline);
  }

  private String awaitLine(Predicate<String> wanted, String what, Duration deadline)
      throws InterruptedException {
    for (String line : seen) {
      if (wanted.test(line)) {
        return line;
      }
    }
    long end = System.nanoTime() + deadline.toNanos();
    while (!ended) {
      long left = end - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        break;
      }
      if (line == END) {
        ended = true;
        break;
      }
      seen.add(line);
      if (wanted.test(line)) {
        return line;
      }
    }
    throw new AssertionError(
        "the receiver printed no "
            + what
            + " within "
            + deadline
            + (ended ? " (its output ended)" : "")
            + "; it printed ("
            + log
            + "):\n"
            + String.join("\n", seen));
  }

  private void copyOutput() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(reading the receiver's output failed: " + e + ")");
    } finally {
      lines.add(END);
    }
  }

  /** Stops the receiver as Ctrl-C would, and kills it if it has not ended within 15 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
