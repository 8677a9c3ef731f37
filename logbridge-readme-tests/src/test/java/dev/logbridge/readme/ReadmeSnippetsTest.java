package dev.logbridge.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadmeSnippetsTest {
  @Test
  void readsTheMarkedCodeBlockOfEachFileGroupedByQuickStart() {
    ReadmeSnippets snippets =
        ReadmeSnippets.parse(
            """
        # Title
        ```xml
        <not-marked/>
        ```
        <!-- snippet demo pom.xml -->
        ```xml
        <dependencies/>
        ```
        <!-- /snippet -->
        text
        <!-- snippet demo src/main/java/Main.java -->
        ```java
        class Main {}
        ```
        <!-- /snippet -->
        <!-- snippet other pom.xml -->
        ```xml
        <other/>
        ```
        <!-- /snippet -->
        """);

    assertThat(snippets.quickStarts()).containsExactly("demo", "other");
    assertThat(snippets.files("demo"))
        .containsExactly(
            entry("pom.xml", "<dependencies/>\n"),
            entry("src/main/java/Main.java", "class Main {}\n"));
    assertThat(snippets.file("other", "pom.xml")).isEqualTo("<other/>\n");
  }

  @Test
  void takesTheIndentationOfAFenceInAListItemOffItsLines() {
    ReadmeSnippets snippets =
        ReadmeSnippets.parse(
            """
        1. Add it:

           <!-- snippet boot pom.xml -->
           ```xml
           <dependency>
             <artifactId>x</artifactId>
           </dependency>
           ```
           <!-- /snippet -->
        """);

    assertThat(snippets.file("boot", "pom.xml"))
        .isEqualTo("<dependency>\n  <artifactId>x</artifactId>\n</dependency>\n");
  }

  @Test
  void aQuickStartWithoutMarkersIsAnErrorNotAnEmptyProject() {
    ReadmeSnippets snippets = ReadmeSnippets.parse("# no markers\n```xml\n<a/>\n```\n");

    assertThat(snippets.quickStarts()).isEmpty();
    assertThatThrownBy(() -> snippets.files("logback"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("marks no snippet for quick start \"logback\"");
  }

  @Test
  void aMarkerNeverClosedIsAnError() {
    assertThatThrownBy(
            () -> ReadmeSnippets.parse("<!-- snippet a pom.xml -->\n```xml\n<a/>\n```\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("no <!-- /snippet -->");
  }

  @Test
  void aMarkerWithoutExactlyOneCodeBlockIsAnError() {
    assertThatThrownBy(
            () -> ReadmeSnippets.parse("<!-- snippet a pom.xml -->\ntext\n<!-- /snippet -->\n"))
        .hasMessageContaining("exactly one code block, holds 0");
    assertThatThrownBy(
            () ->
                ReadmeSnippets.parse(
                    "<!-- snippet a pom.xml -->\n```\n1\n```\n```\n2\n```\n<!-- /snippet -->\n"))
        .hasMessageContaining("exactly one code block, holds 2");
  }

  @Test
  void aMalformedOrStrayMarkerIsAnError() {
    assertThatThrownBy(
            () -> ReadmeSnippets.parse("<!-- snippet a -->\n```\n1\n```\n<!-- /snippet -->\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> ReadmeSnippets.parse("text\n<!-- /snippet -->\n"))
        .hasMessageContaining("line 2");
  }

  @Test
  void oneFileNamedTwiceIsAnError() {
    String twice = "<!-- snippet a pom.xml -->\n```\n1\n```\n<!-- /snippet -->\n".repeat(2);
    assertThatThrownBy(() -> ReadmeSnippets.parse(twice))
        .hasMessageContaining("names pom.xml twice");
  }

  @Test
  void everyLogbridgeArtifactTheReadmeNamesIsAtThisBuildsVersion() throws Exception {
    ReadmeSnippets readme =
        ReadmeSnippets.parse(
            Files.readString(Path.of(ScratchBuild.setting("readme.file")), StandardCharsets.UTF_8));
    Pattern versioned =
        Pattern.compile(
            "<groupId>dev\\.logbridge</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");
    List<String> seen = new ArrayList<>();
    for (String quickStart : readme.quickStarts()) {
      Matcher matcher = versioned.matcher(readme.files(quickStart).getOrDefault("pom.xml", ""));
      while (matcher.find()) {
        seen.add(quickStart + ": " + matcher.group(1) + " " + matcher.group(2));
        assertThat(matcher.group(2))
            .as("%s in the %s quick start", matcher.group(1), quickStart)
            .isEqualTo(ScratchBuild.setting("readme.version"));
      }
    }
    assertThat(seen)
        .as("logbridge artifacts with a version in the quick starts' pom.xml")
        .hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void theReadmeMarksEveryFileTheQuickStartTestBuilds() throws Exception {
    ReadmeSnippets readme =
        ReadmeSnippets.parse(
            Files.readString(Path.of(ScratchBuild.setting("readme.file")), StandardCharsets.UTF_8));

    assertThat(readme.quickStarts())
        .containsExactlyInAnyOrder("logback", "jul", "log4j2", "spring-boot", "receiver");
    assertThat(readme.files("logback"))
        .containsOnlyKeys("pom.xml", "src/main/resources/logback.xml", "src/main/java/Main.java");
    assertThat(readme.files("jul"))
        .containsOnlyKeys("pom.xml", "logging.properties", "src/main/java/Main.java");
    assertThat(readme.files("log4j2"))
        .containsOnlyKeys("pom.xml", "src/main/resources/log4j2.xml", "src/main/java/Main.java");
    assertThat(readme.files("spring-boot")).containsOnlyKeys("pom.xml", "env.sh");
    assertThat(readme.files("receiver")).containsOnlyKeys("run.sh");
  }
}
