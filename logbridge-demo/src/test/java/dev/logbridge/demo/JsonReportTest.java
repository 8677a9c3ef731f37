package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --json}: the report as one JSON object on the last line of stdout. */
class JsonReportTest {
  private final DemoCli cli = new DemoCli();

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDefaultRunEndsWithOneJsonObjectThatAgreesWithTheTextReport() {
    int code = cli.run("--json", "--duration", "2s", "--workers", "1", "--threads", "2");

    String out = cli.out();
    assertThat(code).as(out).isEqualTo(ExitCodes.OK);
    String[] lines = out.strip().split("\n");
    String json = lines[lines.length - 1];
    assertThat(lines[lines.length - 2]).isEqualTo("result: PASS (exit 0)");
    assertWellFormed(json);
    long accepted = DemoRunTest.rowValue(out, "accepted");
    assertThat(json)
        .startsWith("{\"result\":\"PASS\",\"exit_code\":0,")
        .contains(
            "\"settings\":{\"framework\":\"logback\",\"bridge\":\"logbridge\","
                + "\"collector\":\"healthy\",\"endpoint\":null,\"workers\":1,\"threads\":2,")
        .contains("\"accepted\":" + accepted + ",")
        .contains("\"emitted\":" + accepted + ",")
        .contains("\"received\":" + accepted + ",")
        .contains("\"dropped_by_reason\":{\"queue_full\":0,")
        .containsPattern(
            "\"log_call_latency_ns\":\\{\"count\":\\d+,\"p50\":\\d+,\"p99\":\\d+,"
                + "\"p99_9\":\\d+,\"max\":\\d+}")
        .contains("{\"name\":\"received_by_content\",\"status\":\"PASS\",")
        .contains("\"duplicates\":0,\"unexpected\":0,")
        .doesNotContain("\"name\":\"balanced\"")
        .contains("{\"name\":\"delivered\",\"status\":\"PASS\",")
        .containsPattern("\"watchdog\":\\{\"stalled\":false,\"verdict\":\"no stall seen in \\d+")
        .doesNotContain("\"FAIL\"");
  }

  @Test
  void theWriterEscapesStringsAndPlacesCommas() {
    String json =
        new JsonWriter()
            .beginObject()
            .member("text", "a \"quoted\" \\ path\nline\ttab\u0001 µ")
            .name("list")
            .beginArray()
            .value(1)
            .value(true)
            .value((String) null)
            .beginObject()
            .member("n", (Long) null)
            .endObject()
            .endArray()
            .name("empty")
            .beginObject()
            .endObject()
            .endObject()
            .toString();

    assertThat(json)
        .isEqualTo(
            "{\"text\":\"a \\\"quoted\\\" \\\\ path\\nline\\ttab\\u0001 µ\","
                + "\"list\":[1,true,null,{\"n\":null}],\"empty\":{}}");
    assertWellFormed(json);
  }

  /**
   * A structural check without a JSON parser: outside strings, braces and brackets balance and
   * close in order, every string is terminated, every object member starts with a quoted key.
   */
  static void assertWellFormed(String json) {
    StringBuilder open = new StringBuilder();
    boolean inString = false;
    boolean expectKey = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        assertThat(c).as("raw control character at %d in %s", i, json).isGreaterThanOrEqualTo(' ');
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (expectKey && c != '}') {
        assertThat(c).as("quoted key expected at %d in %s", i, json).isEqualTo('"');
      }
      expectKey = false;
      switch (c) {
        case '"' -> inString = true;
        case '{' -> {
          open.append('}');
          expectKey = true;
        }
        case '[' -> open.append(']');
        case '}', ']' -> {
          assertThat(open).as("unbalanced at %d in %s", i, json).isNotEmpty();
          assertThat(open.charAt(open.length() - 1))
              .as("closes out of order at %d", i)
              .isEqualTo(c);
          open.setLength(open.length() - 1);
        }
        case ',' -> expectKey = open.length() > 0 && open.charAt(open.length() - 1) == '}';
        default -> {}
      }
    }
    assertThat(inString).as("unterminated string in %s", json).isFalse();
    assertThat(open).as("unclosed in %s", json).isEmpty();
    assertThat(json).startsWith("{").endsWith("}");
  }
}
