package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link BridgeSettings} as a record: equality over every component, checks in the constructor. */
class BridgeSettingsRecordTest {
  @Test
  void everyComponentTakesPartInEqualsAndHashCode() {
    BridgeSettings defaults = BridgeSettings.defaults();
    List<UnaryOperator<BridgeSettings.Builder>> changes =
        List.of(
            b -> b.queueCapacity(16),
            b -> b.batchSize(16),
            b -> b.maxAttributes(16),
            b -> b.maxAttributeValueLength(17),
            b -> b.maxBodyLength(17),
            b -> b.maxStackTraceLength(17),
            b -> b.maxRenderDepth(2),
            b -> b.maxCollectionElements(2),
            b -> b.excludedLoggerPrefixes(List.of("a")),
            b -> b.shutdownHookEnabled(false),
            b -> b.shutdownHookTimeout(Duration.ofMillis(1)),
            b -> b.statusInterval(Duration.ofMillis(1)),
            b -> b.noticesToStderr(false),
            b -> b.installWaitNotice(Duration.ofMillis(1)));
    assertThat(changes).hasSize(BridgeSettings.class.getRecordComponents().length);
    for (UnaryOperator<BridgeSettings.Builder> change : changes) {
      BridgeSettings changed = change.apply(BridgeSettings.builder()).build();
      assertThat(changed).isNotEqualTo(defaults);
      assertThat(changed.hashCode()).isNotEqualTo(defaults.hashCode());
      assertThat(change.apply(defaults.toBuilder()).build())
          .isEqualTo(changed)
          .hasSameHashCodeAs(changed);
    }
  }

  @Test
  void theCanonicalConstructorChecksAsTheBuilderDoes() {
    BridgeSettings d = BridgeSettings.defaults();
    assertThatThrownBy(
            () ->
                new BridgeSettings(
                    0,
                    d.batchSize(),
                    d.maxAttributes(),
                    d.maxAttributeValueLength(),
                    d.maxBodyLength(),
                    d.maxStackTraceLength(),
                    d.maxRenderDepth(),
                    d.maxCollectionElements(),
                    d.excludedLoggerPrefixes(),
                    d.shutdownHookEnabled(),
                    d.shutdownHookTimeout(),
                    d.statusInterval(),
                    d.noticesToStderr(),
                    d.installWaitNotice()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity must be between 1 and 268435456, was 0");
    assertThatThrownBy(() -> BridgeSettings.builder().queueCapacity(0))
        .hasMessage("queueCapacity must be between 1 and 268435456, was 0");
    assertThatThrownBy(
            () ->
                new BridgeSettings(
                    d.queueCapacity(),
                    d.batchSize(),
                    d.maxAttributes(),
                    d.maxAttributeValueLength(),
                    d.maxBodyLength(),
                    d.maxStackTraceLength(),
                    d.maxRenderDepth(),
                    d.maxCollectionElements(),
                    d.excludedLoggerPrefixes(),
                    d.shutdownHookEnabled(),
                    Duration.ofMillis(-1),
                    d.statusInterval(),
                    d.noticesToStderr(),
                    d.installWaitNotice()))
        .hasMessage("shutdownHookTimeout must be between 0 and PT1M, was PT-0.001S");
  }

  @Test
  void thePrefixListIsCopied() {
    List<String> prefixes = new ArrayList<>(List.of("com.example"));
    BridgeSettings d = BridgeSettings.defaults();
    BridgeSettings settings =
        new BridgeSettings(
            d.queueCapacity(),
            d.batchSize(),
            d.maxAttributes(),
            d.maxAttributeValueLength(),
            d.maxBodyLength(),
            d.maxStackTraceLength(),
            d.maxRenderDepth(),
            d.maxCollectionElements(),
            prefixes,
            d.shutdownHookEnabled(),
            d.shutdownHookTimeout(),
            d.statusInterval(),
            d.noticesToStderr(),
            d.installWaitNotice());
    prefixes.add("org.example");

    assertThat(settings.excludedLoggerPrefixes()).containsExactly("com.example");
  }
}
