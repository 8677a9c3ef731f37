package dev.logbridge.receiver;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the values of {@link ReceivedLogRecord}s and for error bodies; strings
 * are escaped by {@link JsonStrings}, the escaper shared with the doctor and the demo.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonText {
  private JsonText() {}

  /**
   * Appends {@code value} (String, Number, Boolean, List, Map, byte[] or null) as JSON. Byte arrays
   * become base64 strings; non-finite doubles become strings, because JSON has no such numbers.
   */
  static StringBuilder appendValue(StringBuilder out, Object value) {
    if (value == null) {
      return out.append("null");
    }
    if (value instanceof String) {
      return JsonStrings.appendQuoted(out, (String) value);
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      return out.append(value);
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isFinite(d) ? out.append(d) : JsonStrings.appendQuoted(out, Double.toString(d));
    }
    if (value instanceof byte[]) {
      return JsonStrings.appendQuoted(out, Base64.getEncoder().encodeToString((byte[]) value));
    }
    if (value instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object element : (List<?>) value) {
        out.append(first ? "" : ",");
        first = false;
        appendValue(out, element);
      }
      return out.append(']');
    }
    if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        JsonStrings.appendQuoted(out, String.valueOf(entry.getKey())).append(':');
        appendValue(out, entry.getValue());
      }
      return out.append('}');
    }
    return JsonStrings.appendQuoted(out, String.valueOf(value));
  }
}
