package dev.logbridge.logback;

import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.AdapterContractTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/** The adapter contract, driven through the real SLF4J and Logback. */
class LogbackContractTest extends AdapterContractTest {
  private final Logger logger = LoggerFactory.getLogger(LOGGER);

  @Override
  protected void configure(BridgeSettings settings) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    LogBridge.global(settings);
    String xml =
        "<configuration><appender name=\"OTEL\" "
            + "class=\"dev.logbridge.logback.LogBridgeAppender\"/>"
            + "<root level=\"TRACE\"><appender-ref ref=\"OTEL\"/></root></configuration>";
    LogbackFixture.configureXmlOnRunningBridge(xml);
  }

  @Override
  protected void log(
      String level,
      String message,
      Object[] args,
      Throwable throwable,
      Map<String, String> context) {
    if (context != null) {
      context.forEach(MDC::put);
    }
    try {
      var builder = logger.atLevel(Level.valueOf(level)).setMessage(message);
      for (Object arg : args) {
        builder = builder.addArgument(arg);
      }
      builder.setCause(throwable).log();
    } finally {
      MDC.clear();
    }
  }

  @Override
  protected String placeholder(int index) {
    return "{}";
  }

  @Override
  protected List<String> frameworkLevelNames() {
    return List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  }

  @Override
  protected List<Severity> expectedSeverities() {
    return List.of(Severity.TRACE, Severity.DEBUG, Severity.INFO, Severity.WARN, Severity.ERROR);
  }

  @Override
  protected boolean hasContextMap() {
    return true;
  }

  @Override
  protected boolean logStructured(String key, Object value) {
    logger.atInfo().addKeyValue(key, value).log("structured");
    return true;
  }

  @Override
  protected void tearDownFramework() {
    LogbackFixture.context().reset();
    GlobalOpenTelemetry.resetForTest();
  }
}
