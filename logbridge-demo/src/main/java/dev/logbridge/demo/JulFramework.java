package dev.logbridge.demo;

import dev.logbridge.BridgeSettings;
import dev.logbridge.jul.LogBridgeHandler;

/**
 * java.util.logging with logbridge's {@link LogBridgeHandler} as the root logger's only handler
 * (the JDK's {@code ConsoleHandler} is put back after the run).
 *
 * <p>The OpenTelemetry SDK's own warnings are JUL records too: they reach the same handler
 * directly, and logbridge refuses them by origin.
 *
 * <p>Thread-safety: see {@link FrameworkSetup}.
 */
final class JulFramework implements FrameworkSetup {
  private final JulRootHandlers julRoot;
  private final ServiceLog log = new JulServiceLog();

  JulFramework() {
    // The handler is the first adapter after the demo's resetGlobal, so these settings are the
    // process-wide bridge's: the same queue and shutdown choices as logback-demo.xml.
    LogBridgeHandler handler =
        LogBridgeHandler.builder()
            .settings(
                BridgeSettings.builder()
                    .queueCapacity(FrameworkSetup.QUEUE_CAPACITY)
                    .shutdownHookEnabled(false)
                    .build())
            .build();
    julRoot = JulRootHandlers.replaceWith(handler);
  }

  @Override
  public ServiceLog serviceLog() {
    return log;
  }

  @Override
  public String description() {
    return "dev.logbridge.jul.LogBridgeHandler as the java.util.logging root's only handler";
  }

  @Override
  public String sdkWarningsRoute() {
    return "which reach the JUL root handler directly";
  }

  @Override
  public void close() {
    julRoot.close();
  }
}
