package dev.logbridge;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns any Java value into an immutable value OpenTelemetry attributes can carry, without ever
 * logging and without ever throwing.
 *
 * <p>Runs on the caller's thread at capture time, because it may call user code ({@code
 * toString()}) and because the value may change after the log call returns. The result is one of:
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or an unmodifiable {@link List} of
 * one of those four types. The rules:
 *
 * <ul>
 *   <li>{@code null} becomes the string {@code "null"}.
 *   <li>Booleans stay booleans; {@code Byte}, {@code Short}, {@code Integer}, {@code Long} and the
 *       atomic integers become longs; {@code Float} and {@code Double} become doubles.
 *   <li>Strings are truncated to the value length limit (counted as {@link
 *       CutKind#ATTRIBUTE_VALUE_LENGTH}).
 *   <li>Enums become their {@code name()}; {@code java.time} values their ISO-8601 {@code
 *       toString()}; {@link Date} and {@link Calendar} the ISO-8601 instant; {@link UUID} its
 *       canonical form; {@code char[]} a string; {@code byte[]} base64.
 *   <li>{@link Optional}: the coerced content, or {@code "Optional.empty"}.
 *   <li>Arrays and collections whose elements are all non-null and share one of the four types
 *       become a typed list; others, a null element included, become a list of rendered strings
 *       (a null as {@code "null"}). Elements beyond the collection limit are left out ({@link
 *       CutKind#COLLECTION_SIZE}).
 *   <li>Maps and other objects become a string rendering that follows maps, collections and arrays
 *       to the depth limit, marks cycles {@code <cycle>} and deeper levels {@code <...>} ({@link
 *       CutKind#DEPTH}), and uses each leaf's {@code toString()}.
 *   <li>A {@code toString()} that throws (even {@link StackOverflowError}) yields {@code
 *       <toString() threw java.lang.IllegalStateException: message>} ({@link
 *       CutKind#TO_STRING_FAILURE}).
 * </ul>
 *
 * <p>Thread-safety: immutable apart from the thread-safe {@link Accounting}; any thread may use it.
 */
final class ValueCoercer {
  private static final String NULL = "null";

  private final int maxValueLength;
  private final int maxDepth;
  private final int maxElements;
  private final Accounting accounting;

  public ValueCoercer(BridgeSettings settings, Accounting accounting) {
    this.maxValueLength = settings.maxAttributeValueLength();
    this.maxDepth = settings.maxRenderDepth();
    this.maxElements = settings.maxCollectionElements();
    this.accounting = accounting;
  }

  /** Coerces {@code value}; see the class description for the rules. Never throws. */
  public Object coerce(Object value) {
    try {
      return coerceTopLevel(value);
    } catch (Throwable t) {
      // Everything above guards user code already; this is the last line of defence.
      accounting.cut(CutKind.TO_STRING_FAILURE);
      return placeholder(t);
    }
  }

  /** Truncates {@code s} to the value length limit, counting the cut. */
  public String truncate(String s) {
    return truncate(s, maxValueLength, CutKind.ATTRIBUTE_VALUE_LENGTH);
  }

  /** Truncates {@code s} to {@code max} chars, counting a cut of {@code kind} when it does. */
  public String truncate(String s, int max, CutKind kind) {
    if (s.length() <= max) {
      return s;
    }
    accounting.cut(kind);
    int end = max;
    // Never split a surrogate pair: a lone high surrogate is not valid UTF-8 downstream.
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Calls {@code value.toString()}, containing whatever it throws, and truncates the result. */
  public String safeToString(Object value) {
    if (value == null) {
      return NULL;
    }
    String s;
    try {
      s = value.toString();
    } catch (Throwable t) {
      accounting.cut(CutKind.TO_STRING_FAILURE);
      return placeholder(t);
    }
    return s == null ? NULL : truncate(s);
  }

  private Object coerceTopLevel(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof String) {
      return truncate((String) value);
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (isIntegral(value)) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof Optional) {
      Optional<?> optional = (Optional<?>) value;
      return optional.isPresent() ? coerceTopLevel(optional.get()) : "Optional.empty";
    }
    if (value instanceof byte[]) {
      return base64((byte[]) value);
    }
    if (value instanceof char[]) {
      return truncate(new String((char[]) value));
    }
    if (value.getClass().isArray()) {
      return arrayToList(value);
    }
    if (value instanceof Collection) {
      return collectionToList((Collection<?>) value);
    }
    String immutable = renderWellKnown(value);
    if (immutable != null) {
      return truncate(immutable);
    }
    StringBuilder out = new StringBuilder();
    render(value, out, 0, new IdentityHashMap<>());
    return truncate(out.toString());
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicInteger
        || value instanceof AtomicLong;
  }

  /**
   * Renders values whose string form is fixed by the JDK and cannot run user code; null for others.
   */
  private static String renderWellKnown(Object value) {
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    if (value instanceof Character || value instanceof UUID) {
      return value.toString();
    }
    Class<?> type = value.getClass();
    if (type.getName().startsWith("java.time.")) {
      return value.toString(); // final JDK classes: ISO-8601
    }
    if (value instanceof Date) {
      // getTime(), not toInstant(): java.sql.Date.toInstant() throws.
      return Instant.ofEpochMilli(((Date) value).getTime()).toString();
    }
    if (value instanceof Calendar) {
      return Instant.ofEpochMilli(((Calendar) value).getTimeInMillis()).toString();
    }
    if (value instanceof OptionalInt
        || value instanceof OptionalLong
        || value instanceof OptionalDouble) {
      return value.toString();
    }
    return null;
  }

  private String base64(byte[] bytes) {
    // Encoding n bytes gives 4 * ceil(n / 3) chars: encode only what fits the limit.
    int maxBytes = (maxValueLength / 4) * 3;
    if (bytes.length <= maxBytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    accounting.cut(CutKind.ATTRIBUTE_VALUE_LENGTH);
    byte[] head = new byte[maxBytes];
    System.arraycopy(bytes, 0, head, 0, maxBytes);
    return Base64.getEncoder().encodeToString(head);
  }

  private List<?> arrayToList(Object array) {
    int length = Array.getLength(array);
    int kept = Math.min(length, maxElements);
    if (kept < length) {
      accounting.cut(CutKind.COLLECTION_SIZE);
    }
    Class<?> component = array.getClass().getComponentType();
    if (component == boolean.class) {
      boolean[] a = (boolean[]) array;
      List<Boolean> list = new ArrayList<>(kept);
      for (int i = 0; i < kept; i++) {
        list.add(a[i]);
      }
      return Collections.unmodifiableList(list);
    }
    if (component == int.class || component == long.class || component == short.class) {
      List<Long> list = new ArrayList<>(kept);
      for (int i = 0; i < kept; i++) {
        list.add(((Number) Array.get(array, i)).longValue());
      }
      return Collections.unmodifiableList(list);
    }
    if (component == float.class || component == double.class) {
      List<Double> list = new ArrayList<>(kept);
      for (int i = 0; i < kept; i++) {
        list.add(((Number) Array.get(array, i)).doubleValue());
      }
      return Collections.unmodifiableList(list);
    }
    Object[] objects = (Object[]) array;
    List<Object> elements = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      elements.add(objects[i]);
    }
    return elementsToList(elements, array);
  }

  private List<?> collectionToList(Collection<?> collection) {
    List<Object> elements = new ArrayList<>(Math.min(maxElements, 16));
    boolean more = false;
    // Iterating may throw (a concurrent modification, a hostile iterator): coerce() contains it.
    for (Object element : collection) {
      if (elements.size() == maxElements) {
        more = true;
        break;
      }
      elements.add(element);
    }
    if (more) {
      accounting.cut(CutKind.COLLECTION_SIZE);
    }
    return elementsToList(elements, collection);
  }

  /** Makes a typed list when every non-null element shares one type, else a list of strings. */
  private List<?> elementsToList(List<Object> elements, Object container) {
    Class<?> common = commonType(elements);
    if (common == String.class) {
      List<String> list = new ArrayList<>(elements.size());
      for (Object e : elements) {
        list.add(truncate((String) e));
      }
      return Collections.unmodifiableList(list);
    }
    if (common == Long.class) {
      List<Long> list = new ArrayList<>(elements.size());
      for (Object e : elements) {
        list.add(((Number) e).longValue());
      }
      return Collections.unmodifiableList(list);
    }
    if (common == Double.class) {
      List<Double> list = new ArrayList<>(elements.size());
      for (Object e : elements) {
        list.add(((Number) e).doubleValue());
      }
      return Collections.unmodifiableList(list);
    }
    if (common == Boolean.class) {
      List<Boolean> list = new ArrayList<>(elements.size());
      for (Object e : elements) {
        list.add((Boolean) e);
      }
      return Collections.unmodifiableList(list);
    }
    List<String> list = new ArrayList<>(elements.size());
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    seen.put(container, Boolean.TRUE);
    for (Object e : elements) {
      StringBuilder out = new StringBuilder();
      render(e, out, 1, seen);
      list.add(truncate(out.toString()));
    }
    return Collections.unmodifiableList(list);
  }

  /** The one attribute type shared by all elements, or null (mixed types, nulls, or none). */
  private static Class<?> commonType(List<Object> elements) {
    Class<?> common = null;
    for (Object e : elements) {
      Class<?> type;
      if (e instanceof String) {
        type = String.class;
      } else if (e instanceof Long
          || e instanceof Integer
          || e instanceof Short
          || e instanceof Byte) {
        type = Long.class;
      } else if (e instanceof Double || e instanceof Float) {
        type = Double.class;
      } else if (e instanceof Boolean) {
        type = Boolean.class;
      } else {
        return null;
      }
      if (common == null) {
        common = type;
      } else if (common != type) {
        return null;
      }
    }
    return common;
  }

  /**
   * Appends a rendering of {@code value}, following maps, collections and arrays to the depth
   * limit. {@code seen} holds the containers on the current path, so cycles, direct or
   * indirect, end in {@code <cycle>} instead of a {@link StackOverflowError}.
   */
  private void render(Object value, StringBuilder out, int depth, Map<Object, Boolean> seen) {
    if (out.length() > maxValueLength) {
      return; // the result will be truncated anyway; stop doing work
    }
    if (value == null) {
      out.append(NULL);
      return;
    }
    boolean container =
        value instanceof Map || value instanceof Collection || value.getClass().isArray();
    if (!container) {
      String known = value instanceof String ? (String) value : renderWellKnown(value);
      out.append(known != null ? known : safeToString(value));
      return;
    }
    if (seen.containsKey(value)) {
      accounting.cut(CutKind.DEPTH);
      out.append("<cycle>");
      return;
    }
    if (depth >= maxDepth) {
      accounting.cut(CutKind.DEPTH);
      out.append("<...>");
      return;
    }
    seen.put(value, Boolean.TRUE);
    try {
      if (value instanceof Map) {
        renderMap((Map<?, ?>) value, out, depth, seen);
      } else if (value instanceof Collection) {
        renderElements(((Collection<?>) value), out, depth, seen);
      } else {
        renderArray(value, out, depth, seen);
      }
    } catch (Throwable t) {
      // A hostile map or iterator: say so in place and keep what was rendered.
      accounting.cut(CutKind.TO_STRING_FAILURE);
      out.append(placeholder(t));
    } finally {
      seen.remove(value);
    }
  }

  private void renderMap(Map<?, ?> map, StringBuilder out, int depth, Map<Object, Boolean> seen) {
    out.append('{');
    int n = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (n == maxElements) {
        accounting.cut(CutKind.COLLECTION_SIZE);
        out.append(", ...");
        break;
      }
      if (n++ > 0) {
        out.append(", ");
      }
      render(entry.getKey(), out, depth + 1, seen);
      out.append('=');
      render(entry.getValue(), out, depth + 1, seen);
    }
    out.append('}');
  }

  private void renderElements(
      Iterable<?> elements, StringBuilder out, int depth, Map<Object, Boolean> seen) {
    out.append('[');
    int n = 0;
    for (Object element : elements) {
      if (n == maxElements) {
        accounting.cut(CutKind.COLLECTION_SIZE);
        out.append(", ...");
        break;
      }
      if (n++ > 0) {
        out.append(", ");
      }
      render(element, out, depth + 1, seen);
    }
    out.append(']');
  }

  private void renderArray(Object array, StringBuilder out, int depth, Map<Object, Boolean> seen) {
    int length = Array.getLength(array);
    List<Object> elements = new ArrayList<>(Math.min(length, maxElements + 1));
    for (int i = 0; i < length && i <= maxElements; i++) {
      elements.add(Array.get(array, i));
    }
    renderElements(elements, out, depth, seen);
  }

  /** The text used in place of a value whose {@code toString()} threw {@code t}. */
  static String placeholder(Throwable t) {
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable ignored) {
      message = null;
    }
    String type = t.getClass().getName();
    if (message == null) {
      return "<toString() threw " + type + ">";
    }
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return "<toString() threw " + type + ": " + message + ">";
  }
}
