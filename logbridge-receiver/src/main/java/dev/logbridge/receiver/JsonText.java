package dev.logbridge.receiver;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the values of {@link ReceivedLogRecord}s and for error bodies.
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
      return appendString(out, (String) value);
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      return out.append(value);
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isFinite(d) ? out.append(d) : appendString(out, Double.toString(d));
    }
    if (value instanceof byte[]) {
      return appendString(out, Base64.getEncoder().encodeToString((byte[]) value));
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
        appendString(out, String.valueOf(entry.getKey())).append(':');
        appendValue(out, entry.getValue());
      }
      return out.append('}');
    }
    return appendString(out, String.valueOf(value));
  }

  /** Appends {@code text} as a quoted JSON string. */
  static StringBuilder appendString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"');
  }
}
