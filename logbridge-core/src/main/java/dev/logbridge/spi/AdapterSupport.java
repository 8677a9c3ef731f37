package dev.logbridge.spi;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.SettingProblem;
import dev.logbridge.StatusListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every adapter does the same way, once: it holds the settings the adapter collects from
 * its framework's configuration (the bridge-wide keys of {@link BridgeSettings#read}, the capture
 * options, {@code autoconfigure}, the stop-flush timeout and the stall watchdog's keys), reads
 * them leniently and reports each invalid value once, on the framework's status API and on the
 * bridge's status channel; it forwards the bridge's runtime diagnostics to the framework's status
 * API while the adapter runs, decides whether to step aside for the OpenTelemetry Java agent,
 * holds the lease on the bridge's stall watchdog, and flushes at stop. An adapter is then its
 * framework's wiring: public setters that each delegate here in one line, start and stop that
 * call {@link #configure}, {@link #start}, {@link #flushForStop} and {@link #stop}, and the
 * mapping of its events.
 *
 * <p>One instance per appender or handler. Life cycle: setters ({@link #set} or the typed ones),
 * then {@link #configure} (once: reads, picks the process-wide bridge, reports problems), then
 * {@link #start} (status forwarding, agent decision, version check, autoconfigure, watchdog),
 * then {@link #flushForStop} and {@link #stop}, in the order the framework needs. {@code start}
 * after {@code stop} starts again with the same configuration.
 *
 * <p>Thread-safety: setters, {@code configure} and {@code start} run on the thread that
 * configures the adapter, which publishes the adapter (through its framework's volatile started
 * flag) before logging threads read {@link #bridge()} or the capture options; {@code stop} may
 * run on any thread.
 *
 * @since 0.1
 */
public final class AdapterSupport {
  /** Default time {@link #flushForStop} waits for the queue to drain, in milliseconds. */
  public static final long DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS = 2000;

  /** Default time a thread must wait on one lock before the stall watchdog reports it. */
  public static final long DEFAULT_STALL_THRESHOLD_MILLIS = StallWatchdogs.DEFAULT_THRESHOLD_MILLIS;

  /** Default time between two samples of the stall watchdog. */
  public static final long DEFAULT_STALL_INTERVAL_MILLIS = StallWatchdogs.DEFAULT_INTERVAL_MILLIS;

  /**
   * Checks a stall-watchdog timing given to an adapter's builder from code: {@code min} ms to one
   * hour.
   *
   * @return {@code millis}
   * @throws IllegalArgumentException naming {@code property} and the value
   */
  public static long checkStallMillis(String property, long millis, long min) {
    return StallWatchdogs.checkMillis(property, millis, min);
  }

  /**
   * How an adapter writes to its framework's status API (Logback's status manager, Log4j's
   * {@code StatusLogger}, JUL's {@code ErrorManager}). Called on the thread that configures,
   * starts or stops the adapter, or, for forwarded diagnostics, on whichever thread reports them;
   * it must not log through the framework itself.
   */
  @FunctionalInterface
  public interface StatusSink {
    /** Writes one message; {@code error} may be null. */
    void write(StatusListener.Level level, String message, Throwable error);

    /**
     * Writes the configuration problems found by {@link #configure}, each once; by default one
     * error each, {@code source: message}. JUL overrides it to write them in one message.
     */
    default void problems(String source, List<SettingProblem> problems) {
      for (SettingProblem problem : problems) {
        write(StatusListener.Level.ERROR, source + ": " + problem.message(), null);
      }
    }
  }

  /** A capture option whose value is a key filter: on/off, include globs, exclude globs. */
  private static final class FilterOption {
    final String includeKey;
    final String excludeKey;
    final boolean agentContextKeys;
    final boolean captureDefault;
    boolean capture;
    KeyFilter configured = KeyFilter.all();

    FilterOption(
        String includeKey, String excludeKey, boolean agentContextKeys, boolean captureDefault) {
      this.includeKey = includeKey;
      this.excludeKey = excludeKey;
      this.agentContextKeys = agentContextKeys;
      this.captureDefault = captureDefault;
    }
  }

  private final Function<Bridge, AgentCoexistence> agentDecision;
  private final String flushTimeoutKey;
  private final String artifact;
  private final boolean forwardsRuntimeStatus;
  private final StatusSink sink;
  private final StatusListener statusListener;

  // Written by the configuring thread only, before configure().
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, Boolean> flagDefaults = new LinkedHashMap<>();
  private final Map<String, FilterOption> filters = new LinkedHashMap<>();
  private BridgeSettings explicitSettings;

  // Written by configure() and start() on the configuring thread; read by logging threads after
  // the adapter is published (see the class comment).
  private final Map<String, Boolean> flags = new HashMap<>();
  private String source;
  private Bridge bridge;
  private boolean autoconfigure;
  private long flushTimeoutMillis = DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS;
  private boolean stallWatchdog;
  private long stallThresholdMillis = StallWatchdogs.DEFAULT_THRESHOLD_MILLIS;
  private long stallIntervalMillis = StallWatchdogs.DEFAULT_INTERVAL_MILLIS;
  private AgentCoexistence agent;
  // The lease on the bridge's stall watchdog while the adapter runs, or null. Written by start()
  // and stop(), which may run on different threads.
  private volatile AutoCloseable watchdogLease;

  private AdapterSupport(
      Function<Bridge, AgentCoexistence> agentDecision,
      String flushTimeoutKey,
      String artifact,
      boolean forwardsRuntimeStatus,
      StatusSink sink) {
    this.agentDecision = agentDecision;
    this.flushTimeoutKey = flushTimeoutKey;
    this.artifact = artifact;
    this.forwardsRuntimeStatus = forwardsRuntimeStatus;
    this.sink = Objects.requireNonNull(sink, "sink");
    this.statusListener = (level, message) -> sink.write(level, message, null);
  }

  /**
   * For a Logback appender: stop-flush key {@code stopFlushTimeoutMillis}, the agent's Logback
   * bridge (see {@code AgentCoexistence}), runtime diagnostics forwarded to {@code sink}.
   */
  public static AdapterSupport logback(StatusSink sink) {
    return new AdapterSupport(
        AgentCoexistence::logback, "stopFlushTimeoutMillis", "logbridge-logback", true, sink);
  }

  /**
   * For a Log4j 2 appender: stop-flush key {@code stopFlushTimeoutMillis}, the agent's Log4j
   * bridge (see {@code AgentCoexistence}), runtime diagnostics forwarded to {@code sink}.
   */
  public static AdapterSupport log4j2(StatusSink sink) {
    return new AdapterSupport(
        AgentCoexistence::log4j2, "stopFlushTimeoutMillis", "logbridge-log4j2", true, sink);
  }

  /**
   * For a JUL handler: stop-flush key {@code closeFlushTimeoutMillis}, the agent's JUL bridge
   * (see {@code AgentCoexistence}). JUL has no status API to forward runtime diagnostics to
   * (they go to the original standard error); {@code sink} gets configuration problems, the
   * version check and watchdog errors.
   */
  public static AdapterSupport jul(StatusSink sink) {
    return new AdapterSupport(
        AgentCoexistence::jul, "closeFlushTimeoutMillis", "logbridge-jul", false, sink);
  }

  // ---- configuration: declared options ----

  /** Declares a capture option that is on or off, with its default; read by {@link #flag}. */
  public AdapterSupport declareFlag(String key, boolean defaultValue) {
    flagDefaults.put(Objects.requireNonNull(key, "key"), defaultValue);
    return this;
  }

  /**
   * Declares a capture option that is a key filter: {@code captureKey} (on or off, default
   * {@code captureDefault}) with comma-separated include globs (default {@code *}) and exclude
   * globs (default none); read by {@link #keyFilter}. With {@code agentContextKeys}, the filter
   * also leaves out the trace-id keys the OpenTelemetry Java agent adds to the MDC or context
   * data (see {@code AgentCoexistence}).
   */
  public AdapterSupport declareKeyFilter(
      String captureKey,
      String includeKey,
      String excludeKey,
      boolean captureDefault,
      boolean agentContextKeys) {
    filters.put(
        Objects.requireNonNull(captureKey, "captureKey"),
        new FilterOption(
            Objects.requireNonNull(includeKey, "includeKey"),
            Objects.requireNonNull(excludeKey, "excludeKey"),
            agentContextKeys,
            captureDefault));
    return this;
  }

  // ---- configuration: setters ----

  /**
   * Sets {@code key} to {@code value}, read through its {@code toString()} by {@link
   * #configure}; null unsets it. For the keys without a typed setter (the capture options).
   */
  public void set(String key, Object value) {
    values.put(Objects.requireNonNull(key, "key"), value);
  }

  /**
   * Settings for the process-wide bridge given whole (from code); they take the place of the
   * bridge-wide keys.
   */
  public void settings(BridgeSettings settings) {
    this.explicitSettings = Objects.requireNonNull(settings, "settings");
  }

  public void setAutoconfigure(boolean value) {
    set("autoconfigure", value);
  }

  /** The stop-flush timeout, under this adapter's key for it. */
  public void setFlushTimeoutMillis(long millis) {
    set(flushTimeoutKey, millis);
  }

  public void setStallWatchdog(boolean value) {
    set("stallWatchdog", value);
  }

  public void setStallThresholdMillis(long millis) {
    set("stallThresholdMillis", millis);
  }

  public void setStallIntervalMillis(long millis) {
    set("stallIntervalMillis", millis);
  }

  public void setQueueCapacity(Integer value) {
    set("queueCapacity", value);
  }

  public void setBatchSize(Integer value) {
    set("batchSize", value);
  }

  public void setMaxAttributes(Integer value) {
    set("maxAttributes", value);
  }

  public void setMaxAttributeValueLength(Integer value) {
    set("maxAttributeValueLength", value);
  }

  public void setMaxBodyLength(Integer value) {
    set("maxBodyLength", value);
  }

  public void setMaxStackTraceLength(Integer value) {
    set("maxStackTraceLength", value);
  }

  public void setMaxRenderDepth(Integer value) {
    set("maxRenderDepth", value);
  }

  public void setMaxCollectionElements(Integer value) {
    set("maxCollectionElements", value);
  }

  /** Comma-separated logger-name prefixes; see {@link BridgeSettings#excludedLoggerPrefixes}. */
  public void setExcludedLoggerPrefixes(String csv) {
    set("excludedLoggerPrefixes", csv);
  }

  public void setShutdownHook(Boolean value) {
    set("shutdownHook", value);
  }

  public void setShutdownHookTimeoutMillis(Long millis) {
    set("shutdownHookTimeoutMillis", millis);
  }

  public void setStatusIntervalMillis(Long millis) {
    set("statusIntervalMillis", millis);
  }

  public void setNoticesToStderr(Boolean value) {
    set("noticesToStderr", value);
  }

  public void setInstallWaitNoticeMillis(Long millis) {
    set("installWaitNoticeMillis", millis);
  }

  // ---- life cycle ----

  /** As {@link #configure(String, SettingsReader)}, reading the values the setters hold. */
  public Bridge configure(String source) {
    return configure(source, SettingsReader.ofValues(values));
  }

  /**
   * Reads every key leniently through {@code reader} (an adapter reading its own keys from the
   * same reader first, as JUL does, gets its problems reported with these), picks the
   * process-wide bridge (the first adapter's settings win), and reports each problem once: on
   * the framework's status API ({@link StatusSink#problems}) and on the bridge's status channel,
   * both before {@link #start} forwards the channel to the framework, so no problem is said twice
   * there. A bad value keeps its key's default; configure never throws for one.
   *
   * @param source who is configured, for messages ({@code logbridge appender [OTEL]})
   * @return the bridge
   */
  public Bridge configure(String source, SettingsReader reader) {
    this.source = Objects.requireNonNull(source, "source");
    for (Map.Entry<String, Boolean> flag : flagDefaults.entrySet()) {
      flags.put(flag.getKey(), reader.bool(flag.getKey(), flag.getValue()));
    }
    for (Map.Entry<String, FilterOption> entry : filters.entrySet()) {
      FilterOption option = entry.getValue();
      option.capture = reader.bool(entry.getKey(), option.captureDefault);
      option.configured = reader.keyFilter(option.includeKey, option.excludeKey);
    }
    autoconfigure = reader.bool("autoconfigure", false);
    flushTimeoutMillis =
        reader.longValue(flushTimeoutKey, DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS, 0, Long.MAX_VALUE);
    stallWatchdog = reader.bool("stallWatchdog", false);
    stallThresholdMillis =
        reader.longValue(
            "stallThresholdMillis",
            StallWatchdogs.DEFAULT_THRESHOLD_MILLIS,
            1,
            StallWatchdogs.MAX_MILLIS);
    stallIntervalMillis =
        reader.longValue(
            "stallIntervalMillis",
            StallWatchdogs.DEFAULT_INTERVAL_MILLIS,
            10,
            StallWatchdogs.MAX_MILLIS);
    BridgeSettings settings =
        explicitSettings != null ? explicitSettings : BridgeSettings.read(reader);
    bridge = settings == null ? LogBridge.global() : LogBridge.global(settings);
    List<SettingProblem> problems = reader.problems();
    if (!problems.isEmpty()) {
      sink.problems(source, problems);
      reportTo(bridge, source, problems);
    }
    return bridge;
  }

  /**
   * Starts what runs while the adapter runs: forwards the bridge's status channel to the
   * framework's status API, decides whether to step aside for the OpenTelemetry Java agent,
   * checks the versions of OpenTelemetry and of {@code frameworkClasses}' libraries, enables
   * autoconfigure if asked, and takes a lease on the stall watchdog if asked (an error on the
   * status API, never an exception, if it cannot).
   *
   * @param doctorLoader where {@code logbridge-doctor} is looked for (the adapter's loader)
   * @return whether the adapter bridges; false while the agent's own bridge for its framework
   *     exports its records (count each with {@link Bridge#countHandedToAgent})
   */
  public boolean start(ClassLoader doctorLoader, Class<?>... frameworkClasses) {
    if (bridge == null) {
      throw new IllegalStateException("configure() first");
    }
    if (forwardsRuntimeStatus) {
      bridge.addStatusListener(statusListener);
    }
    agent = agentDecision.apply(bridge);
    List<String> versionProblems = SupportedVersions.check(bridge, frameworkClasses);
    if (!forwardsRuntimeStatus) {
      // The listener above says these on the framework's status API; without one, say them here.
      for (String line : versionProblems) {
        sink.write(StatusListener.Level.ERROR, line, null);
      }
    }
    if (autoconfigure) {
      bridge.enableAutoconfigure();
    }
    if (stallWatchdog) {
      startWatchdog(doctorLoader);
    }
    return agent.bridges();
  }

  private void startWatchdog(ClassLoader loader) {
    if (!StallWatchdogs.isAvailable(loader)) {
      // Logging must keep working, so the adapter starts; the error says what to add.
      sink.write(
          StatusListener.Level.ERROR,
          "stallWatchdog is on for "
              + source
              + ", but "
              + StallWatchdogs.ARTIFACT
              + " is not on the class path: add the dependency "
              + StallWatchdogs.ARTIFACT
              + " (same version as "
              + artifact
              + "), or turn"
              + " stallWatchdog off. Running without it.",
          null);
      return;
    }
    try {
      watchdogLease =
          StallWatchdogs.acquire(
              loader,
              bridge,
              Duration.ofMillis(stallIntervalMillis),
              Duration.ofMillis(stallThresholdMillis));
    } catch (RuntimeException e) {
      sink.write(
          StatusListener.Level.ERROR,
          "stallWatchdog could not start for "
              + source
              + " ("
              + e.getMessage()
              + "); running without it",
          e);
    }
  }

  /**
   * Flushes the bridge for at most the stop-flush timeout, unless it is shut down (then nothing
   * drains any more); a flush that runs out of time is a warning on the status API, with the
   * bridge's counters.
   *
   * @return false if the flush ran out of time
   */
  public boolean flushForStop() {
    if (bridge.isShutdown() || bridge.flush(Duration.ofMillis(flushTimeoutMillis))) {
      return true;
    }
    sink.write(
        StatusListener.Level.WARN,
        "logbridge could not flush within "
            + flushTimeoutMillis
            + " ms: "
            + bridge.stats().summary(),
        null);
    return false;
  }

  /**
   * Releases the watchdog lease and stops forwarding the status channel. The process-wide bridge
   * keeps running: other adapters may feed it, and {@code LogBridge.shutdown} ends it.
   */
  public void stop() {
    AutoCloseable lease = watchdogLease;
    watchdogLease = null;
    StallWatchdogs.release(lease);
    if (bridge != null && forwardsRuntimeStatus) {
      bridge.removeStatusListener(statusListener);
    }
  }

  /**
   * Reports each problem on {@code bridge}'s status channel as an error, prefixed by {@code
   * source} (which adapter, which appender), beside the report to the framework's status API.
   */
  private static void reportTo(Bridge bridge, String source, List<SettingProblem> problems) {
    for (SettingProblem problem : problems) {
      // One rate-limit key per source and setting: two bad settings never hide each other.
      bridge.reportStatus(
          StatusListener.Level.ERROR,
          "invalid_setting:" + source + ":" + problem.key(),
          source + ": " + problem.message());
    }
  }

  // ---- what the adapter reads ----

  /** The bridge; null before {@link #configure}. */
  public Bridge bridge() {
    return bridge;
  }

  /** A flag declared with {@link #declareFlag}, as configured. */
  public boolean flag(String key) {
    Boolean value = flags.get(key);
    if (value == null) {
      throw new IllegalArgumentException("not a declared flag, or not configured: " + key);
    }
    return value;
  }

  /**
   * The filter declared with {@link #declareKeyFilter} under {@code captureKey}, as configured:
   * {@link KeyFilter#none()} when capture is off; without the agent's trace-id keys when so
   * declared (after {@link #start}).
   */
  public KeyFilter keyFilter(String captureKey) {
    FilterOption option = filters.get(captureKey);
    if (option == null) {
      throw new IllegalArgumentException("not a declared key filter: " + captureKey);
    }
    if (!option.capture) {
      return KeyFilter.none();
    }
    return option.agentContextKeys && agent != null
        ? agent.contextFilter(option.configured)
        : option.configured;
  }

  /** The stop-flush timeout as configured, in milliseconds. */
  public long flushTimeoutMillis() {
    return flushTimeoutMillis;
  }
}
