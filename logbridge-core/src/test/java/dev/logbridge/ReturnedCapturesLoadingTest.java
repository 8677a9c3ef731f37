package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * {@link ReturnedCaptures} is loaded with the bridge, not later: left unloaded, the JIT compiles
 * the capture path without it and the first logging thread through that code loads it in a
 * deoptimisation trap, which pins a virtual thread (VirtualThreadsTest's JFR recording caught
 * one on JDK 25). Checked in a class loader of its own, since this JVM's tests load it anyway.
 */
class ReturnedCapturesLoadingTest {
  @Test
  void theQuotaThatEveryBridgeBuildsLoadsTheQueueClassWithIt() throws Exception {
    URL coreClasses =
        ReturnedCapturesQuota.class.getProtectionDomain().getCodeSource().getLocation();
    try (IsolatedLoader loader = new IsolatedLoader(coreClasses)) {
      assertThat(loader.isLoaded(ReturnedCaptures.class.getName())).isFalse();

      Class.forName(ReturnedCapturesQuota.class.getName(), true, loader);

      assertThat(loader.isLoaded(ReturnedCaptures.class.getName()))
          .as("ReturnedCaptures loaded once ReturnedCapturesQuota is initialised")
          .isTrue();
    }
  }

  /** Loads logbridge's classes itself, over the platform loader: none is loaded to begin with. */
  private static final class IsolatedLoader extends URLClassLoader {
    IsolatedLoader(URL classes) {
      super(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    boolean isLoaded(String name) {
      return findLoadedClass(name) != null;
    }
  }
}
