package dev.logbridge.integration;

import dev.logbridge.LogBridge;
import dev.logbridge.integration.Chains.Order;
import dev.logbridge.testing.TestOpenTelemetry;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * JUL → jul-to-slf4j → Logback, with logbridge on both ends (its JUL handler on the JUL root and
 * its appender in Logback): each record is exported once, and its forwarded copy is counted as
 * {@code forwarded}, whichever of the two JUL handlers runs first.
 */
@Timeout(30)
class JulToLogbackChainTest {
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
    chains.logback("").julRoot(new SLF4JBridgeHandler(), order);
    LogBridge.install(otel.sdk());

    Chains.assertEachJulRecordExportedOnce(otel, Logger.getLogger("com.example.legacy"));
  }
}
