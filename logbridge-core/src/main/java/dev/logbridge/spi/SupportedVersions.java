package dev.logbridge.spi;

import dev.logbridge.Bridge;
import dev.logbridge.StatusListener.Level;
import dev.logbridge.internal.OpenTelemetryApiSupport;
import dev.logbridge.internal.SdkHooks;
import java.util.ArrayList;
import java.util.List;

/**
 * The oldest version of each dependency logbridge supports, and the check adapters run as they
 * start: a dependency found below its oldest supported version is reported as one line naming
 * the version found and the version needed, on the bridge's status channel (and, through the
 * adapter's status listener, on the framework's). Nothing is thrown: the adapter starts anyway
 * and does what the old version allows.
 *
 * <p>The floors are those the {@code logbridge-compat-tests} module runs the adapters against.
 * A version that cannot be read (a repackaged jar without its manifest) is not reported.
 *
 * <p>Thread-safety: stateless.
 *
 */
final class SupportedVersions {
  /** The oldest {@code opentelemetry-api} and {@code opentelemetry-sdk} supported. */
  public static final String OPENTELEMETRY = OpenTelemetryApiSupport.MIN_VERSION;

  /** The oldest {@code logback-classic} supported. */
  public static final String LOGBACK = "1.5.0";

  /** The oldest {@code slf4j-api} supported (with Logback). */
  public static final String SLF4J = "2.0.0";

  /** The oldest {@code log4j-core} supported. */
  public static final String LOG4J = "2.17.2";

  private SupportedVersions() {}

  /**
   * Checks the OpenTelemetry API (and SDK, when present) and the libraries the given classes come
   * from ({@code ch.qos.logback.*}, {@code org.slf4j.*}, {@code org.apache.logging.log4j.*}),
   * reports each one that is too old as an error, and reports once, as information, each
   * OpenTelemetry feature the API in use lacks ({@link OpenTelemetryApiSupport#limitations()}).
   *
   * @return the too-old lines reported (empty when every version is supported)
   */
  public static List<String> check(Bridge bridge, Class<?>... frameworkClasses) {
    try {
      return checkAndReport(bridge, frameworkClasses);
    } catch (RuntimeException | LinkageError e) {
      // Runs inside the framework's configuration: whatever an odd class path does here must
      // not stop the adapter from starting.
      bridge.reportStatus(Level.WARN, "version.check", "could not check dependency versions: " + e);
      return List.of();
    }
  }

  private static List<String> checkAndReport(Bridge bridge, Class<?>[] frameworkClasses) {
    List<String> tooOld = new ArrayList<>();
    checkOne(tooOld, "opentelemetry-api", OpenTelemetryApiSupport.apiVersion(), OPENTELEMETRY);
    SdkHooks sdk = SdkHooks.find();
    if (sdk != null) {
      checkOne(tooOld, "opentelemetry-sdk", sdk.sdkVersion(), OPENTELEMETRY);
    }
    for (Class<?> type : frameworkClasses) {
      String name = type.getName();
      String found = implementationVersion(type);
      if (name.startsWith("ch.qos.logback.")) {
        checkOne(tooOld, "Logback", found, LOGBACK);
      } else if (name.startsWith("org.slf4j.")) {
        checkOne(tooOld, "slf4j-api", found, SLF4J);
      } else if (name.startsWith("org.apache.logging.log4j.")) {
        checkOne(tooOld, "Log4j", found, LOG4J);
      }
    }
    for (String line : tooOld) {
      bridge.reportStatus(Level.ERROR, "version." + line, line);
    }
    for (String line : OpenTelemetryApiSupport.limitations()) {
      bridge.reportStatus(Level.INFO, "limitation." + line, line);
    }
    return tooOld;
  }

  /**
   * Compares dotted versions by their numeric parts ({@code 1.5.20 < 1.5.38}); a qualifier
   * ({@code -alpha}, {@code -SNAPSHOT}) is ignored. Visible for testing.
   */
  static int compare(String a, String b) {
    int[] x = numbers(a);
    int[] y = numbers(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? x[i] : 0;
      int q = i < y.length ? y[i] : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static void checkOne(List<String> tooOld, String what, String found, String needed) {
    String line = tooOldLine(what, found, needed);
    if (line != null) {
      tooOld.add(line);
    }
  }

  /**
   * The line reporting {@code what} at version {@code found} as older than {@code needed}, or
   * null if it is not (or its version is unknown). Visible for testing.
   */
  static String tooOldLine(String what, String found, String needed) {
    if (found == null || numbers(found).length == 0 || compare(found, needed) >= 0) {
      return null;
    }
    return "logbridge needs "
        + what
        + " "
        + needed
        + " or newer, found "
        + found
        + "; upgrade it (logbridge keeps running, but may lose records)";
  }

  private static int[] numbers(String version) {
    String[] parts = version.trim().split("[.-]");
    List<Integer> out = new ArrayList<>();
    for (String part : parts) {
      int end = 0;
      while (end < part.length() && Character.isDigit(part.charAt(end))) {
        end++;
      }
      if (end == 0 || end > 9) {
        break;
      }
      out.add(Integer.parseInt(part.substring(0, end)));
      if (end < part.length()) {
        break;
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String implementationVersion(Class<?> type) {
    Package pkg = type.getPackage();
    return pkg == null ? null : pkg.getImplementationVersion();
  }
}
