package dev.logbridge.demo;

/**
 * The demo's process exit codes, documented in the README and in {@code --help}.
 *
 * <p>Thread-safety: constants only.
 */
final class ExitCodes {
  /** The run finished and every check logbridge owns passed. */
  static final int OK = 0;

  /** The run finished but an accounting check failed: a record was lost without being counted. */
  static final int ACCOUNTING_FAILED = 1;

  /** Invalid options, or an option this build cannot honour (picocli's own usage code). */
  static final int USAGE = 2;

  /** The service froze (no request completed for the stall window) and the detector said why. */
  static final int STALLED = 3;

  private ExitCodes() {}
}
