package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short healthy-collector run of the demo with {@code --framework}, and the checks every
 * framework must pass: exit 0, the framework named in the header and the report, every log call
 * accounted for, and the collector holding every accepted record.
 *
 * <p>Not thread-safe: one per test.
 */
final class FrameworkRun {
  private final DemoCli cli = new DemoCli();

  /** Runs 3 s of 2 x 2 threads through {@code framework}; returns the report for more checks. */
  String runAndAssertBalanced(String framework, String bridgeDescription) {
    int code =
        cli.run("--framework", framework, "--duration", "3s", "--workers", "2", "--threads", "2");

    String out = cli.out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    assertThat(out)
        .contains("log through " + framework + " -> logbridge")
        .contains("bridge: " + bridgeDescription)
        .contains("run        " + framework + " via logbridge")
        .contains("PASS  every log call reached logbridge")
        .contains("result: PASS (exit 0)")
        .doesNotContain("FAIL");
    long accepted = DemoRunTest.rowValue(out, "accepted");
    assertThat(accepted).isPositive();
    assertThat(DemoRunTest.rowValue(out, "log calls received")).isEqualTo(accepted);
    assertThat(out).containsPattern("PASS  log calls [\\d,]+ = received by collector");
    // Only the bridge under test saw the records: nothing reached a console.
    assertThat(cli.err()).isEmpty();
    return out;
  }
}
