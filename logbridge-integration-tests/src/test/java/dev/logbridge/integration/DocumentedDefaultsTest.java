package dev.logbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.spi.AdapterSupport;
import dev.logbridge.spi.StallWatchdogDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapters' watchdog and stop-flush defaults as the documentation states them: the settings
 * tables in the javadoc of the three adapters, the settings table of the root README.md and the
 * example of docs/WATCHDOG.md must give the values of the constants the adapters start from
 * ({@link StallWatchdogDefaults}, {@link AdapterSupport}).
 *
 * <p>The javadoc keeps plain numbers rather than {@code {@value ...}}: on JDK 17 {@code @value}
 * renders a long constant as {@code 2000L}, which is not what a user writes in logback.xml, and
 * the build does not run javadoc, so a reference that broke would go unnoticed; this test reads
 * the constants themselves and fails when either side changes alone.
 */
class DocumentedDefaultsTest {
  private static final Map<String, Long> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("stopFlushTimeoutMillis", AdapterSupport.DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS);
    // JUL's name for it: Handler.close(), not stop().
    DEFAULTS.put("closeFlushTimeoutMillis", AdapterSupport.DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS);
    DEFAULTS.put("stallThresholdMillis", StallWatchdogDefaults.DEFAULT_THRESHOLD_MILLIS);
    DEFAULTS.put("stallIntervalMillis", StallWatchdogDefaults.DEFAULT_INTERVAL_MILLIS);
  }

  /** A javadoc table row: {@code <tr><td>key[ / key]</td><td>value[ / value]</td>}. */
  private static final Pattern JAVADOC_ROW =
      Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td>");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "logbridge-logback/src/main/java/dev/logbridge/logback/LogBridgeAppender.java",
        "logbridge-log4j2/src/main/java/dev/logbridge/log4j2/LogBridgeAppender.java",
        "logbridge-jul/src/main/java/dev/logbridge/jul/LogBridgeHandler.java"
      })
  void eachAdaptersJavadocTableStatesTheDefaultsOfTheCode(String source) throws IOException {
    // Comment lines joined, so that a row wrapped over two lines reads as one.
    String javadoc = read(Path.of("..", source)).replaceAll("\\n\\s*\\*\\s*", " ");
    Map<String, String> stated = new LinkedHashMap<>();
    Matcher row = JAVADOC_ROW.matcher(javadoc);
    while (row.find()) {
      String[] keys = row.group(1).trim().split("\\s*/\\s*");
      String[] values = row.group(2).trim().split("\\s*/\\s*");
      for (int i = 0; i < keys.length; i++) {
        if (DEFAULTS.containsKey(keys[i])) {
          stated.put(keys[i], i < values.length ? values[i] : "(none)");
        }
      }
    }
    String flushKey =
        source.contains("/jul/") ? "closeFlushTimeoutMillis" : "stopFlushTimeoutMillis";
    assertThat(stated)
        .as("%s's settings table", source)
        .containsOnlyKeys(flushKey, "stallThresholdMillis", "stallIntervalMillis");
    stated.forEach(
        (key, value) ->
            assertThat(value)
                .as("%s's default for %s", source, key)
                .isEqualTo(String.valueOf(DEFAULTS.get(key))));
  }

  @Test
  void theReadmeSettingsTableStatesTheDefaultsOfTheCode() throws IOException {
    String readme = read(Path.of("..", "README.md"));
    for (String key :
        new String[] {"stopFlushTimeoutMillis", "stallThresholdMillis", "stallIntervalMillis"}) {
      // A row such as "| `stallThresholdMillis` | 2000 | 1 – 3600000 |"; the key may be followed
      // by a remark in parentheses (JUL's name for it).
      Matcher row =
          Pattern.compile(
                  "^\\| `" + Pattern.quote(key) + "`[^|]*\\| *([^|]*?) *\\| *([^|]*?) *\\|",
                  Pattern.MULTILINE)
              .matcher(readme);
      assertThat(row.find()).as("README.md has a settings row for %s", key).isTrue();
      assertThat(row.group(1))
          .as("README.md's default for %s", key)
          .isEqualTo(String.valueOf(DEFAULTS.get(key)));
      if (key.startsWith("stall")) {
        assertThat(row.group(2))
            .as("README.md's range for %s", key)
            .endsWith(" " + StallWatchdogDefaults.MAX_MILLIS);
      }
    }
  }

  @Test
  void theWatchdogGuideExampleStatesTheDefaultsOfTheCode() throws IOException {
    String guide = read(Path.of("..", "docs", "WATCHDOG.md"));
    for (String key : new String[] {"stallThresholdMillis", "stallIntervalMillis"}) {
      Matcher element = Pattern.compile("<" + key + ">([^<]*)</" + key + ">").matcher(guide);
      assertThat(element.find()).as("docs/WATCHDOG.md shows <%s>", key).isTrue();
      assertThat(element.group(1))
          .as("docs/WATCHDOG.md's default for %s", key)
          .isEqualTo(String.valueOf(DEFAULTS.get(key)));
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
