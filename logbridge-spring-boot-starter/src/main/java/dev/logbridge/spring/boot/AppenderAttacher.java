package dev.logbridge.spring.boot;

/**
 * Attaches exactly one logbridge appender to one logging framework's root logger.
 *
 * <p>Thread-safety: implementations are called from Spring's application event multicaster,
 * one event at a time; they must tolerate the framework being reconfigured concurrently by
 * another thread (both frameworks swap their appender lists atomically).
 */
interface AppenderAttacher {
  /** The name of the appender the starter attaches; a logbridge appender of any other name is the user's. */
  String APPENDER_NAME = "LOGBRIDGE_SPRING_BOOT";

  /**
   * Makes sure exactly one logbridge appender feeds the root logger: the starter's own if the
   * logging configuration declares none, none of the starter's if it declares one.
   *
   * @return what was found and done, for tests and the debug log
   */
  Outcome ensureAttached(LogBridgeProperties properties);

  /** What {@link #ensureAttached} found. */
  enum Outcome {
    /** The starter's appender was added (first start, or after the framework was reset). */
    ATTACHED,
    /** The starter's appender was already there and running. */
    ALREADY_ATTACHED,
    /** The configuration declares its own logbridge appender; the starter's is not used. */
    USER_DECLARED
  }
}
