package dev.logbridge;

/**
 * Receives logbridge's own diagnostics instead of the default destination, the process's original
 * standard error. Adapters register one to route diagnostics into their framework's status API
 * (Logback's {@code StatusManager}, Log4j's {@code StatusLogger}), never into a logger.
 *
 * <p>Called on logbridge's pipeline thread or on the thread calling a lifecycle method; never on a
 * thread that is logging. Implementations must not log through a framework logbridge bridges;
 * whatever they throw is contained.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface StatusListener {
  /** Severity of a status message. */
  enum Level {
    INFO,
    WARN,
    ERROR
  }

  /** Receives one status message. */
  void onStatus(Level level, String message);
}
