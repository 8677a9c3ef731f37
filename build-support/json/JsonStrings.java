package ${logbridge.json.package};

/*
 * The one JSON string escaper of logbridge, shared as source: the build copies this file into
 * each module that writes JSON by hand (logbridge-doctor, logbridge-receiver, logbridge-demo),
 * with the module's package filled in, so each gets a package-private copy of the same code and
 * no module depends on another (or on a JSON library) for it. Why not a library or a shared
 * artifact: docs/DECISIONS.md. Edit it here; the copies live in target/generated-sources.
 */

/**
 * Quotes and escapes strings as JSON string literals (RFC 8259): the quote, the backslash and
 * every control character are escaped, and so are U+2028 and U+2029, which JavaScript rejected
 * in string literals before ES2019.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonStrings() {}

  /** {@code text} as a quoted JSON string literal. */
  static String quote(String text) {
    return appendQuoted(new StringBuilder(text.length() + 2), text).toString();
  }

  /** Appends {@code text} to {@code out} as a quoted JSON string literal; returns {@code out}. */
  static StringBuilder appendQuoted(StringBuilder out, String text) {
    out.append('"');
    int copied = 0; // text before this index is in out already
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      out.append(text, copied, i);
      copied = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        // No String.format: the doctor's cold start counts every class it loads.
        default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      }
    }
    return out.append(text, copied, text.length()).append('"');
  }
}
