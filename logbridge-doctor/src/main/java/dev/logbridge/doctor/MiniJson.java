package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader (its writing side is {@link JsonStrings}), so the doctor needs no JSON library on its class path (it is often
 * dropped into a process or run from a single jar). Objects become {@link LinkedHashMap}s, arrays {@link List}s,
 * numbers {@link Double}s or {@link Long}s.
 *
 * <p>Stateless entry points; each parse is confined to its calling thread.
 */
final class MiniJson {
  private final String text;
  private int pos;

  /** Where the next backslash at or after {@link #pos} is (the text's length when none); found lazily. */
  private int nextBackslash = -1;

  /** Arrays already parsed, by their text; see {@link #array()}. */
  private final java.util.Map<String, List<Object>> arrays = new java.util.HashMap<>();

  private static final int MAX_SHARED_ARRAY = 16 * 1024;

  private MiniJson(String text) {
    this.text = text;
  }

  /** Parses one JSON value that must span the whole text. */
  static Object parse(String text) {
    MiniJson p = new MiniJson(text);
    Object value = p.value();
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw p.error("unexpected trailing content");
    }
    return value;
  }

  private Object value() {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a field name");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      map.put(key, value());
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array() {
    // Thread dumps repeat the same stack array thousands of times (idle pool workers). An array
    // with no nested
    // array is looked up by its text, up to its first ']', and parsed only the first time;
    // identical text always
    // parses to the same value, so a hit is exact. Repeated arrays are shared, hence unmodifiable.
    int close = text.indexOf(']', pos);
    String key =
        close > pos && close - pos <= MAX_SHARED_ARRAY ? text.substring(pos, close + 1) : null;
    if (key != null) {
      List<Object> known = arrays.get(key);
      if (known != null) {
        pos = close + 1;
        return known;
      }
    }
    List<Object> list = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skipWhitespace();
      char c = next();
      if (c == ']') {
        if (key != null && pos == close + 1) {
          list = java.util.Collections.unmodifiableList(list);
          arrays.put(key, list);
        }
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    expect('"');
    // Text between escapes is copied in runs found with String.indexOf, an intrinsic; a loop over
    // charAt
    // would run interpreted for much of a cold run, and JSON thread dumps escape a slash in every
    // frame.
    StringBuilder sb = null;
    int from = pos;
    while (true) {
      int quote = text.indexOf('"', from);
      if (quote < 0) {
        pos = text.length();
        throw error("unexpected end of input");
      }
      if (nextBackslash < from) {
        nextBackslash = text.indexOf('\\', from);
        if (nextBackslash < 0) {
          nextBackslash = text.length();
        }
      }
      if (quote < nextBackslash) {
        String s =
            sb == null ? text.substring(pos, quote) : sb.append(text, from, quote).toString();
        pos = quote + 1;
        return s;
      }
      if (sb == null) {
        sb = new StringBuilder(quote - from + 16);
      }
      sb.append(text, from, nextBackslash);
      int escaped = nextBackslash + 1;
      if (escaped >= text.length()) {
        pos = text.length();
        throw error("unexpected end of input");
      }
      from = escaped + 1;
      switch (text.charAt(escaped)) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (from + 4 > text.length()) {
            pos = from;
            throw error("truncated \\u escape");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(from, from + 4), 16));
          } catch (NumberFormatException e) {
            pos = from;
            throw error("bad \\u escape");
          }
          from += 4;
        }
        default -> sb.append(text.charAt(escaped));
      }
    }
  }

  private Object number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String n = text.substring(start, pos);
    if (n.isEmpty()) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    try {
      return isInteger(n) ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
    } catch (NumberFormatException e) {
      throw error("bad number '" + n + "'");
    }
  }

  private static boolean isInteger(String n) {
    int i = n.startsWith("-") ? 1 : 0;
    if (i == n.length()) {
      return false;
    }
    for (; i < n.length(); i++) {
      if (n.charAt(i) < '0' || n.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && !Character.isWhitespace(c)) {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private ThreadDumpFormatException error(String what) {
    return new ThreadDumpFormatException("malformed JSON at character " + pos + ": " + what);
  }
}
