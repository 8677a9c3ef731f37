package dev.logbridge.demo;

/**
 * SLF4J and Logback, configured from the bundled file of the chosen bridge (logbridge's appender
 * or the naive one), with java.util.logging routed into SLF4J.
 *
 * <p>Thread-safety: see {@link FrameworkSetup}.
 */
final class LogbackFramework implements FrameworkSetup {
  private final BridgeKind bridge;
  private final JulRootHandlers julRoot;
  private final ServiceLog log = new Slf4jServiceLog();

  LogbackFramework(BridgeKind bridge) {
    this.bridge = bridge;
    this.julRoot = LogbackSetup.configure(bridge.logbackResource());
  }

  @Override
  public ServiceLog serviceLog() {
    return log;
  }

  @Override
  public String description() {
    return bridge.description();
  }

  @Override
  public String sdkWarningsRoute() {
    return "routed back through jul-to-slf4j";
  }

  @Override
  public void close() {
    LogbackSetup.reset();
    julRoot.close();
  }
}
