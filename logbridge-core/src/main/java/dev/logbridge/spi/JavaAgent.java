package dev.logbridge.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * What logbridge knows about the OpenTelemetry Java agent in this JVM: whether it is attached,
 * and which of its log bridges and MDC (context data) instrumentations are on.
 *
 * <h2>Why logbridge steps aside for the agent's bridge</h2>
 *
 * The agent bridges Logback, java.util.logging and Log4j 2 itself (its {@code logback-appender},
 * {@code java-util-logging} and {@code log4j-appender} instrumentations, on by default), into the
 * same OpenTelemetry SDK that it sets as {@code GlobalOpenTelemetry} and that logbridge would use.
 * With both on, every record would be exported twice. Nothing in the application can switch an
 * instrumentation of the agent off once the agent has started; only the agent's own settings can.
 * So an adapter does this, decided once when it starts:
 *
 * <ul>
 *   <li>the agent's bridge for its framework is on: the adapter bridges nothing (the agent
 *       exports each record once) and says so once on the status channel, with the agent flag that
 *       hands the framework to logbridge;
 *   <li>the agent's bridge for its framework is off: the adapter bridges, into the agent's SDK,
 *       and leaves out the MDC / context-data keys the agent's {@code logback-mdc} or {@code
 *       log4j-context-data} instrumentation adds ({@code trace_id}, {@code span_id}, {@code
 *       trace_flags}, or the names set by {@code otel.instrumentation.common.logging.*}): each
 *       record carries its trace context already.
 * </ul>
 *
 * <p>Only this way is each record exported once whatever the agent's settings, with no step a
 * user must remember. The agent's settings are read as the agent reads them: system property,
 * then environment variable ({@code OTEL_INSTRUMENTATION_LOGBACK_APPENDER_ENABLED}), then the
 * properties file named by {@code otel.javaagent.configuration-file}. An instrumentation
 * follows {@code otel.instrumentation.common.default-enabled} (default true) unless one of its
 * names says otherwise: the plain name or the versioned one ({@code
 * otel.instrumentation.logback-appender-1.0.enabled}); as in the agent, with the default on
 * either name set to false turns it off, with the default off either set to true turns it on. Not read: the agent's declarative configuration file ({@code otel.config.file}) and
 * settings an agent extension supplies; with those, the notice at start says what logbridge
 * assumed.
 *
 * <p>The agent is detected by its entry class {@value #AGENT_CLASS} on the boot class path, where
 * the agent appends its jar when it starts ({@code -javaagent}); the same jar merely on the
 * class path does not count, nor does an agent started with {@code otel.javaagent.enabled=false}.
 * Detection runs once per JVM, when the first adapter starts.
 *
 * <p>Thread-safety: immutable.
 */
final class JavaAgent {
  /** The agent's {@code Premain-Class}. */
  static final String AGENT_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";

  /** The agent's Logback bridge. */
  public static final String LOGBACK_APPENDER = "logback-appender";

  /** The agent's java.util.logging bridge. */
  public static final String JUL_BRIDGE = "java-util-logging";

  /** The agent's Log4j 2 bridge. */
  public static final String LOG4J_APPENDER = "log4j-appender";

  /** The agent's instrumentation that puts trace ids into Logback's MDC. */
  public static final String LOGBACK_MDC = "logback-mdc";

  /** The agent's instrumentation that puts trace ids into Log4j 2's context data. */
  public static final String LOG4J_CONTEXT_DATA = "log4j-context-data";

  // The second name each of those modules answers to in the agent (2.31), for the versions of
  // the frameworks logbridge supports.
  private static final Map<String, String> VERSIONED_NAMES =
      Map.of(
          LOGBACK_APPENDER, "logback-appender-1.0",
          LOG4J_APPENDER, "log4j-appender-2.17",
          LOGBACK_MDC, "logback-mdc-1.0",
          LOG4J_CONTEXT_DATA, "log4j-context-data-2.17");

  private static final JavaAgent ABSENT = new JavaAgent(false, name -> null);
  private static volatile JavaAgent detected;

  private final boolean present;
  private final UnaryOperator<String> settings;

  private JavaAgent(boolean present, UnaryOperator<String> settings) {
    this.present = present;
    this.settings = settings;
  }

  /** The agent in this JVM, detected on first call. */
  public static JavaAgent detected() {
    JavaAgent agent = detected;
    if (agent == null) {
      // Racing first calls compute the same answer; either may win.
      agent = detect();
      detected = agent;
    }
    return agent;
  }

  /**
   * An agent that is attached (or not) with the given settings, looked up by property name
   * ({@code otel.instrumentation.logback-appender.enabled}); for tests.
   */
  public static JavaAgent of(boolean present, UnaryOperator<String> settings) {
    return present ? new JavaAgent(true, settings) : ABSENT;
  }

  private static JavaAgent detect() {
    try {
      // The boot loader: the agent appends its jar there when it starts, where the jar merely
      // on the class path (as a dependency, say) would be found by the system class loader.
      Class.forName(AGENT_CLASS, false, null);
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return ABSENT;
    }
    Properties file = configurationFile();
    UnaryOperator<String> settings =
        name -> {
          String value = System.getProperty(name);
          if (value == null) {
            value =
                System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
          }
          return value != null ? value : file.getProperty(name);
        };
    // Attached but switched off: it bridges nothing and sets no GlobalOpenTelemetry.
    String enabled = settings.apply("otel.javaagent.enabled");
    return enabled != null && enabled.trim().equalsIgnoreCase("false")
        ? ABSENT
        : new JavaAgent(true, settings);
  }

  private static Properties configurationFile() {
    Properties properties = new Properties();
    String name = System.getProperty("otel.javaagent.configuration-file");
    if (name == null) {
      name = System.getenv("OTEL_JAVAAGENT_CONFIGURATION_FILE");
    }
    if (name != null && !name.isBlank()) {
      try (InputStream in = Files.newInputStream(Path.of(name.trim()))) {
        properties.load(in);
      } catch (IOException | RuntimeException e) {
        // The agent reports an unreadable file itself; logbridge assumes the defaults.
      }
    }
    return properties;
  }

  /** Whether the OpenTelemetry Java agent is attached to this JVM. */
  public boolean isPresent() {
    return present;
  }

  /**
   * Whether the agent is attached and its instrumentation {@code name} (one of the constants
   * here) is on.
   */
  public boolean isOn(String name) {
    if (!present) {
      return false;
    }
    // As the agent's AgentConfig: by default on, any of the module's names set to false turns
    // it off; by default off, any set to true turns it on. A value is true only if "true".
    Boolean commonDefault = flag("otel.instrumentation.common.default-enabled");
    boolean byDefault = commonDefault == null || commonDefault;
    boolean on = byDefault;
    String versioned = VERSIONED_NAMES.get(name);
    for (String each : versioned == null ? List.of(name) : List.of(name, versioned)) {
      Boolean value = flag("otel.instrumentation." + each + ".enabled");
      boolean enabled = value == null ? byDefault : value;
      on = byDefault ? on && enabled : on || enabled;
    }
    return on;
  }

  private Boolean flag(String key) {
    String value = settings.apply(key);
    return value == null || value.isBlank() ? null : value.trim().equalsIgnoreCase("true");
  }

  /** The agent flag that switches instrumentation {@code name} off. */
  public static String offFlag(String name) {
    return "-Dotel.instrumentation." + name + ".enabled=false";
  }

  /**
   * The MDC / context-data keys the agent's {@code logback-mdc} and {@code log4j-context-data}
   * instrumentations add to each event: trace id, span id, trace flags.
   */
  public List<String> traceContextKeys() {
    return List.of(
        setting("otel.instrumentation.common.logging.trace-id", "trace_id"),
        setting("otel.instrumentation.common.logging.span-id", "span_id"),
        setting("otel.instrumentation.common.logging.trace-flags", "trace_flags"));
  }

  private String setting(String name, String defaultValue) {
    String value = settings.apply(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }
}
