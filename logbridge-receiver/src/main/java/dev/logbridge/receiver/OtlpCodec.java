package dev.logbridge.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes OTLP log export requests and encodes the answers, in protobuf or in the OTLP JSON mapping.
 *
 * <p>Stateless and thread-safe.
 */
final class OtlpCodec {
  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;

  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer();

  private OtlpCodec() {}

  /**
   * Decodes a request body.
   *
   * @throws RequestException 400 when the body is not a valid request in {@code format}
   */
  static ExportLogsServiceRequest decode(WireFormat format, byte[] body) throws RequestException {
    try {
      if (format == WireFormat.PROTOBUF) {
        return ExportLogsServiceRequest.parseFrom(body);
      }
      ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
      JSON_PARSER.merge(new String(body, StandardCharsets.UTF_8), builder);
      fixJsonIds(builder);
      return builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new RequestException(
          400, "cannot decode " + format.mediaType() + " body: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // JsonFormat reports some malformed input (deep nesting, odd tokens) as runtime exceptions.
      throw new RequestException(400, "cannot decode " + format.mediaType() + " body: " + e, e);
    }
  }

  /** Encodes a success answer in {@code format}. */
  static byte[] encodeResponse(WireFormat format, ExportLogsServiceResponse response) {
    if (format == WireFormat.PROTOBUF) {
      return response.toByteArray();
    }
    try {
      return JSON_PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print a response", e);
    }
  }

  /**
   * Encodes a {@code google.rpc.Status} (code 1, message 2) in {@code format}; written by hand
   * because opentelemetry-proto does not ship that message.
   */
  static byte[] encodeStatus(WireFormat format, int httpStatus, String message) {
    int code = grpcCode(httpStatus);
    if (format == WireFormat.JSON) {
      StringBuilder json = new StringBuilder("{\"code\":").append(code).append(",\"message\":");
      return JsonStrings.appendQuoted(json, message)
          .append('}')
          .toString()
          .getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeInt32(1, code);
      out.writeString(2, message);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Maps an HTTP status to the gRPC status code the OTLP specification pairs with it. */
  static int grpcCode(int httpStatus) {
    switch (httpStatus) {
      case 400:
      case 413:
        return 3; // INVALID_ARGUMENT
      case 429:
        return 8; // RESOURCE_EXHAUSTED
      case 503:
        return 14; // UNAVAILABLE
      case 504:
        return 4; // DEADLINE_EXCEEDED
      default:
        return httpStatus >= 500 ? 13 : 2; // INTERNAL : UNKNOWN
    }
  }

  /**
   * Returns why {@code record}'s ids break the data model (trace id 0 or 16 bytes, span id 0 or 8),
   * or null when they are fine.
   */
  static String invalidIds(LogRecord record) {
    int trace = record.getTraceId().size();
    int span = record.getSpanId().size();
    if (trace != 0 && trace != TRACE_ID_BYTES) {
      return "trace id of " + trace + " bytes";
    }
    if (span != 0 && span != SPAN_ID_BYTES) {
      return "span id of " + span + " bytes";
    }
    return null;
  }

  /**
   * Turns the ids JsonFormat decoded as base64 back into what the sender wrote, hex per the OTLP
   * JSON mapping. Hex digits are all base64 characters and 32 or 16 of them decode without padding,
   * so re-encoding the decoded bytes gives back the sender's text exactly.
   */
  private static void fixJsonIds(ExportLogsServiceRequest.Builder request) throws RequestException {
    for (ResourceLogs.Builder resource : request.getResourceLogsBuilderList()) {
      for (ScopeLogs.Builder scope : resource.getScopeLogsBuilderList()) {
        for (LogRecord.Builder record : scope.getLogRecordsBuilderList()) {
          record.setTraceId(hexId(record.getTraceId(), TRACE_ID_BYTES, "traceId"));
          record.setSpanId(hexId(record.getSpanId(), SPAN_ID_BYTES, "spanId"));
        }
      }
    }
  }

  private static ByteString hexId(ByteString decodedAsBase64, int size, String field)
      throws RequestException {
    if (decodedAsBase64.isEmpty()) {
      return decodedAsBase64;
    }
    String text = Base64.getEncoder().encodeToString(decodedAsBase64.toByteArray());
    if (text.length() == 2 * size) {
      try {
        return Hex.decode(text);
      } catch (IllegalArgumentException notHex) {
        // fall through: maybe base64 after all
      }
    }
    // Lenient on purpose: some older senders wrote ids as base64, and a base64 text that decodes to
    // exactly the id's size can never be a hex id of that size.
    if (decodedAsBase64.size() == size) {
      return decodedAsBase64;
    }
    throw new RequestException(
        400, field + " must be " + 2 * size + " hex digits, got \"" + text + "\"");
  }
}
