package dev.logbridge.jul;

import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.AdapterContractTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The adapter contract, driven through the real java.util.logging. */
class JulContractTest extends AdapterContractTest {
  private final Logger logger = Logger.getLogger(LOGGER);

  @Override
  protected void configure(BridgeSettings settings) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogBridge.global(settings);
    String properties = "handlers=dev.logbridge.jul.LogBridgeHandler\n.level=ALL\n";
    JulFixture.readConfiguration(properties);
    Logger.getLogger("").getHandlers();
  }

  @Override
  protected void log(
      String level,
      String message,
      Object[] args,
      Throwable throwable,
      Map<String, String> context) {
    LogRecord record = new LogRecord(Level.parse(level), message);
    record.setLoggerName(LOGGER);
    record.setParameters(args);
    record.setThrown(throwable);
    logger.log(record);
  }

  @Override
  protected String placeholder(int index) {
    return "{" + index + "}";
  }

  @Override
  protected List<String> frameworkLevelNames() {
    return List.of("FINEST", "FINE", "INFO", "WARNING", "SEVERE");
  }

  @Override
  protected List<Severity> expectedSeverities() {
    return List.of(Severity.TRACE, Severity.DEBUG2, Severity.INFO, Severity.WARN, Severity.ERROR);
  }

  @Override
  protected boolean hasContextMap() {
    return false;
  }

  @Override
  protected boolean logStructured(String key, Object value) {
    return false;
  }

  @Override
  protected void tearDownFramework() {
    LogManager.getLogManager().reset();
    GlobalOpenTelemetry.resetForTest();
  }
}
