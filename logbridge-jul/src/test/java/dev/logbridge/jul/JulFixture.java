package dev.logbridge.jul;

import dev.logbridge.LogBridge;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The real java.util.logging LogManager, configured from properties text for one test, with a
 * fresh global bridge: the one copy of this wiring for every module's tests (this module's, and
 * through this module's test jar the compatibility tests).
 *
 * <p>Thread-safety: not thread-safe; the LogManager is a JVM-wide resource, so call it from one
 * test thread at a time (tests that use it do not run in parallel).
 */
public final class JulFixture {
  private JulFixture() {}

  /**
   * Resets the global bridge and JUL, then configures the root logger (level ALL) with logbridge's
   * handler holding {@code handlerProperties} (lines without the class-name prefix).
   */
  public static LogBridgeHandler configure(String... handlerProperties) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureOnRunningBridge(handlerProperties);
  }

  /**
   * As {@link #configure}, but keeps the global bridge (a test may have created it, to listen to
   * its status channel from the start).
   */
  public static LogBridgeHandler configureOnRunningBridge(String... handlerProperties) {
    StringBuilder text =
        new StringBuilder()
            .append("handlers=dev.logbridge.jul.LogBridgeHandler\n")
            .append(".level=ALL\n")
            .append("dev.logbridge.jul.LogBridgeHandler.shutdownHook=false\n");
    for (String line : handlerProperties) {
      text.append("dev.logbridge.jul.LogBridgeHandler.").append(line).append('\n');
    }
    readConfiguration(text.toString());
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (handler instanceof LogBridgeHandler) {
        return (LogBridgeHandler) handler;
      }
    }
    throw new IllegalStateException("JUL did not create the handler");
  }

  /**
   * Replaces the LogManager's configuration (closing its handlers) with {@code properties}, in
   * the format of {@code logging.properties}; the global bridge is kept.
   */
  public static void readConfiguration(String properties) {
    try {
      LogManager.getLogManager()
          .readConfiguration(
              new ByteArrayInputStream(properties.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes JUL's handlers (flushing logbridge), forgets the bridge and the global SDK. */
  public static void tearDown() {
    LogManager.getLogManager().reset();
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }
}
