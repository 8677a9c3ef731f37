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
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void julRunExitsZeroWithAccountingBalancedAndRestoresTheRootHandlers() {
    List<Handler> before = List.of(Logger.getLogger("").getHandlers());
    assertThat(before).hasAtLeastOneElementOfType(ConsoleHandler.class);

    new FrameworkRun().runAndAssertBalanced("jul", "dev.logbridge.jul.LogBridgeHandler");

    assertThat(Logger.getLogger("").getHandlers()).containsExactlyElementsOf(before);
  }
}
