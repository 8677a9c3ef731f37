package dev.logbridge.receiver;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the receiver will do with one request once any delay has passed: the response to send (or
 * a dropped connection), and the records to store just before sending it.
 *
 * <p>Immutable; handed from the HTTP thread to the delay scheduler.
 */
final class Answer {
  static final String TEXT = "text/plain; charset=utf-8";

  final int status;
  final String contentType;
  final byte[] body;

  /** Seconds for a {@code Retry-After} header, or -1 for none. */
  final long retryAfterSeconds;

  final List<ReceivedLogRecord> records;
  final long rejected;
  final boolean drop;

  private Answer(
      int status,
      String contentType,
      byte[] body,
      long retryAfterSeconds,
      List<ReceivedLogRecord> records,
      long rejected,
      boolean drop) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
    this.records = records;
    this.rejected = rejected;
    this.drop = drop;
  }

  /** A 200 that stores {@code records} and reports {@code rejected} ones as a partial success. */
  static Answer accepted(
      WireFormat format, byte[] body, List<ReceivedLogRecord> records, long rejected) {
    return new Answer(200, format.mediaType(), body, -1, records, rejected, false);
  }

  /** An error answered with a {@code google.rpc.Status} in the request's format. */
  static Answer status(WireFormat format, int status, String message, long retryAfterSeconds) {
    return new Answer(
        status,
        format.mediaType(),
        OtlpCodec.encodeStatus(format, status, message),
        retryAfterSeconds,
        List.of(),
        0,
        false);
  }

  /** An error answered in plain text, for requests whose format is unknown or irrelevant. */
  static Answer text(int status, String message) {
    return new Answer(
        status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), -1, List.of(), 0, false);
  }

  /** A connection closed without any response. */
  static Answer drop() {
    return new Answer(0, TEXT, new byte[0], -1, List.of(), 0, true);
  }
}
