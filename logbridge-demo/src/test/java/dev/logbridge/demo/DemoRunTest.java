package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the demo in-process through its command line, with captured output, as a user would from
 * the shell. Each run resets Logback and logbridge's global bridge, so runs do not interfere.
 */
class DemoRunTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shortDefaultRunExitsZeroWithAccountingBalancedAgainstTheCollector() {
    int code = run("--duration", "3s", "--workers", "2", "--threads", "2");

    String out = out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    assertThat(out)
        .contains("PASS  accepted")
        .contains("PASS  nothing pending after the final flush")
        .contains("PASS  every log call reached logbridge")
        .contains("watchdog: not available in this build")
        .contains("result: PASS (exit 0)")
        .doesNotContain("FAIL");
    long accepted = rowValue(out, "accepted");
    assertThat(accepted).isPositive();
    assertThat(rowValue(out, "received by collector")).isEqualTo(accepted);
    assertThat(rowValue(out, "pending after flush")).isZero();
    // One progress line per second, plain lines since the output is not a terminal.
    assertThat(out).containsPattern("(?m)^\\s+1\\.0s .* req/s .* rec/s accepted .* rec/s received"
        + " .* log call p99 .* queue \\d+ .* dropped \\d+");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void naiveBridgeFreezesTheServiceAndTheReportNamesTheLockOwner() {
    long start = System.nanoTime();
    int code = run("--bridge", "naive", "--workers", "2", "--threads", "2", "--duration", "60s",
        "--stall-after", "1s");

    String out = out();
    assertThat(code).as(out).isEqualTo(ExitCodes.STALLED);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
    assertThat(out)
        .contains("STALL: no request completed")
        .containsPattern("3 thread\\(s\\) WAITING on dev\\.logbridge\\.demo\\.NonReentrantMutex\\S+,"
            + " owned by \"worker-\\d-thread-\\d\"")
        .containsPattern("lock owner \"worker-\\d-thread-\\d\" is itself WAITING on the lock it"
            + " holds: it waits for itself")
        .contains("NaiveBridgeAppender.addAttribute")
        .contains("re-entered");
  }

  @Test
  @Timeout(value = 45, unit = TimeUnit.SECONDS)
  void collectorDownKeepsTheServiceRunningAndCountsWhatWasLostAfterEmit() {
    int code = run("--collector", "down", "--duration", "3s", "--workers", "2", "--threads", "2");

    String out = out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    long accepted = rowValue(out, "accepted");
    assertThat(accepted).isPositive();
    assertThat(rowValue(out, "emitted to the SDK")).isEqualTo(accepted);
    assertThat(rowValue(out, "received by collector")).isZero();
    assertThat(rowValue(out, "lost after emit")).isEqualTo(accepted);
    assertThat(out)
        .contains("PASS  accepted")
        .contains("INFO  accepted")
        .contains("not by logbridge")
        .doesNotContain("FAIL");
    // The service kept handling requests every second of the run.
    assertThat(out).doesNotContainPattern("(?m)^\\s+\\d\\.0s\\s+0 req/s");
  }

  @Test
  void frameworksNotBuiltYetAreRefusedWithAClearMessage() {
    assertThat(run("--framework", "jul")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("--framework jul is not built yet")
        .contains("Only --framework logback runs in this build");
    errBytes.reset();
    assertThat(run("--framework", "LOG4J2")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("--framework log4j2 is not built yet");
  }

  @Test
  void invalidOptionsAreUsageErrors() {
    assertThat(run("--workers", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("--workers must be 1..64");
    assertThat(run("--duration", "soon")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("'soon' is not a duration");
  }

  @Test
  void virtualThreadsNeedJdk21() {
    if (VirtualThreads.available()) {
      return;
    }
    assertThat(run("--virtual-threads", "--duration", "1s")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("--virtual-threads needs JDK 21 or newer");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Exit codes:").contains("3   the service froze");
  }

  private int run(String... args) {
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    return Main.run(out, err, false, args);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  /** The number in the report row labelled {@code label}. */
  private static long rowValue(String report, String label) {
    Matcher row = Pattern.compile("(?m)^  " + Pattern.quote(label) + "\\s+([\\d,]+)").matcher(report);
    assertThat(row.find()).as("row '%s' in%n%s", label, report).isTrue();
    return Long.parseLong(row.group(1).replace(",", ""));
  }
}
