package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.StatusListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings, reporting and life cycle every adapter shares. */
class AdapterSupportTest {
  private final List<String> framework = new CopyOnWriteArrayList<>();
  private final List<String> channel = new CopyOnWriteArrayList<>();

  @BeforeEach
  void freshBridge() {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    LogBridge.resetGlobal(Duration.ofSeconds(5));
  }

  private AdapterSupport logbackLike() {
    return AdapterSupport.logback((level, message, error) -> framework.add(level + " " + message))
        .declareKeyFilter("captureMdc", "mdcInclude", "mdcExclude", true, true)
        .declareFlag("captureMarkers", true);
  }

  @Test
  void everyBridgeWideKeySetThroughTheTypedSettersReachesTheBridge() {
    AdapterSupport support = logbackLike();
    support.setQueueCapacity(1024);
    support.setBatchSize(64);
    support.setMaxAttributes(32);
    support.setMaxAttributeValueLength(1000);
    support.setMaxBodyLength(2000);
    support.setMaxStackTraceLength(3000);
    support.setMaxRenderDepth(3);
    support.setMaxCollectionElements(50);
    support.setExcludedLoggerPrefixes("com.noisy, org.chatty");
    support.setShutdownHook(false);
    support.setShutdownHookTimeoutMillis(1500L);
    support.setStatusIntervalMillis(5000L);
    support.setNoticesToStderr(false);
    support.setInstallWaitNoticeMillis(2500L);

    Bridge bridge = support.configure("test adapter");

    assertThat(bridge.settings())
        .isEqualTo(
            BridgeSettings.builder()
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
                .build());
    assertThat(framework).isEmpty();
  }

  @Test
  void declaredCaptureOptionsAreReadAsConfigured() {
    AdapterSupport support = logbackLike();
    support.set("mdcInclude", "request.*");
    support.set("captureMarkers", false);
    support.setShutdownHook(false);

    support.configure("test adapter");
    assertThat(support.start(AdapterSupportTest.class.getClassLoader())).isTrue();

    assertThat(support.keyFilter("captureMdc").test("request.id")).isTrue();
    assertThat(support.keyFilter("captureMdc").test("user")).isFalse();
    assertThat(support.flag("captureMarkers")).isFalse();
    support.set("captureMdc", false);
    support.configure("test adapter");
    assertThat(support.keyFilter("captureMdc").test("request.id")).isFalse();
    support.stop();
  }

  @Test
  void eachBadValueIsReportedOnceOnBothChannelsBeforeForwardingStarts() {
    LogBridge.global(BridgeSettings.builder().shutdownHookEnabled(false).build())
        .addStatusListener((level, message) -> channel.add(level + " " + message));
    AdapterSupport support = logbackLike();
    support.set("mdcExclude", ",");
    support.setFlushTimeoutMillis(-1);
    support.setStallIntervalMillis(5);

    support.configure("test adapter");
    support.start(AdapterSupportTest.class.getClassLoader());
    support.stop();

    for (String keyAndValue :
        List.of(
            "\",\" for mdcExclude",
            "\"-1\" for stopFlushTimeoutMillis",
            "\"5\" for stallIntervalMillis")) {
      assertThat(framework)
          .as(keyAndValue)
          .filteredOn(m -> m.contains("invalid value " + keyAndValue))
          .hasSize(1)
          .allSatisfy(m -> assertThat(m).startsWith("ERROR test adapter: "));
      assertThat(channel)
          .as(keyAndValue)
          .filteredOn(m -> m.contains("invalid value " + keyAndValue))
          .hasSize(1);
    }
    assertThat(support.flushTimeoutMillis())
        .isEqualTo(AdapterSupport.DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS);
  }

  @Test
  void julNamesItsFlushKeyAndForwardsNoRuntimeStatus() {
    AdapterSupport support =
        AdapterSupport.jul((level, message, error) -> framework.add(level + " " + message));
    Bridge bridge =
        support.configure(
            "jul adapter",
            SettingsReader.ofValues(
                Map.of("closeFlushTimeoutMillis", "-3", "shutdownHook", "false")));
    support.start(AdapterSupportTest.class.getClassLoader());
    bridge.reportStatus(StatusListener.Level.ERROR, "test", "a runtime diagnostic");
    support.stop();

    assertThat(framework).hasSize(1);
    assertThat(framework.get(0)).contains("invalid value \"-3\" for closeFlushTimeoutMillis");
  }

  @Test
  void runtimeStatusIsForwardedWhileStartedOnly() {
    AdapterSupport support = logbackLike();
    support.setShutdownHook(false);
    Bridge bridge = support.configure("test adapter");
    support.start(AdapterSupportTest.class.getClassLoader());
    bridge.reportStatus(StatusListener.Level.WARN, "while", "while started");
    support.stop();
    bridge.reportStatus(StatusListener.Level.WARN, "after", "after stop");

    assertThat(framework).containsExactly("WARN while started");
  }

  @Test
  void aWatchdogWithoutTheDoctorIsAnErrorNamingTheArtifactAndTheAdapterStarts() {
    AdapterSupport support = logbackLike();
    support.setShutdownHook(false);
    support.setStallWatchdog(true);
    support.configure("test adapter");

    assertThat(support.start(AdapterSupportTest.class.getClassLoader())).isTrue();
    support.stop();

    assertThat(framework)
        .filteredOn(
            m ->
                m.startsWith(
                    "ERROR stallWatchdog is on for test"
                        + " adapter, but "
                        + StallWatchdogs.ARTIFACT
                        + " is not on the class path"))
        .hasSize(1);
  }
}
