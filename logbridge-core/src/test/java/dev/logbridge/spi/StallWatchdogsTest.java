package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallWatchdogsTest {
  @Test
  void withoutTheDoctorThereIsNoWatchdogAndAcquireNamesTheArtifactToAdd() {
    ClassLoader coreAlone = StallWatchdogs.class.getClassLoader();

    assertThat(StallWatchdogs.isAvailable(coreAlone)).isFalse();
    assertThatThrownBy(
            () ->
                StallWatchdogs.acquire(
                    coreAlone, null, Duration.ofSeconds(1), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "the stall watchdog needs dev.logbridge:logbridge-doctor on the " + "class path");
  }
}
