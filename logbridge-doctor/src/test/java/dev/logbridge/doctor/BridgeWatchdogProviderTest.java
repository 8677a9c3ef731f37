package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.spi.StallWatchdogProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BridgeWatchdogProviderTest {
  @Test
  void coreFindsTheDoctorsWatchdogThroughServiceLoader() {
    assertThat(ServiceLoader.load(StallWatchdogProvider.class, getClass().getClassLoader()))
        .singleElement()
        .isInstanceOf(BridgeWatchdogProvider.class);
  }
}
