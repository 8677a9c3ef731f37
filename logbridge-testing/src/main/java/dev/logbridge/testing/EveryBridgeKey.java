package dev.logbridge.testing;

import dev.logbridge.BridgeSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A value other than the default for every bridge-wide key but {@code shutdownHook} (which the
 * adapters' test fixtures already turn off), as configuration text, and the settings they must
 * give: for the test each adapter has that reads every key from its framework's configuration.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class EveryBridgeKey {
  private static final Map<String, String> VALUES = build();

  private EveryBridgeKey() {}

  /** Each key and its configured text, in a fixed order. */
  public static Map<String, String> values() {
    return VALUES;
  }

  private static Map<String, String> build() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("queueCapacity", "1024");
    values.put("batchSize", "64");
    values.put("maxAttributes", "32");
    values.put("maxAttributeValueLength", "1000");
    values.put("maxBodyLength", "2000");
    values.put("maxStackTraceLength", "3000");
    values.put("maxRenderDepth", "3");
    values.put("maxCollectionElements", "50");
    values.put("excludedLoggerPrefixes", "com.noisy, org.chatty");
    values.put("shutdownHookTimeoutMillis", "1500");
    values.put("statusIntervalMillis", "5000");
    values.put("noticesToStderr", "false");
    values.put("installWaitNoticeMillis", "2500");
    return Collections.unmodifiableMap(values);
  }

  /**
   * Every key written in one configuration syntax, joined with {@code separator}: for example
   * {@code (k, v) -> "<" + k + ">" + v + "</" + k + ">"} for logback.xml.
   */
  public static String as(BiFunction<String, String, String> entry, String separator) {
    return VALUES.entrySet().stream()
        .map(e -> entry.apply(e.getKey(), e.getValue()))
        .collect(Collectors.joining(separator));
  }

  /** The settings the values above must give, with the shutdown hook off. */
  public static BridgeSettings expected() {
    return BridgeSettings.builder()
        .queueCapacity(1024)
        .batchSize(64)
        .maxAttributes(32)
        .maxAttributeValueLength(1000)
        .maxBodyLength(2000)
        .maxStackTraceLength(3000)
        .maxRenderDepth(3)
        .maxCollectionElements(50)
        .excludedLoggerPrefixes(List.of("com.noisy", "org.chatty"))
        .shutdownHookEnabled(false)
        .shutdownHookTimeout(Duration.ofMillis(1500))
        .statusInterval(Duration.ofMillis(5000))
        .noticesToStderr(false)
        .installWaitNotice(Duration.ofMillis(2500))
        .build();
  }
}
