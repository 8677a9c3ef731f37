package dev.logbridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reads the version of an OpenTelemetry artifact on the class path: the {@code sdk.version} its
 * build writes into a {@code version.properties} resource in every supported release, else the
 * manifest's implementation version.
 *
 * <p>Not API: may change without notice.
 *
 * <p>Thread-safety: stateless.
 */
public final class ArtifactVersions {
  private ArtifactVersions() {}

  /**
   * The version of the jar holding {@code anchor}, read from {@code propertiesResource}, or null
   * when neither that resource nor the manifest says.
   */
  public static String versionOf(Class<?> anchor, String propertiesResource) {
    try (InputStream in = anchor.getResourceAsStream(propertiesResource)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("sdk.version");
        if (version != null && !version.isBlank()) {
          return version.trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall back to the manifest
    }
    Package pkg = anchor.getPackage();
    return pkg == null ? null : pkg.getImplementationVersion();
  }
}
