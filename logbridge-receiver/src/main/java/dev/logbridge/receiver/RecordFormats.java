package dev.logbridge.receiver;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text forms of a {@link ReceivedLogRecord}: one JSON object, or one readable line.
 *
 * <p>Stateless and thread-safe.
 */
final class RecordFormats {
  private RecordFormats() {}

  /** Returns {@code record} as one line of JSON (no line break). */
  static String toJson(ReceivedLogRecord record) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("time", instantText(record.timestamp()));
    json.put("timeUnixNano", record.timeUnixNano());
    json.put("observedTime", instantText(record.observedTimestamp()));
    json.put("observedTimeUnixNano", record.observedTimeUnixNano());
    json.put("severityNumber", (long) record.severityNumber());
    json.put("severityText", record.severityText());
    json.put("body", record.body());
    json.put("attributes", record.attributes());
    json.put("traceId", record.traceId());
    json.put("spanId", record.spanId());
    json.put("flags", (long) record.flags());
    json.put("eventName", record.eventName());
    json.put("scopeName", record.scopeName());
    json.put("scopeVersion", record.scopeVersion());
    json.put("resource", record.resourceAttributes());
    return JsonText.appendValue(new StringBuilder(256), json).toString();
  }

  /** Returns {@code record} as one readable line: time, severity, scope, body, trace id, attributes. */
  static String toLine(ReceivedLogRecord record) {
    Instant time = record.timestamp() != null ? record.timestamp() : record.observedTimestamp();
    String severity =
        record.severityText().isEmpty() ? "SEV" + record.severityNumber() : record.severityText();
    StringBuilder line =
        new StringBuilder(128)
            .append(time == null ? "-" : time.toString())
            .append(' ')
            .append(String.format("%-5s", severity))
            .append(" [")
            .append(record.scopeName())
            .append("] ")
            .append(record.body().replace("\n", "\\n"));
    if (!record.traceId().isEmpty()) {
      line.append(" trace=").append(record.traceId());
    }
    if (!record.eventName().isEmpty()) {
      line.append(" event=").append(record.eventName());
    }
    if (!record.attributes().isEmpty()) {
      line.append(' ').append(AnyValues.render(record.attributes()).replace("\n", "\\n"));
    }
    return line.toString();
  }

  private static String instantText(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
