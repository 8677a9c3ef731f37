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

/** Configures the real JUL LogManager from properties for a test, with a fresh global bridge. */
final class JulFixture {
  private JulFixture() {}

  /**
   * Resets the global bridge and JUL, then configures the root logger (level ALL) with logbridge's
   * handler holding {@code handlerProperties} (lines without the class-name prefix).
   */
  static LogBridgeHandler configure(String... handlerProperties) {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    return configureOnRunningBridge(handlerProperties);
  }

  /**
   * As {@link #configure}, but keeps the global bridge (a test may have created it, to listen to
   * its status channel from the start).
   */
  static LogBridgeHandler configureOnRunningBridge(String... handlerProperties) {
    StringBuilder text =
        new StringBuilder()
            .append("handlers=dev.logbridge.jul.LogBridgeHandler\n")
            .append(".level=ALL\n")
            .append("dev.logbridge.jul.LogBridgeHandler.shutdownHook=false\n");
    for (String line : handlerProperties) {
      text.append("dev.logbridge.jul.LogBridgeHandler.").append(line).append('\n');
    }
    try {
      LogManager.getLogManager()
          .readConfiguration(
              new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (handler instanceof LogBridgeHandler) {
        return (LogBridgeHandler) handler;
      }
    }
    throw new IllegalStateException("JUL did not create the handler");
  }

  /** Closes JUL's handlers (flushing logbridge), forgets the bridge and the global SDK. */
  static void tearDown() {
    LogManager.getLogManager().reset();
    LogBridge.resetGlobal(Duration.ofSeconds(5));
    GlobalOpenTelemetry.resetForTest();
  }
}
