package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** Which {@code otel.*} properties of a Spring environment reach autoconfiguration. */
class OtelEnvironmentPropertiesTest {
  @Test
  void otelKeysResolvedInSpringsOrderAndNothingElse() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("otel.exporter.otlp.endpoint", "http://${collector.host}:4318")
            .withProperty("collector.host", "127.0.0.1")
            .withProperty("otel.service.name", "from-the-file")
            .withProperty("otel.unused[0]", "a list item")
            .withProperty("server.port", "8080");
    // A source in front (as system properties are) wins for the key the file also names.
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("front", Map.of("otel.service.name", "from-the-front")));

    assertThat(OtelEnvironmentProperties.from(environment))
        .containsOnly(
            Map.entry("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318"),
            Map.entry("otel.service.name", "from-the-front"),
            Map.entry("otel.exporter.otlp.protocol", "http/protobuf"));
  }

  @Test
  void theApplicationNameNamesTheServiceWhenNothingElseDoes() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("spring.application.name", "greetings");

    assertThat(OtelEnvironmentProperties.from(environment))
        .containsOnly(
            Map.entry("otel.service.name", "greetings"),
            Map.entry("otel.exporter.otlp.protocol", "http/protobuf"));
  }

  @Test
  void theApplicationNameStepsAsideForAServiceNameInTheResourceAttributes() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("spring.application.name", "greetings")
            .withProperty("otel.resource.attributes", "team=a, service.name=billing");

    assertThat(OtelEnvironmentProperties.from(environment))
        .containsOnly(
            Map.entry("otel.resource.attributes", "team=a, service.name=billing"),
            Map.entry("otel.exporter.otlp.protocol", "http/protobuf"));
  }

  @Test
  void theProtocolIsHttpUnlessOneIsNamedAnywhere() {
    MockEnvironment namedForLogs =
        new MockEnvironment().withProperty("otel.exporter.otlp.logs.protocol", "grpc");
    MockEnvironment namedInFront = new MockEnvironment();
    // As an OTEL_EXPORTER_OTLP_PROTOCOL variable or a -D property would be: a source in front.
    namedInFront
        .getPropertySources()
        .addFirst(new MapPropertySource("front", Map.of("otel.exporter.otlp.protocol", "grpc")));

    assertThat(OtelEnvironmentProperties.from(new MockEnvironment()))
        .containsOnly(Map.entry("otel.exporter.otlp.protocol", "http/protobuf"));
    assertThat(OtelEnvironmentProperties.from(namedForLogs))
        .containsOnly(Map.entry("otel.exporter.otlp.logs.protocol", "grpc"));
    assertThat(OtelEnvironmentProperties.from(namedInFront))
        .containsOnly(Map.entry("otel.exporter.otlp.protocol", "grpc"));
  }
}
