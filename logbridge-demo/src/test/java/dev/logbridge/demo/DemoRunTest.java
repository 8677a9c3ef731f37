package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the demo in-process through its command line ({@link DemoCli}). */
class DemoRunTest {
  private final DemoCli cli = new DemoCli();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void shortDefaultRunExitsZeroWithAccountingBalancedAgainstTheCollector() {
    int code = cli.run("--duration", "3s", "--workers", "2", "--threads", "2");

    String out = cli.out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    assertThat(out)
        .contains("PASS  nothing pending after the final flush (queue 0)")
        .contains("PASS  every log call reached logbridge")
        .contains("PASS  every record the collector received is a log call made, by content")
        .containsPattern(
            "PASS  log calls [\\d,]+ = received by collector [\\d,]+ \\+ dropped by"
                + " logbridge 0 \\+ blocked 0")
        .contains("note  identity (reported, not checked")
        .containsPattern("watchdog: no stall seen in [1-9]\\d* samples")
        .contains("result: PASS (exit 0)")
        .doesNotContain("FAIL");
    long accepted = rowValue(out, "accepted");
    assertThat(accepted).isPositive();
    // Received by content: each log call once (the service made no blocked call).
    assertThat(rowValue(out, "log calls received")).isEqualTo(accepted);
    assertThat(rowValue(out, "pending after flush")).isZero();
    // One progress line per second, plain lines since the output is not a terminal.
    assertThat(out)
        .containsPattern(
            "(?m)^\\s+1\\.0s .* req/s .* rec/s accepted .* rec/s received"
                + " .* log call p99 .* queue \\d+ .* dropped \\d+");
  }

  @Test
  @Timeout(value = 45, unit = TimeUnit.SECONDS)
  void collectorDownKeepsTheServiceRunningAndCountsWhatWasLostAfterEmit() {
    int code =
        cli.run("--collector", "down", "--duration", "3s", "--workers", "2", "--threads", "2");

    String out = cli.out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    long accepted = rowValue(out, "accepted");
    assertThat(accepted).isPositive();
    // Behind PipelineBatchProcessor records wait in logbridge's queue while the collector
    // hangs; what the SDK never got is counted by logbridge (queue_full, or shutdown when the
    // report stops the bridge after the missed flush), the rest was lost after emit.
    long emitted = rowValue(out, "emitted to the SDK");
    assertThat(emitted + rowValue(out, "dropped by logbridge")).isEqualTo(accepted);
    assertThat(rowValue(out, "pending after flush")).isZero();
    assertThat(rowValue(out, "log calls received")).isZero();
    assertThat(rowValue(out, "lost after emit")).isEqualTo(emitted);
    assertThat(out)
        .contains("PASS  every record the collector received is a log call made, by content")
        .contains("INFO  log calls")
        .contains("not by logbridge")
        .doesNotContain("FAIL");
    // The service kept handling requests every second of the run.
    assertThat(out).doesNotContainPattern("(?m)^\\s+\\d\\.0s\\s+0 req/s");
  }

  @Test
  void theNaiveBridgeIsRefusedForFrameworksOtherThanLogback() {
    assertThat(cli.run("--bridge", "naive", "--framework", "jul")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("--bridge naive runs with --framework logback only");
    cli.resetErr();
    assertThat(cli.run("--bridge", "naive", "--framework", "LOG4J2")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("--framework log4j2 runs with --bridge logbridge");
  }

  @Test
  void invalidOptionsAreUsageErrors() {
    assertThat(cli.run("--workers", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("--workers must be 1..64");
    assertThat(cli.run("--duration", "soon")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("'soon' is not a duration");
  }

  @Test
  void virtualThreadsNeedJdk21() {
    if (VirtualThreads.available()) {
      return;
    }
    assertThat(cli.run("--virtual-threads", "--duration", "1s")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("--virtual-threads needs JDK 21 or newer");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("Exit codes:").contains("3   the service froze");
  }

  /** The number in the report row labelled {@code label}. */
  static long rowValue(String report, String label) {
    Matcher row =
        Pattern.compile("(?m)^  " + Pattern.quote(label) + "\\s+([\\d,]+)").matcher(report);
    assertThat(row.find()).as("row '%s' in%n%s", label, report).isTrue();
    return Long.parseLong(row.group(1).replace(",", ""));
  }
}
