package dev.logbridge.demo;

import java.util.Locale;

/**
 * The logging framework the simulated service logs through.
 *
 * <p>Only Logback exists today; the other adapters are being built and plug in here (a setup that
 * routes the service's logger into the adapter) once their modules land.
 */
enum Framework {
  LOGBACK(null),
  JUL("the java.util.logging adapter (logbridge-jul)"),
  LOG4J2("the Log4j 2 adapter (logbridge-log4j2)");

  private final String missingModule;

  Framework(String missingModule) {
    this.missingModule = missingModule;
  }

  /** Whether this build contains the adapter. */
  boolean isAvailable() {
    return missingModule == null;
  }

  /** Why this framework cannot run yet; only meaningful when {@link #isAvailable()} is false. */
  String unavailableMessage() {
    return "--framework " + this + " is not built yet: " + missingModule
        + " is still being written. Only --framework logback runs in this build.";
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
