package dev.logbridge.receiver;

import java.util.Locale;

/**
 * The two OTLP/HTTP encodings, named by their media types.
 *
 * <p>Immutable and thread-safe.
 */
enum WireFormat {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String mediaType;

  WireFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  /** Returns the format of a {@code Content-Type} header value, or null when it is neither. */
  static WireFormat ofContentType(String header) {
    if (header == null) {
      return null;
    }
    int semicolon = header.indexOf(';');
    String type =
        (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "application/x-protobuf":
      case "application/protobuf":
        return PROTOBUF;
      case "application/json":
        return JSON;
      default:
        return null;
    }
  }
}
