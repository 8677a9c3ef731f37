package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyFilterTest {

  @Test
  void globsMatchStarsAndQuestionMarks() {
    assertThat(KeyFilter.globMatches("*", "anything")).isTrue();
    assertThat(KeyFilter.globMatches("user.*", "user.id")).isTrue();
    assertThat(KeyFilter.globMatches("user.*", "tenant")).isFalse();
    assertThat(KeyFilter.globMatches("*id", "user.id")).isTrue();
    assertThat(KeyFilter.globMatches("a?c", "abc")).isTrue();
    assertThat(KeyFilter.globMatches("a?c", "ac")).isFalse();
    assertThat(KeyFilter.globMatches("*a*b*", "xxaxxbxx")).isTrue();
    assertThat(KeyFilter.globMatches("", "")).isTrue();
  }

  @Test
  void excludesWinOverIncludes() {
    KeyFilter filter = KeyFilter.parse("mdc", "user.*, request.*", "*.secret");

    assertThat(filter.test("user.id")).isTrue();
    assertThat(filter.test("request.path")).isTrue();
    assertThat(filter.test("user.secret")).isFalse();
    assertThat(filter.test("tenant")).isFalse();
  }

  @Test
  void blankIncludesMeanEverything() {
    assertThat(KeyFilter.parse("mdc", null, null).test("x")).isTrue();
    assertThat(KeyFilter.none().test("x")).isFalse();
  }

  @Test
  void emptyGlobIsAConfigurationErrorNamingTheProperty() {
    assertThatThrownBy(() -> KeyFilter.parse("mdc", "a,,b", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mdc.include")
        .hasMessageContaining("a,,b");
  }
}
