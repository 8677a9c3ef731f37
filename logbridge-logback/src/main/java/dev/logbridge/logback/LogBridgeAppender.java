package dev.logbridge.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.WarnStatus;
import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.LogBridge;
import dev.logbridge.StatusListener;
import dev.logbridge.spi.KeyFilter;
import dev.logbridge.spi.StallWatchdogs;
import dev.logbridge.spi.SupportedVersions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Logback appender that bridges every event into OpenTelemetry logs through logbridge.
 *
 * <h2>Installation</h2>
 *
 * <pre>{@code
 * <appender name="OTEL" class="dev.logbridge.logback.LogBridgeAppender"/>
 * <root level="INFO"><appender-ref ref="OTEL"/></root>
 * }</pre>
 *
 * then {@code LogBridge.install(openTelemetry)} once the SDK is built, or let the OpenTelemetry
 * Java agent set {@code GlobalOpenTelemetry}, or set {@code <autoconfigure>true</autoconfigure>}.
 * Events logged before any of these wait in the bounded queue with their trace context.
 *
 * <h2>Configuration</h2>
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>captureMdc</td><td>true</td><td>MDC entries become attributes</td></tr>
 *   <tr><td>mdcInclude / mdcExclude</td><td>* / none</td><td>comma-separated key globs</td></tr>
 *   <tr><td>captureKeyValues</td><td>true</td><td>SLF4J 2 key-value pairs, typed</td></tr>
 *   <tr><td>keyValueInclude / keyValueExclude</td><td>* / none</td><td>key globs</td></tr>
 *   <tr><td>captureMarkers</td><td>true</td><td>{@code logback.marker} attribute</td></tr>
 *   <tr><td>captureCodeLocation</td><td>false</td><td>{@code code.*} attributes (costly)</td></tr>
 *   <tr><td>autoconfigure</td><td>false</td><td>build the SDK from {@code OTEL_*}</td></tr>
 *   <tr><td>stopFlushTimeoutMillis</td><td>2000</td><td>how long {@code stop()} flushes</td></tr>
 *   <tr><td>stallWatchdog</td><td>false</td><td>run the bridge's stall watchdog (needs
 *       {@code dev.logbridge:logbridge-doctor} on the class path): verdicts go to the status
 *       manager and, while the pipeline can take them, out as {@code logbridge.stall} events</td></tr>
 *   <tr><td>stallThresholdMillis</td><td>2000</td><td>how long a thread must wait on one lock
 *       before it counts (1 ms to 1 h)</td></tr>
 *   <tr><td>stallIntervalMillis</td><td>1000</td><td>how often the watchdog samples the threads
 *       (10 ms to 1 h)</td></tr>
 *   <tr><td>queueCapacity, batchSize, maxAttributes, maxAttributeValueLength, maxBodyLength,
 *       maxStackTraceLength, excludedLoggerPrefixes, shutdownHook</td><td>see
 *       {@link BridgeSettings}</td><td>settings of the process-wide bridge; the first adapter
 *       to start sets them</td></tr>
 * </table>
 *
 * <p>The stall watchdog is one per bridge, shared by every appender (and adapter) that enables
 * it: the first one's timings win, and it stops when the last of them stops or the bridge shuts
 * down. If {@code stallWatchdog} is on but {@code logbridge-doctor} is missing, the appender
 * reports an error naming the artifact and runs without the watchdog.
 *
 * <p>An invalid value is reported as an error on Logback's status manager, naming the property and
 * the value, and the appender does not start. logbridge's runtime diagnostics (drops, failures)
 * go to the same status manager while the appender runs.
 *
 * <h2>Restrictions</h2>
 *
 * Logback records a thread's name but not its id, so {@code thread.id} is set only when the
 * appender runs on the logging thread (not behind an {@code AsyncAppender}); the trace context is
 * that of the thread running the appender.
 *
 * <p>Chains: with jul-to-slf4j's {@code SLF4JBridgeHandler} and logbridge's JUL handler both on
 * the JUL root logger, in either order, each JUL record is exported once and its other copy is
 * counted as {@code forwarded} (see {@link dev.logbridge.spi.HandOff}). Logback does not tell
 * which class logged an event, so every event with a preformatted message (no arguments) leaves a
 * hand-off entry, not only those from jul-to-slf4j.
 *
 * <p>Loops: an appender that logs back into JUL (and so, through jul-to-slf4j, back into
 * Logback) needs a re-entry guard: {@code AppenderBase} has one; {@code
 * UnsynchronizedAppenderBase} has none by default since Logback 1.5.21 (override {@code
 * buildReentryGuard}). With a guard, the application's record and the echo are each exported
 * once; without one, the loop recurses until the stack overflows, whether logbridge is installed
 * or not. A record logged during logbridge's own capture (an argument's or MDC value's {@code
 * toString()}) is counted as {@code recursion}.
 *
 * <p>Thread-safety: thread-safe; {@link #append} takes no lock.
 *
 * @since 0.1
 */
public final class LogBridgeAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private boolean captureMdc = true;
  private String mdcInclude;
  private String mdcExclude;
  private boolean captureKeyValues = true;
  private String keyValueInclude;
  private String keyValueExclude;
  private boolean captureMarkers = true;
  private boolean captureCodeLocation;
  private boolean autoconfigure;
  private long stopFlushTimeoutMillis = 2000;
  private Integer queueCapacity;
  private Integer batchSize;
  private Integer maxAttributes;
  private Integer maxAttributeValueLength;
  private Integer maxBodyLength;
  private Integer maxStackTraceLength;
  private String excludedLoggerPrefixes;
  private Boolean shutdownHook;
  private boolean stallWatchdog;
  private long stallThresholdMillis = 2000;
  private long stallIntervalMillis = 1000;

  /** Where the doctor is looked for; replaced by tests that hide it. */
  ClassLoader doctorLoader = LogBridgeAppender.class.getClassLoader();

  // As Logback's UnsynchronizedAppenderBase up to 1.5.20: each kind of status is reported only
  // the first few times. Incremented by logging threads; a count, no ordering needed.
  private static final int REPEATED_STATUS_LIMIT = 3;
  private final AtomicInteger notStartedWarnings = new AtomicInteger();
  private final AtomicInteger appendFailures = new AtomicInteger();

  // Assigned in start(), before started becomes true; Logback's started flag is volatile.
  private Bridge bridge;
  private LogbackEventMapper mapper;
  private StatusListener statusListener;
  // The lease on the bridge's stall watchdog while this appender runs, or null.
  private AutoCloseable watchdogLease;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    BridgeSettings settings;
    LogbackEventMapper newMapper;
    try {
      settings = bridgeSettings();
      newMapper = new LogbackEventMapper(
          captureMdc ? KeyFilter.parse("mdc", mdcInclude, mdcExclude) : KeyFilter.none(),
          captureKeyValues
              ? KeyFilter.parse("keyValue", keyValueInclude, keyValueExclude)
              : KeyFilter.none(),
          captureMarkers,
          captureCodeLocation,
          getContext() instanceof LoggerContext ? (LoggerContext) getContext() : null);
      if (stopFlushTimeoutMillis < 0) {
        throw new IllegalArgumentException(
            "stopFlushTimeoutMillis must not be negative, was " + stopFlushTimeoutMillis);
      }
      if (stallWatchdog) {
        StallWatchdogs.checkMillis("stallThresholdMillis", stallThresholdMillis, 1);
        StallWatchdogs.checkMillis("stallIntervalMillis", stallIntervalMillis, 10);
      }
    } catch (IllegalArgumentException e) {
      addError("Invalid logbridge configuration for appender [" + getName() + "]: "
          + e.getMessage());
      return;
    }
    mapper = newMapper;
    bridge = settings == null ? LogBridge.global() : LogBridge.global(settings);
    statusListener = this::forwardStatus;
    bridge.addStatusListener(statusListener);
    SupportedVersions.check(bridge, LoggerContext.class, org.slf4j.Logger.class);
    if (autoconfigure) {
      bridge.enableAutoconfigure();
    }
    if (stallWatchdog) {
      startWatchdog();
    }
    super.start();
  }

  private void startWatchdog() {
    if (!StallWatchdogs.isAvailable(doctorLoader)) {
      // Logging must keep working, so the appender starts; the error says what to add.
      addError("stallWatchdog is on for appender [" + getName() + "], but logbridge-doctor is"
          + " not on the class path: add the dependency dev.logbridge:logbridge-doctor (same"
          + " version as logbridge-logback), or remove <stallWatchdog>. Running without it.");
      return;
    }
    watchdogLease = StallWatchdogs.acquire(doctorLoader, bridge,
        Duration.ofMillis(stallIntervalMillis),
        Duration.ofMillis(stallThresholdMillis));
  }


  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    // Flush while still started: Logback drops, uncounted, whatever reaches a stopped appender,
    // so during a reconfiguration the window in which records vanish stays as short as Logback
    // makes it, not as long as our flush.
    if (!bridge.flush(Duration.ofMillis(stopFlushTimeoutMillis))) {
      addWarn("logbridge could not flush within " + stopFlushTimeoutMillis + " ms: "
          + bridge.stats().summary());
    }
    super.stop();
    if (watchdogLease != null) {
      StallWatchdogs.release(watchdogLease);
      watchdogLease = null;
    }
    bridge.removeStatusListener(statusListener);
  }

  /**
   * Logback's {@code doAppend} without its re-entry guard, so that logbridge's guard (in {@link
   * Bridge#capture}) is the only one. Up to Logback 1.5.20, {@code UnsynchronizedAppenderBase}
   * returned silently from a re-entrant call: a record logged by a {@code toString()} during
   * logbridge's capture vanished uncounted, where logbridge counts it as {@code recursion}.
   * Otherwise as Logback: a stopped appender warns (a few times), the filter chain decides, and
   * an exception is reported on the status manager (a few times), never thrown.
   */
  @Override
  public void doAppend(ILoggingEvent event) {
    if (!isStarted()) {
      if (notStartedWarnings.getAndIncrement() < REPEATED_STATUS_LIMIT) {
        addStatus(new WarnStatus(
            "Attempted to append to non started appender [" + getName() + "].", this));
      }
      return;
    }
    try {
      if (getFilterChainDecision(event) == FilterReply.DENY) {
        return;
      }
      append(event);
    } catch (Exception e) {
      if (appendFailures.getAndIncrement() < REPEATED_STATUS_LIMIT) {
        addError("Appender [" + getName() + "] failed to append.", e);
      }
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    bridge.capture(event.getLoggerName(), event, mapper);
  }

  /** The bridge this appender feeds; null before {@link #start()}. */
  public Bridge getBridge() {
    return bridge;
  }

  /** Bridge settings from the properties; null when none is set, so defaults warn nobody. */
  private BridgeSettings bridgeSettings() {
    // One parser for every adapter (BridgeSettings.fromProperties), fed the typed values.
    java.util.Map<String, Object> given = new java.util.HashMap<>();
    given.put("queueCapacity", queueCapacity);
    given.put("batchSize", batchSize);
    given.put("maxAttributes", maxAttributes);
    given.put("maxAttributeValueLength", maxAttributeValueLength);
    given.put("maxBodyLength", maxBodyLength);
    given.put("maxStackTraceLength", maxStackTraceLength);
    given.put("excludedLoggerPrefixes", excludedLoggerPrefixes);
    given.put("shutdownHook", shutdownHook);
    return BridgeSettings.fromValues(given);
  }

  private void forwardStatus(StatusListener.Level level, String message) {
    switch (level) {
      case ERROR:
        addError(message);
        break;
      case WARN:
        addWarn(message);
        break;
      default:
        addInfo(message);
    }
  }

  public void setCaptureMdc(boolean captureMdc) {
    this.captureMdc = captureMdc;
  }

  public void setMdcInclude(String globs) {
    this.mdcInclude = globs;
  }

  public void setMdcExclude(String globs) {
    this.mdcExclude = globs;
  }

  public void setCaptureKeyValues(boolean captureKeyValues) {
    this.captureKeyValues = captureKeyValues;
  }

  public void setKeyValueInclude(String globs) {
    this.keyValueInclude = globs;
  }

  public void setKeyValueExclude(String globs) {
    this.keyValueExclude = globs;
  }

  public void setCaptureMarkers(boolean captureMarkers) {
    this.captureMarkers = captureMarkers;
  }

  public void setCaptureCodeLocation(boolean captureCodeLocation) {
    this.captureCodeLocation = captureCodeLocation;
  }

  public void setAutoconfigure(boolean autoconfigure) {
    this.autoconfigure = autoconfigure;
  }

  public void setStopFlushTimeoutMillis(long millis) {
    this.stopFlushTimeoutMillis = millis;
  }

  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public void setMaxAttributes(int maxAttributes) {
    this.maxAttributes = maxAttributes;
  }

  public void setMaxAttributeValueLength(int maxAttributeValueLength) {
    this.maxAttributeValueLength = maxAttributeValueLength;
  }

  public void setMaxBodyLength(int maxBodyLength) {
    this.maxBodyLength = maxBodyLength;
  }

  public void setMaxStackTraceLength(int maxStackTraceLength) {
    this.maxStackTraceLength = maxStackTraceLength;
  }

  public void setExcludedLoggerPrefixes(String csv) {
    this.excludedLoggerPrefixes = csv;
  }

  public void setShutdownHook(boolean shutdownHook) {
    this.shutdownHook = shutdownHook;
  }

  public void setStallWatchdog(boolean stallWatchdog) {
    this.stallWatchdog = stallWatchdog;
  }

  public void setStallThresholdMillis(long millis) {
    this.stallThresholdMillis = millis;
  }

  public void setStallIntervalMillis(long millis) {
    this.stallIntervalMillis = millis;
  }
}
