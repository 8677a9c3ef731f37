package dev.logbridge.receiver;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions of OTLP {@link AnyValue}s into plain Java values and into display text.
 *
 * <p>Stateless and thread-safe.
 */
final class AnyValues {
  private AnyValues() {}

  /**
   * Returns the Java form of {@code value}: String, Long, Double, Boolean, an unmodifiable List or
   * Map (insertion-ordered) of such values, a fresh byte[], or null when no value is set.
   */
  static Object toJava(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case BYTES_VALUE:
        return value.getBytesValue().toByteArray();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(toJava(element));
        }
        return Collections.unmodifiableList(list);
      case KVLIST_VALUE:
        return toJavaMap(value.getKvlistValue().getValuesList());
      case VALUE_NOT_SET:
      default:
        return null;
    }
  }

  /**
   * Returns an unmodifiable, insertion-ordered map of {@code attributes}; a repeated key keeps its
   * last value, as the SDKs do. Values may be null (an attribute without a value).
   */
  static Map<String, Object> toJavaMap(List<KeyValue> attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      map.put(kv.getKey(), toJava(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Returns display text for {@code value}: strings as they are, everything else rendered as by
   * {@link #render(Object)}, and the empty string when no value is set.
   */
  static String toText(AnyValue value) {
    if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      return value.getStringValue();
    }
    Object java = toJava(value);
    return java == null ? "" : render(java);
  }

  /** Renders a value produced by {@link #toJava}: byte arrays as base64, collections recursively. */
  static String render(Object value) {
    if (value instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) value);
    }
    if (value instanceof List) {
      StringBuilder out = new StringBuilder("[");
      for (Object element : (List<?>) value) {
        out.append(out.length() > 1 ? ", " : "").append(render(element));
      }
      return out.append(']').toString();
    }
    if (value instanceof Map) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        out.append(out.length() > 1 ? ", " : "")
            .append(entry.getKey())
            .append('=')
            .append(render(entry.getValue()));
      }
      return out.append('}').toString();
    }
    return String.valueOf(value);
  }
}
