package dev.logbridge.doctor;

/**
 * The callback through which the {@link StallWatchdog} reports a stall, once per incident.
 *
 * <p>Implementations are called on the watchdog's own thread and must be thread-safe with respect to the rest of
 * the application; they should return quickly. Exceptions they throw are contained by the watchdog.
 */
@FunctionalInterface
public interface StallReportListener {

  /** Receives the diagnosis of a new incident (its verdict is never {@link Verdict#HEALTHY}). */
  void onStall(Diagnosis diagnosis);

  /**
   * A listener that writes the text report to the process's original standard-error file descriptor, not
   * through {@code System.err} (which applications sometimes redirect into logging) and never through logging,
   * which may be exactly what is stuck.
   */
  static StallReportListener stderr() {
    return OriginalStderr::print;
  }
}
