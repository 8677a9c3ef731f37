package dev.logbridge.receiver;

/**
 * A request the receiver refuses, with the HTTP status to answer and a message for the sender.
 *
 * <p>Immutable once thrown; confined to the thread serving the request.
 */
final class RequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  RequestException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  RequestException(int status, String message, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
