package dev.logbridge.spi;

import dev.logbridge.Bridge;
import java.util.List;

/**
 * Test support: the version check behind {@link AdapterSupport} ({@code SupportedVersions}, a
 * package-private class of logbridge-core) for the compatibility tests, from the same package name
 * on the test class path.
 */
public final class SupportedVersionsProbe {
  private SupportedVersionsProbe() {}

  /** {@code SupportedVersions.check}: what is older than logbridge supports, or lacks. */
  public static List<String> check(Bridge bridge, Class<?>... frameworkClasses) {
    return SupportedVersions.check(bridge, frameworkClasses);
  }
}
