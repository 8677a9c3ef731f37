package dev.logbridge.spring.boot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The {@code otel.*} properties of a Spring {@link Environment}, for the SDK logbridge builds by
 * autoconfiguration when the application has no OpenTelemetry bean.
 *
 * <p>Every {@code otel.*} key any enumerable property source names ({@code
 * application.properties}, profiles, {@code --otel.*} arguments, ...) is resolved through the
 * environment, so its value is the one Spring's property-source order picks: a system property
 * or environment variable ({@code OTEL_SERVICE_NAME}) beats {@code application.properties}, a
 * command-line argument beats both. Keys only environment variables or system properties hold
 * are left to autoconfiguration, which reads those itself. As Spring Boot does for its own SDK,
 * {@code spring.application.name} is the service name when nothing names one.
 *
 * <p>Unlike the SDK's autoconfiguration alone, whose default protocol is gRPC, the protocol is
 * {@code http/protobuf} unless one is named: the starter brings only the JDK HTTP sender, and
 * Spring Boot's own OTLP export speaks HTTP too. Without this default, a service configured with
 * an endpoint alone would export nothing and say only that no gRPC sender was found.
 *
 * <p>Thread-safety: stateless.
 */
final class OtelEnvironmentProperties {
  private static final String PREFIX = "otel.";
  private static final String SERVICE_NAME = "otel.service.name";
  private static final String RESOURCE_ATTRIBUTES = "otel.resource.attributes";
  private static final String PROTOCOL = "otel.exporter.otlp.protocol";
  private static final String LOGS_PROTOCOL = "otel.exporter.otlp.logs.protocol";
  static final String DEFAULT_PROTOCOL = "http/protobuf";

  private OtelEnvironmentProperties() {}

  /** The resolved {@code otel.*} properties, in the order their sources were found. */
  static Map<String, String> from(Environment environment) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (environment instanceof ConfigurableEnvironment) {
      ConfigurableEnvironment configurable = (ConfigurableEnvironment) environment;
      for (PropertySource<?> source : configurable.getPropertySources()) {
        if (source instanceof EnumerablePropertySource) {
          for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
            // Indexed names (a YAML list) are no otel.* setting: autoconfiguration reads strings.
            if (name.startsWith(PREFIX) && name.indexOf('[') < 0 && !properties.containsKey(name)) {
              String value = resolve(environment, name);
              if (value != null) {
                properties.put(name, value);
              }
            }
          }
        }
      }
    }
    if (!namesService(environment, properties)) {
      String applicationName = resolve(environment, "spring.application.name");
      if (applicationName != null && !applicationName.isBlank()) {
        properties.put(SERVICE_NAME, applicationName);
      }
    }
    if (resolve(environment, PROTOCOL) == null && resolve(environment, LOGS_PROTOCOL) == null) {
      properties.put(PROTOCOL, DEFAULT_PROTOCOL);
    }
    return Collections.unmodifiableMap(properties);
  }

  private static boolean namesService(Environment environment, Map<String, String> properties) {
    if (properties.containsKey(SERVICE_NAME) || resolve(environment, SERVICE_NAME) != null) {
      return true;
    }
    String attributes =
        properties.containsKey(RESOURCE_ATTRIBUTES)
            ? properties.get(RESOURCE_ATTRIBUTES)
            : resolve(environment, RESOURCE_ATTRIBUTES);
    if (attributes == null) {
      return false;
    }
    for (String attribute : attributes.split(",")) {
      if (attribute.trim().startsWith("service.name=")) {
        return true;
      }
    }
    return false;
  }

  /** The value Spring resolves, or null if it has none or cannot resolve a placeholder. */
  private static String resolve(Environment environment, String name) {
    try {
      return environment.getProperty(name);
    } catch (RuntimeException e) {
      // An unresolvable placeholder: autoconfiguration then reads the key as it would alone.
      return null;
    }
  }
}
