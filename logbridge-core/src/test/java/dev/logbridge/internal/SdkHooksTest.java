package dev.logbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class SdkHooksTest {
  @Test
  void withTheSdkOnTheClassPathThePipelineFindsLogbridgesOwnHooks() {
    assertThat(SdkHooks.find()).isNotNull();
    assertThat(SdkHooks.find().getClass().getName()).isEqualTo("dev.logbridge.sdk.SdkSupport");
    assertThat(SdkHooks.find()).isSameAs(SdkHooks.find());
  }

  @Test
  void withTheApiAloneThereAreNoHooksAndNothingSdkSpecificIsLoaded() throws Exception {
    // Core's classes and the OpenTelemetry API only, above the JDK: no SDK to be seen.
    URL[] apiAlone = {
      location(SdkHooks.class), location(OpenTelemetry.class), location(Context.class)
    };
    try (URLClassLoader loader =
        new URLClassLoader(apiAlone, ClassLoader.getPlatformClassLoader())) {
      Class<?> hooks = Class.forName(SdkHooks.class.getName(), true, loader);
      assertThat(hooks.getClassLoader()).isSameAs(loader);

      assertThat(hooks.getMethod("find").invoke(null)).isNull();
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
