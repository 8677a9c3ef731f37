package dev.logbridge.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The shared JSON string escaper (build-support/json/JsonStrings.java, copied into this package
 * at build time; the doctor and the demo get the same code), tested once here.
 */
class JsonStringsTest {
  @Test
  void plainTextIsOnlyQuoted() {
    assertThat(JsonStrings.quote("")).isEqualTo("\"\"");
    assertThat(JsonStrings.quote("abc µ € 😀 \u007f")).isEqualTo("\"abc µ € 😀 \u007f\"");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    assertThat(JsonStrings.quote("\"a\\b\"\n\r\t\u0000\u001f\b\f"))
        .isEqualTo("\"\\\"a\\\\b\\\"\\n\\r\\t\\u0000\\u001f\\u0008\\u000c\"");
  }

  @Test
  void lineAndParagraphSeparatorsAreEscaped() {
    assertThat(JsonStrings.quote("x\u2028y\u2029")).isEqualTo("\"x\\u2028y\\u2029\"");
  }

  @Test
  void appendsToWhatIsThere() {
    StringBuilder out = new StringBuilder("{\"k\":");
    assertThat(JsonStrings.appendQuoted(out, "v\"").append('}').toString())
        .isEqualTo("{\"k\":\"v\\\"\"}");
  }
}
