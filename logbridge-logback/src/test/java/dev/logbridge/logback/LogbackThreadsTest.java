package dev.logbridge.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Whether a Logback event's thread name is the running thread's. */
class LogbackThreadsTest {
  private final LoggerContext context = new LoggerContext();

  /** The thread name Logback records for an event made on the current thread. */
  private String eventThreadName() {
    return new LoggingEvent("fqcn", context.getLogger("com.example"), Level.INFO, "m", null, null)
        .getThreadName();
  }

  @Test
  void aNamedThreadIsKnownByItsName() {
    Thread current = Thread.currentThread();

    assertThat(LogbackThreads.isNameOf(eventThreadName(), current)).isTrue();
    assertThat(LogbackThreads.isNameOf(current.getName() + "x", current)).isFalse();
    assertThat(LogbackThreads.isNameOf(null, current)).isFalse();
  }

  @Test
  void aThreadWithoutANameIsKnownByTheNameLogbackMakesFromItsId() throws InterruptedException {
    AtomicReference<String> eventName = new AtomicReference<>();
    AtomicReference<Boolean> matches = new AtomicReference<>();
    AtomicReference<Boolean> anotherIdMatches = new AtomicReference<>();
    Thread unnamed =
        new Thread(
            null,
            () -> {
              Thread self = Thread.currentThread();
              eventName.set(eventThreadName());
              matches.set(LogbackThreads.isNameOf(eventName.get(), self));
              anotherIdMatches.set(
                  LogbackThreads.isNameOf(
                      LoggingEvent.REGULAR_UNNAMED_THREAD_PREFIX + (self.getId() * 10 + 1), self));
            },
            "");
    unnamed.start();
    unnamed.join(10_000);

    assertThat(eventName.get())
        .isEqualTo(LoggingEvent.REGULAR_UNNAMED_THREAD_PREFIX + unnamed.getId());
    assertThat(matches.get()).isTrue();
    assertThat(anotherIdMatches.get()).isFalse();
  }
}
