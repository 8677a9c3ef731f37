package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.SettingProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LenientSettingsReaderTest {

  @Test
  void absentOrBlankValuesYieldTheDefaultSilently() {
    LenientSettingsReader reader = LenientSettingsReader.ofValues(Map.of("flag", " "));

    assertThat(reader.bool("flag", true)).isTrue();
    assertThat(reader.longValue("millis", 2000, 0, Long.MAX_VALUE)).isEqualTo(2000);
    assertThat(reader.problems()).isEmpty();
  }

  @Test
  void validValuesAreTrimmedAndParsed() {
    Map<String, Object> values = new HashMap<>();
    values.put("flag", " FALSE ");
    values.put("millis", 250L);
    values.put("names", "a, b ,c");
    LenientSettingsReader reader = LenientSettingsReader.ofValues(values);

    assertThat(reader.bool("flag", true)).isFalse();
    assertThat(reader.intValue("millis", 2000, 0, 1000)).isEqualTo(250);
    assertThat(reader.list("names", List.of(), "none")).containsExactly("a", "b", "c");
    assertThat(reader.problems()).isEmpty();
  }

  @Test
  void eachInvalidValueYieldsItsDefaultAndOneProblem() {
    Map<String, Object> values = new HashMap<>();
    values.put("flag", "yes");
    values.put("millis", -1L);
    values.put("include", "a,,b");
    values.put("custom", "boom");
    LenientSettingsReader reader = LenientSettingsReader.ofValues(values);

    assertThat(reader.bool("flag", true)).isTrue();
    assertThat(reader.longValue("millis", 2000, 0, Long.MAX_VALUE)).isEqualTo(2000);
    KeyFilter filter = reader.keyFilter("include", "exclude");
    String custom =
        reader.value(
            "custom",
            "fine",
            "fine",
            raw -> {
              throw new IllegalStateException("a user class failed");
            });

    assertThat(filter.test("anything")).isTrue();
    assertThat(custom).isEqualTo("fine");
    assertThat(reader.problems())
        .containsExactly(
            new SettingProblem("flag", "yes", "must be true or false", "true"),
            new SettingProblem(
                "millis", "-1", "must be an integer from 0 to " + Long.MAX_VALUE, "2000"),
            new SettingProblem(
                "include", "a,,b", "an item of the comma-separated list is blank", "*"),
            new SettingProblem(
                "custom", "boom", "java.lang.IllegalStateException: a user class failed", "fine"));
  }
}
