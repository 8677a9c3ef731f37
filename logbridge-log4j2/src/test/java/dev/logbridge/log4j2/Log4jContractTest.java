package dev.logbridge.log4j2;

import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.AdapterContractTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.message.MapMessage;

/** The adapter contract, driven through the real Log4j 2 (synchronous loggers). */
class Log4jContractTest extends AdapterContractTest {
  private final Logger logger = LogManager.getLogger(LOGGER);

  @Override
  protected void configure(BridgeSettings settings) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogBridge.global(settings);
    String xml =
        "<Configuration status=\"WARN\"><Appenders><LogBridge name=\"OTEL\"/>"
            + "</Appenders><Loggers><Root level=\"trace\"><AppenderRef ref=\"OTEL\"/></Root>"
            + "</Loggers></Configuration>";
    Log4jFixture.reconfigure(xml);
  }

  @Override
  protected void log(
      String level,
      String message,
      Object[] args,
      Throwable throwable,
      Map<String, String> context) {
    if (context != null) {
      ThreadContext.putAll(context);
    }
    try {
      logger.atLevel(Level.getLevel(level)).withThrowable(throwable).log(message, args);
    } finally {
      ThreadContext.clearAll();
    }
  }

  @Override
  protected String placeholder(int index) {
    return "{}";
  }

  @Override
  protected List<String> frameworkLevelNames() {
    return List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
  }

  @Override
  protected List<Severity> expectedSeverities() {
    return List.of(
        Severity.TRACE,
        Severity.DEBUG,
        Severity.INFO,
        Severity.WARN,
        Severity.ERROR,
        Severity.FATAL);
  }

  @Override
  protected boolean hasContextMap() {
    return true;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  protected boolean logStructured(String key, Object value) {
    MapMessage message = new MapMessage();
    message.with("message", "structured");
    message.with(key, value);
    logger.info(message);
    return true;
  }

  @Override
  protected void tearDownFramework() {
    Configurator.reconfigure(new DefaultConfiguration());
    GlobalOpenTelemetry.resetForTest();
  }
}
