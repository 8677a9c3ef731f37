package dev.logbridge.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of the receiver: checks path, method, media type and size, applies the fault,
 * decodes, and answers as the OTLP/HTTP specification says.
 *
 * <p>Thread-safe: runs on the server's executor threads, and finishes delayed requests on the
 * scheduler thread; all shared state lives in thread-safe collaborators. Every request is read to
 * its end before it is answered, and every answer carries a {@code Content-Length}, so neither side
 * waits on the other (Nagle and delayed ACKs).
 */
final class LogsHandler implements HttpHandler {
  static final String PATH = "/v1/logs";

  private final long maxBodyBytes;
  private final RecordStore store;
  private final Counters counters;
  private final FaultInjector faults;
  private final List<RecordSink> sinks;
  private final ScheduledExecutorService scheduler;

  LogsHandler(
      long maxBodyBytes,
      RecordStore store,
      Counters counters,
      FaultInjector faults,
      List<RecordSink> sinks,
      ScheduledExecutorService scheduler) {
    this.maxBodyBytes = maxBodyBytes;
    this.store = store;
    this.counters = counters;
    this.faults = faults;
    this.sinks = List.copyOf(sinks);
    this.scheduler = scheduler;
  }

  @Override
  public void handle(HttpExchange exchange) {
    counters.requests.increment();
    try {
      serve(exchange);
    } catch (Throwable t) {
      // Never let an exception reach the server: it would close the connection without a word.
      deliver(exchange, Answer.text(500, "receiver failure: " + t));
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    if (!PATH.equals(exchange.getRequestURI().getPath())) {
      refuse(exchange, Answer.text(404, "no such path; OTLP logs go to " + PATH));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      refuse(
          exchange,
          Answer.text(405, "method " + exchange.getRequestMethod() + " not allowed; use POST"));
      return;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    WireFormat format = WireFormat.ofContentType(contentType);
    if (format == null) {
      refuse(
          exchange,
          Answer.text(
              415,
              "unsupported Content-Type "
                  + contentType
                  + "; use application/x-protobuf or application/json"));
      return;
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    boolean gzip = encoding != null && "gzip".equals(encoding.trim().toLowerCase(Locale.ROOT));
    if (encoding != null && !gzip && !"identity".equalsIgnoreCase(encoding.trim())) {
      refuse(
          exchange,
          Answer.text(415, "unsupported Content-Encoding " + encoding + "; use gzip or none"));
      return;
    }
    byte[] body;
    try {
      body = readBody(exchange, gzip);
    } catch (RequestException e) {
      deliver(exchange, Answer.status(format, e.status(), e.getMessage(), -1));
      return;
    }
    FaultInjector.Decision decision = faults.decide(() -> releaseHung(exchange, format));
    Answer answer;
    switch (decision.kind) {
      case HANG:
        counters.hung.increment();
        return; // the exchange stays open until the injector runs releaseHung
      case DROP:
        counters.dropped.increment();
        answer = Answer.drop();
        break;
      case ERROR:
        counters.errored.increment();
        answer = faultStatus(format, decision.fault.errorStatus(), decision.fault);
        break;
      default:
        answer = accept(format, body);
    }
    if (decision.delayNanos > 0) {
      counters.delayed.increment();
      later(exchange, answer, decision.delayNanos);
    } else {
      deliver(exchange, answer);
    }
  }

  private byte[] readBody(HttpExchange exchange, boolean gzip)
      throws IOException, RequestException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && parseLength(declared) > maxBodyBytes) {
      // Refused unread: the server closes the connection instead of reading a body we won't use.
      throw new RequestException(
          413, "request body of " + declared.trim() + " bytes exceeds " + maxBodyBytes);
    }
    byte[] raw = BodyReader.read(exchange.getRequestBody(), maxBodyBytes);
    counters.bytesReceived.add(raw.length);
    return gzip ? BodyReader.gunzip(raw, maxBodyBytes) : raw;
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1; // the server itself rejects such requests; let the body reader decide
    }
  }

  private Answer accept(WireFormat format, byte[] body) {
    ExportLogsServiceRequest request;
    try {
      request = OtlpCodec.decode(format, body);
    } catch (RequestException e) {
      return Answer.status(format, e.status(), e.getMessage(), -1);
    }
    List<ReceivedLogRecord> records = new ArrayList<>();
    long rejected = 0;
    String reason = null;
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scopeLogs.getLogRecordsList()) {
          String invalid = OtlpCodec.invalidIds(record);
          if (invalid != null) {
            rejected++;
            reason = invalid;
          } else {
            records.add(
                new ReceivedLogRecord(resourceLogs.getResource(), scopeLogs.getScope(), record));
          }
        }
      }
    }
    ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
    if (rejected > 0) {
      response.setPartialSuccess(
          ExportLogsPartialSuccess.newBuilder()
              .setRejectedLogRecords(rejected)
              .setErrorMessage(rejected + " log record(s) rejected, for example: " + reason));
    }
    return Answer.accepted(
        format, OtlpCodec.encodeResponse(format, response.build()), records, rejected);
  }

  private static Answer faultStatus(WireFormat format, int status, Fault fault) {
    // Retry-After only where the OTLP specification lets a client use it: 429 and 503.
    long retryAfter = status == 429 || status == 503 ? fault.retryAfter().toSeconds() : -1;
    return Answer.status(
        format, status, "fault injected by logbridge-receiver: " + status, retryAfter);
  }

  private void releaseHung(HttpExchange exchange, WireFormat format) {
    deliver(exchange, Answer.status(format, 503, "hang released by logbridge-receiver", 0));
  }

  private void later(HttpExchange exchange, Answer answer, long delayNanos) {
    try {
      scheduler.schedule(() -> deliver(exchange, answer), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      exchange.close();
    }
  }

  /** Reads what is left of a refused request, so the connection stays usable, then answers. */
  private void refuse(HttpExchange exchange, Answer answer) throws IOException {
    BodyReader.discard(exchange.getRequestBody(), maxBodyBytes);
    deliver(exchange, answer);
  }

  /** Stores the answer's records, then sends it; never throws. */
  private void deliver(HttpExchange exchange, Answer answer) {
    try {
      if (answer.drop) {
        // Closing before any response header was sent closes the connection itself.
        return;
      }
      if (!answer.records.isEmpty()) {
        store.addAll(answer.records);
        for (RecordSink sink : sinks) {
          sink.accept(answer.records);
        }
      }
      counters.recordsRejected.add(answer.rejected);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType);
      if (answer.retryAfterSeconds >= 0) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(answer.retryAfterSeconds));
      }
      counters.responded(answer.status);
      exchange.sendResponseHeaders(
          answer.status, answer.body.length == 0 ? -1 : answer.body.length);
      if (answer.body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to tell it.
    } finally {
      exchange.close();
    }
  }
}
