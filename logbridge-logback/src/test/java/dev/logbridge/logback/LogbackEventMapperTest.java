package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.logbridge.spi.KeyFilter;
import org.junit.jupiter.api.Test;

/** Which Logback events the bridge may drop untranslated when its queue is full. */
class LogbackEventMapperTest {
  private final LoggerContext context = new LoggerContext();
  private final LogbackEventMapper mapper =
      new LogbackEventMapper(KeyFilter.all(), KeyFilter.all(), true, false, context);

  private LoggingEvent event(String message, Object... arguments) {
    return new LoggingEvent(
        "fqcn", context.getLogger("com.example"), Level.INFO, message, null, arguments);
  }

  @Test
  void anEventWithArgumentsMayBeDroppedUntranslated() {
    assertThat(mapper.canDropUntranslated(event("user {} did {}", "alice", "checkout"))).isTrue();
  }

  @Test
  void aPreformattedEventIsAlwaysTranslatedBecauseItMayBeAForwardedCopy() {
    // jul-to-slf4j forwards JUL records as preformatted messages: the translator must see them
    // to claim the JUL adapter's fingerprint, or the record would be counted twice.
    assertThat(mapper.canDropUntranslated(event("already formatted"))).isFalse();
    assertThat(mapper.canDropUntranslated(event("already formatted", (Object[]) null))).isFalse();
  }
}
