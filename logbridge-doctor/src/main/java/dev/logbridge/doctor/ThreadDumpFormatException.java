package dev.logbridge.doctor;

/**
 * Thrown when input is not a thread dump the doctor can read; the message says what was expected.
 *
 * <p>Instances are not shared across threads and need no synchronisation.
 */
public final class ThreadDumpFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ThreadDumpFormatException(String message) {
    super(message);
  }
}
