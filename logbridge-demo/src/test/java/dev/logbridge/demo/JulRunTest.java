package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service logging through java.util.logging into logbridge's JUL handler. In a class of its
 * own: it replaces the JUL root's handlers, process-wide state (the module's tests run each class
 * in a fresh JVM).
 */
class JulRunTest {
  private final DemoCli cli = new DemoCli();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void julRunExitsZeroWithAccountingBalancedAndRestoresTheRootHandlers() {
    List<Handler> before = List.of(Logger.getLogger("").getHandlers());
    assertThat(before).hasAtLeastOneElementOfType(ConsoleHandler.class);

    int code = cli.run("--framework", "jul", "--duration", "3s", "--workers", "2", "--threads", "2");

    String out = cli.out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    assertThat(out)
        .contains("log through jul -> logbridge")
        .contains("bridge: dev.logbridge.jul.LogBridgeHandler")
        .contains("run        jul via logbridge")
        .contains("PASS  every log call reached logbridge")
        .contains("result: PASS (exit 0)")
        .doesNotContain("FAIL");
    long accepted = DemoRunTest.rowValue(out, "accepted");
    assertThat(accepted).isPositive();
    assertThat(DemoRunTest.rowValue(out, "received by collector")).isEqualTo(accepted);
    // Nothing leaked to the console: the root's ConsoleHandler was off during the run.
    assertThat(cli.err()).isEmpty();
    assertThat(Logger.getLogger("").getHandlers()).containsExactlyElementsOf(before);
  }
}
