package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.log4j2.LogBridgeAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service logging through Log4j 2 into logbridge's {@code <LogBridge>} appender. In a class of
 * its own: it reconfigures Log4j's LoggerContext and the JUL root's handlers, process-wide state
 * (the module's tests run each class in a fresh JVM).
 */
class Log4jRunTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void log4jRunExitsZeroWithAccountingBalancedAndTypedValuesCoerced() {
    List<Handler> julBefore = List.of(Logger.getLogger("").getHandlers());

    String out =
        new FrameworkRun().runAndAssertBalanced("log4j2", "log4j2-demo.xml with <LogBridge>");

    // MapMessage entries reach logbridge as objects: the self-referencing map is cut at depth
    // and the throwing toString() replaced, as with SLF4J key-values.
    assertThat(out).containsPattern("values cut or replaced\\s+[1-9][\\d,]*\\s+\\(depth [1-9]");
    assertThat(Logger.getLogger("").getHandlers()).containsExactlyElementsOf(julBefore);
    assertThat(LoggerContext.getContext(false).getConfiguration().getAppenders().values())
        .noneMatch(appender -> appender instanceof LogBridgeAppender);
  }
}
