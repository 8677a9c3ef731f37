package dev.logbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The jar carries the metadata IDEs complete {@code logbridge.*} properties from. */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyIsDescribedForIdes() throws IOException {
    String metadata = read("META-INF/spring-configuration-metadata.json");

    assertThat(metadata)
        .contains(
            "\"logbridge.enabled\"",
            "\"logbridge.attach-appender\"",
            "\"logbridge.autoconfigure\"",
            "\"logbridge.shutdown-flush-timeout\"",
            "\"logbridge.capture-mdc\"",
            "\"logbridge.capture-thread\"",
            "\"logbridge.queue-capacity\"",
            "\"logbridge.replace-batch-processor\"");
    assertThat(read("META-INF/additional-spring-configuration-metadata.json"))
        .contains("management.health.logbridge.enabled", "logbridge.replace-batch-processor");
  }

  private static String read(String resource) throws IOException {
    try (InputStream in =
        ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
