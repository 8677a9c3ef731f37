package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The naive bridge's freeze, seen by the stall watchdog. In a class of its own because the frozen
 * threads can never be released: the module's tests run each class in a fresh JVM, so no later
 * run's watchdog reports this run's (real, permanent) deadlock.
 */
class NaiveBridgeRunTest {
  private final DemoCli cli = new DemoCli();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void naiveBridgeFreezesTheServiceAndTheWatchdogNamesTheLockAndTheThreadWaitingForItself() {
    long start = System.nanoTime();
    int code =
        cli.run(
            "--bridge",
            "naive",
            "--workers",
            "2",
            "--threads",
            "2",
            "--duration",
            "60s",
            "--stall-after",
            "1s");

    String out = cli.out();
    assertThat(code).as(out).isEqualTo(ExitCodes.STALLED);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
    assertThat(out)
        .contains(
            "STALL: threads waited longer than 1.0 s; the stall watchdog (logbridge-doctor) says:")
        .contains("VERDICT: DEADLOCK\n")
        .containsPattern(
            "\\[SELF_WAIT] thread `worker-\\d-thread-\\d` waits for itself: it parks on"
                + " <dev\\.logbridge\\.demo\\.NonReentrantMutex\\$Sync@\\w+> which it already owns")
        .contains("at dev.logbridge.demo.NaiveBridgeAppender.append(")
        .doesNotContain("WAIT-FOR GRAPH")
        .contains("exit 3: the service froze");
  }
}
