package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobKeyFilterTest {

  @Test
  void globsMatchStarsAndQuestionMarks() {
    assertThat(GlobKeyFilter.globMatches("*", "anything")).isTrue();
    assertThat(GlobKeyFilter.globMatches("user.*", "user.id")).isTrue();
    assertThat(GlobKeyFilter.globMatches("user.*", "tenant")).isFalse();
    assertThat(GlobKeyFilter.globMatches("*id", "user.id")).isTrue();
    assertThat(GlobKeyFilter.globMatches("a?c", "abc")).isTrue();
    assertThat(GlobKeyFilter.globMatches("a?c", "ac")).isFalse();
    assertThat(GlobKeyFilter.globMatches("*a*b*", "xxaxxbxx")).isTrue();
    assertThat(GlobKeyFilter.globMatches("", "")).isTrue();
  }

  @Test
  void excludesWinOverIncludes() {
    GlobKeyFilter filter = GlobKeyFilter.parse("mdc", "user.*, request.*", "*.secret");

    assertThat(filter.test("user.id")).isTrue();
    assertThat(filter.test("request.path")).isTrue();
    assertThat(filter.test("user.secret")).isFalse();
    assertThat(filter.test("tenant")).isFalse();
  }

  @Test
  void blankIncludesMeanEverything() {
    assertThat(GlobKeyFilter.parse("mdc", null, null).test("x")).isTrue();
    assertThat(GlobKeyFilter.none().test("x")).isFalse();
  }

  @Test
  void emptyGlobIsAConfigurationErrorNamingTheProperty() {
    assertThatThrownBy(() -> GlobKeyFilter.parse("mdc", "a,,b", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mdc.include")
        .hasMessageContaining("a,,b");
  }
}
