package dev.logbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheWaysPeopleTypeDurations() {
    assertThat(converter.convert("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void refusesTextThatIsNotADuration() {
    assertThatThrownBy(() -> converter.convert("fast"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'fast' is not a duration");
  }
}
