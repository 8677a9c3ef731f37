package dev.logbridge.doctor.cli;

import dev.logbridge.doctor.Analyzer;
import dev.logbridge.doctor.Diagnosis;
import dev.logbridge.doctor.ThreadDump;
import dev.logbridge.doctor.ThreadDumpParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code doctor pid PID [--interval 2s]}: takes two dumps of a live JVM with {@code jcmd PID Thread.print -l}
 * a short interval apart and diagnoses them together.
 *
 * <p>{@code -l} makes the target walk its heap at a safepoint (tens to hundreds of milliseconds on big heaps);
 * {@code --no-locks} avoids that, at the price of "cannot tell" answers about j.u.c lock owners.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
final class PidCommand {
  private static final long JCMD_TIMEOUT_SECONDS = 60;

  private final long pid;
  private final Duration interval;
  private final boolean noLocks;
  private final String jcmd;

  PidCommand(long pid, Duration interval, boolean noLocks, String jcmd) {
    this.pid = pid;
    this.interval = interval;
    this.noLocks = noLocks;
    this.jcmd = jcmd;
  }

  Diagnosis diagnose(Analyzer analyzer) throws IOException, InterruptedException {
    ThreadDump first = dump();
    // The interval is the measurement itself, not a synchronisation: two samples a known time
    // apart.
    Thread.sleep(interval.toMillis());
    ThreadDump second = dump();
    return analyzer.analyze(first, second);
  }

  private ThreadDump dump() throws IOException, InterruptedException {
    String executable = jcmd != null ? jcmd : defaultJcmd();
    List<String> command =
        noLocks
            ? List.of(executable, Long.toString(pid), "Thread.print")
            : List.of(executable, Long.toString(pid), "Thread.print", "-l");
    Path output = Files.createTempFile("doctor-dump", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException(
            "jcmd did not answer within " + JCMD_TIMEOUT_SECONDS + " s for pid " + pid);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException("jcmd failed for pid " + pid + ": " + text.strip());
      }
      return ThreadDumpParser.hotSpotText().parse(text);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }

  private static String defaultJcmd() {
    Path candidate = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return Files.isExecutable(candidate) ? candidate.toString() : "jcmd";
  }

  /** Reads {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 text as an interval between 1 ms and 10 minutes. */
  static Duration interval(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    Duration d;
    try {
      if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      } else if (v.endsWith("m")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
      } else {
        d = Duration.parse(value);
      }
    } catch (RuntimeException e) {
      throw new DoctorCommand.UsageException(
          "Invalid value for option '--interval': '"
              + value
              + "' is not a duration such as 500ms or 2s");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new DoctorCommand.UsageException("interval must be between 1ms and 10m, was " + value);
    }
    return d;
  }
}
