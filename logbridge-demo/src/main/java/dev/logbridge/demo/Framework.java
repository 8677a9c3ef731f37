package dev.logbridge.demo;

import java.util.Locale;

/**
 * The logging framework the simulated service logs through, and how each is wired to the bridge
 * under test for a run.
 */
enum Framework {
  LOGBACK,
  JUL,
  LOG4J2;

  /**
   * Whether {@code bridge} can carry this framework's records. The naive bridge reproduces the
   * seed's freeze with a Logback appender only: that one reproduction is the point, not a naive
   * bridge per framework.
   */
  boolean supports(BridgeKind bridge) {
    return bridge == BridgeKind.LOGBRIDGE || this == LOGBACK;
  }

  /** Why {@code bridge} cannot run with this framework; see {@link #supports}. */
  String unsupportedMessage(BridgeKind bridge) {
    return "--bridge "
        + bridge
        + " runs with --framework logback only (the naive bridge is a"
        + " Logback appender); --framework "
        + this
        + " runs with --bridge logbridge.";
  }

  /** Configures this framework to log into {@code bridge} until the returned setup is closed. */
  FrameworkSetup setUp(BridgeKind bridge) {
    switch (this) {
      case LOGBACK:
        return new LogbackFramework(bridge);
      case JUL:
        return new JulFramework();
      case LOG4J2:
        return new Log4jFramework();
      default:
        throw new AssertionError(this);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
