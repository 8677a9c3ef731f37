package dev.logbridge.integration;

import dev.logbridge.LogBridge;
import dev.logbridge.integration.Chains.Order;
import dev.logbridge.testing.TestOpenTelemetry;
import java.util.logging.Logger;
import org.apache.logging.log4j.jul.Log4jBridgeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JUL → log4j-jul's {@code Log4jBridgeHandler} → Log4j 2, with logbridge on both ends (its JUL
 * handler on the JUL root and {@code <LogBridge>} in Log4j): each record is exported once, and
 * its forwarded copy is counted as {@code forwarded}, whichever of the two JUL handlers runs first.
 */
@Timeout(30)
class JulToLog4jChainTest {
  private final TestOpenTelemetry otel = TestOpenTelemetry.create();
  private final Chains chains = new Chains();

  @AfterEach
  void tearDown() {
    chains.close();
    otel.close();
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void eachRecordIsExportedOnceAndItsCopyCountedAsForwarded(Order order) {
    // No suffix, no level propagation: the forwarded copy carries the JUL record's message as is.
    chains.log4j("").julRoot(new Log4jBridgeHandler(false, null, false), order);
    LogBridge.install(otel.sdk());

    Chains.assertEachJulRecordExportedOnce(otel, Logger.getLogger("com.example.legacy"));
  }
}
