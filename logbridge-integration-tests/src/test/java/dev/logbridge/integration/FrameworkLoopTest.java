package dev.logbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.integration.Chains.Order;
import dev.logbridge.testing.Reconciliation;
import dev.logbridge.testing.TestOpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A loop between two frameworks: the JUL root forwards into Logback (jul-to-slf4j) or Log4j 2
 * (log4j-jul), where, besides logbridge's appender, a {@link JulEcho} appender logs every event
 * back into JUL; logbridge's JUL handler is on the JUL root too. Nothing in logbridge is on the
 * stack while the echo re-enters JUL (logbridge's capture has returned), so it is the frameworks'
 * per-appender re-entry guards (Logback's {@code AppenderBase}, Log4j's {@code AppenderControl})
 * that end the loop after one echo.
 *
 * <p>What logbridge must do: export the application record exactly once and the echo, a record
 * the echo appender really logged, exactly once; count each forwarded copy as {@code forwarded};
 * keep the identity; and return to the caller promptly. Both handler orders and both positions
 * of the echo appender are covered: the nested echo must not make logbridge lose track of the
 * outer record's hand-off.
 */
@Timeout(30)
class FrameworkLoopTest {
  private static final String MESSAGE = "application record";

  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Chains chains = new Chains();

  enum Target {
    LOGBACK,
    LOG4J
  }

  static List<Arguments> loops() {
    List<Arguments> all = new ArrayList<>();
    for (Target target : Target.values()) {
      for (Order order : Order.values()) {
        all.add(Arguments.of(target, order, true));
        all.add(Arguments.of(target, order, false));
      }
    }
    return all;
  }

  @AfterEach
  void tearDown() {
    chains.close();
    otel.close();
  }

  @ParameterizedTest(name = "{0}, {1}, echo appender first: {2}")
  @MethodSource("loops")
  void oneApplicationCallIsExportedOnceAndTheLoopEndsAfterOneEcho(
      Target target, Order order, boolean echoFirst) {
    String[] refs = echoFirst ? new String[] {"ECHO", "OTEL"} : new String[] {"OTEL", "ECHO"};
    if (target == Target.LOGBACK) {
      chains
          .logback(
              "<appender name=\"ECHO\" class=\"" + JulEcho.ForLogback.class.getName() + "\"/>",
              refs)
          .julRoot(new SLF4JBridgeHandler(), order);
    } else {
      chains
          .log4j("<JulEcho name=\"ECHO\"/>", refs)
          .julRoot(new Log4jBridgeHandler(false, null, false), order);
    }
    LogBridge.install(otel.sdk());
    JulEcho.reset();

    long start = System.nanoTime();
    Logger.getLogger("com.example.loop").info(MESSAGE);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took)
        .as("the application's call returns promptly")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(JulEcho.appends())
        .as("the framework's guard stopped the echo's re-entry")
        .isEqualTo(1);
    BridgeStats stats = Chains.flushedStats();
    assertThat(otel.bodies()).containsExactlyInAnyOrder(MESSAGE, JulEcho.PREFIX + MESSAGE);
    Reconciliation.of(List.of(MESSAGE, JulEcho.PREFIX + MESSAGE), otel.bodies(), stats)
        .assertReconciled();
    // Two JUL records (the application's and the echo), each seen by both logbridge adapters.
    assertThat(stats.accepted()).as("%s", stats).isEqualTo(2);
    assertThat(stats.dropped(DropReason.FORWARDED)).as("%s", stats).isEqualTo(2);
    assertThat(stats.hasLosses()).as("%s", stats).isFalse();
  }

  /**
   * The other way a loop can run: through logbridge's own capture. An SLF4J argument whose {@code
   * toString()} logs into JUL is rendered by logbridge's Logback capture, inside the bridge-wide
   * re-entry guard; the JUL record it logs reaches logbridge twice (its JUL handler, and its
   * Logback appender through jul-to-slf4j), and both are counted as {@code recursion}.
   */
  @ParameterizedTest
  @EnumSource(Order.class)
  void aLoopThroughLogbridgesCaptureIsCountedAsRecursion(Order order) {
    chains.logback("").julRoot(new SLF4JBridgeHandler(), order);
    LogBridge.install(otel.sdk());
    Object loggingArgument =
        new Object() {
          @Override
          public String toString() {
            Logger.getLogger("com.example.loop").info("logged from toString");
            return "value";
          }
        };

    LoggerFactory.getLogger("com.example.app").info("argument {}", loggingArgument);

    BridgeStats stats = Chains.flushedStats();
    assertThat(otel.bodies()).containsExactly("argument value");
    Reconciliation.of(List.of("argument value"), otel.bodies(), stats).assertReconciled();
    assertThat(stats.accepted()).as("%s", stats).isEqualTo(1);
    assertThat(stats.dropped(DropReason.RECURSION)).as("%s", stats).isEqualTo(2);
  }
}
