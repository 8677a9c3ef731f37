package dev.logbridge.demo;

/**
 * One line of the report's checks, kept so that the text and the {@code --json} report say the
 * same thing.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name a stable identifier for scripts ({@code balanced}, {@code nothing_pending}, ...)
 * @param status {@code PASS} or {@code FAIL} for what logbridge owns, {@code INFO} for what it
 *     reports without asserting (losses after the hand-off to the SDK)
 * @param detail the line as the text report prints it
 */
record ReportCheck(String name, String status, String detail) {
  static ReportCheck asserted(String name, boolean ok, String detail) {
    return new ReportCheck(name, ok ? "PASS" : "FAIL", detail);
  }

  static ReportCheck info(String name, String detail) {
    return new ReportCheck(name, "INFO", detail);
  }

  boolean failed() {
    return status.equals("FAIL");
  }
}
