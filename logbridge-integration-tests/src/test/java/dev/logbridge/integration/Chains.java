package dev.logbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeSettings;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import dev.logbridge.LogBridge;
import dev.logbridge.jul.LogBridgeHandler;
import dev.logbridge.log4j2.Log4jFixture;
import dev.logbridge.logback.LogbackFixture;
import dev.logbridge.testing.Reconciliation;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * Sets up a chain of real frameworks for one test: the JUL root logger's handlers in a chosen
 * order, Logback or Log4j 2 configured from XML with logbridge's appender (and optionally more
 * appenders), and a fresh global bridge; {@link #close()} restores all of it.
 *
 * <p>Thread-safety: not thread-safe; one per test.
 */
final class Chains implements AutoCloseable {
  /** Which of the two JUL root handlers sees a record first. */
  enum Order {
    LOGBRIDGE_FIRST,
    FORWARDER_FIRST
  }

  private final Logger julRoot = Logger.getLogger("");
  private final Handler[] originalHandlers = julRoot.getHandlers();
  private final Level originalLevel = julRoot.getLevel();
  private boolean logback;
  private boolean log4j;

  /**
   * Configures Logback with logbridge's appender named OTEL and the {@code <appender>} elements in
   * {@code otherAppenders}, attached to the root logger (level TRACE) in the order of {@code refs}
   * (just OTEL when empty).
   */
  Chains logback(String otherAppenders, String... refs) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    String xml =
        "<configuration>"
            + "<appender name=\"OTEL\" class=\"dev.logbridge.logback.LogBridgeAppender\">"
            + "<shutdownHook>false</shutdownHook></appender>"
            + otherAppenders
            + "<root level=\"TRACE\">"
            + refs("appender-ref", refs)
            + "</root></configuration>";
    LogbackFixture.configureXmlOnRunningBridge(xml);
    logback = true;
    return this;
  }

  /**
   * Configures Log4j 2 with {@code <LogBridge name="OTEL">} and the appender elements in {@code
   * otherAppenders}, attached to the root logger (level trace) in the order of {@code refs} (just
   * OTEL when empty).
   */
  Chains log4j(String otherAppenders, String... refs) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    String xml =
        "<Configuration status=\"WARN\">"
            + "<Appenders><LogBridge name=\"OTEL\" shutdownHook=\"false\"/>"
            + otherAppenders
            + "</Appenders><Loggers><Root level=\"trace\">"
            + refs("AppenderRef", refs)
            + "</Root></Loggers></Configuration>";
    Log4jFixture.reconfigure(xml);
    log4j = true;
    return this;
  }

  private static String refs(String element, String... names) {
    StringBuilder xml = new StringBuilder();
    for (String name : names.length == 0 ? new String[] {"OTEL"} : names) {
      xml.append('<').append(element).append(" ref=\"").append(name).append("\"/>");
    }
    return xml.toString();
  }

  /**
   * Replaces the JUL root logger's handlers with logbridge's handler and {@code forwarder}, in
   * {@code order}, and opens the root to INFO.
   */
  Chains julRoot(Handler forwarder, Order order) {
    for (Handler handler : julRoot.getHandlers()) {
      julRoot.removeHandler(handler);
    }
    Handler ours =
        LogBridgeHandler.builder()
            .settings(BridgeSettings.builder().shutdownHookEnabled(false).build())
            .build();
    julRoot.addHandler(order == Order.LOGBRIDGE_FIRST ? ours : forwarder);
    julRoot.addHandler(order == Order.LOGBRIDGE_FIRST ? forwarder : ours);
    julRoot.setLevel(Level.INFO);
    return this;
  }

  /**
   * Flushes the bridge and returns its accounting, with nothing pending and the queue empty
   * (counted by the ring itself). What arrived is for the caller to reconcile by content.
   */
  static BridgeStats flushedStats() {
    assertThat(LogBridge.flush(Duration.ofSeconds(10))).as("flushed in time").isTrue();
    BridgeStats stats = LogBridge.stats();
    assertThat(stats.pending()).as("pending after flush: %s", stats).isZero();
    assertThat(LogBridge.global().queueSize()).as("queued after flush").isZero();
    return stats;
  }

  /**
   * Logs 50 distinct INFO records through {@code jul} and checks that each was exported exactly
   * once and that each forwarded copy was counted as {@code forwarded}, nothing else dropped.
   */
  static void assertEachJulRecordExportedOnce(TestOpenTelemetry otel, Logger jul) {
    int records = 50;
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      jul.info("legacy record " + i);
      sent.add("legacy record " + i);
    }

    BridgeStats stats = flushedStats();
    Reconciliation.of(sent, otel.bodies(), stats).assertReconciled();
    assertThat(stats.accepted()).isEqualTo(records);
    assertThat(stats.emitted()).isEqualTo(records);
    assertThat(stats.dropped(DropReason.FORWARDED)).isEqualTo(records);
    assertThat(stats.hasLosses()).as("losses: %s", stats).isFalse();
  }

  @Override
  public void close() {
    for (Handler handler : julRoot.getHandlers()) {
      julRoot.removeHandler(handler);
      if (handler instanceof LogBridgeHandler) {
        handler.close();
      }
    }
    for (Handler handler : originalHandlers) {
      julRoot.addHandler(handler);
    }
    julRoot.setLevel(originalLevel);
    if (logback) {
      LogbackFixture.context().reset();
    }
    if (log4j) {
      Configurator.reconfigure(new DefaultConfiguration());
    }
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }
}
