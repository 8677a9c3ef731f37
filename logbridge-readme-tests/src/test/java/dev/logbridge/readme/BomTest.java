package dev.logbridge.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The published BOM manages OpenTelemetry at the version this build compiles and tests with. */
class BomTest {
  private static final Pattern OPENTELEMETRY_BOM =
      Pattern.compile(
          "<artifactId>opentelemetry-bom</artifactId>\\s*<version>([^<]+)</version>\\s*<type>pom</type>\\s*<scope>import</scope>");

  @Test
  void logbridgeBomImportsTheOpenTelemetryBomThisBuildUses() throws Exception {
    String bom =
        Files.readString(Path.of(ScratchBuild.setting("readme.bomPom")), StandardCharsets.UTF_8);
    Matcher matcher = OPENTELEMETRY_BOM.matcher(bom);
    assertThat(matcher.find())
        .as("logbridge-bom imports io.opentelemetry:opentelemetry-bom:%n%s", bom)
        .isTrue();
    assertThat(matcher.group(1))
        .as("OpenTelemetry version in logbridge-bom against opentelemetry.version of the root pom")
        .isEqualTo(ScratchBuild.setting("readme.opentelemetry.version"));
  }
}
