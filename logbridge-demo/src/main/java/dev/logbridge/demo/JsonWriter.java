package dev.logbridge.demo;

/**
 * Just enough JSON writing for the demo's {@code --json} report: objects, arrays, strings,
 * numbers, booleans and null, written in order with commas placed for the caller. The demo has
 * no JSON library and does not take one (or another module) for one object per run.
 *
 * <p>The caller keeps the nesting right; this writer only guarantees that every string is
 * escaped (by {@link JsonStrings}, the escaper shared with the doctor and the receiver) and every
 * comma is where JSON wants it.
 *
 * <p>Not thread-safe: one writer per document.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder(1_024);
  // Whether the next value or name follows a sibling and needs a comma first.
  private boolean afterValue;

  JsonWriter beginObject() {
    separate();
    out.append('{');
    afterValue = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    afterValue = true;
    return this;
  }

  JsonWriter beginArray() {
    separate();
    out.append('[');
    afterValue = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    afterValue = true;
    return this;
  }

  /** The next member's name; its value follows with one of the value methods. */
  JsonWriter name(String name) {
    separate();
    quote(name);
    out.append(':');
    afterValue = false;
    return this;
  }

  JsonWriter value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    afterValue = true;
    return this;
  }

  JsonWriter value(long value) {
    separate();
    out.append(value);
    afterValue = true;
    return this;
  }

  JsonWriter value(boolean value) {
    separate();
    out.append(value);
    afterValue = true;
    return this;
  }

  /** {@code value}, or null when absent (a count the demo cannot know). */
  JsonWriter value(Long value) {
    return value == null ? value((String) null) : value(value.longValue());
  }

  JsonWriter member(String name, String value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, long value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, boolean value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, Long value) {
    return name(name).value(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void separate() {
    if (afterValue) {
      out.append(',');
    }
  }

  private void quote(String text) {
    JsonStrings.appendQuoted(out, text);
  }
}
