package dev.logbridge.log4j2;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.StatusListener;
import dev.logbridge.spi.AdapterSupport;
import dev.logbridge.spi.SettingsReader;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.ErrorHandler;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.DefaultErrorHandler;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * A Log4j 2 appender ({@code <LogBridge>}) that bridges every event into OpenTelemetry logs
 * through logbridge.
 *
 * <h2>Installation</h2>
 *
 * <pre>{@code
 * <Configuration>
 *   <Appenders><LogBridge name="OTEL"/></Appenders>
 *   <Loggers><Root level="info"><AppenderRef ref="OTEL"/></Root></Loggers>
 * </Configuration>
 * }</pre>
 *
 * then {@code LogBridge.install(openTelemetry)} once the SDK is built, or let the OpenTelemetry
 * Java agent set {@code GlobalOpenTelemetry}, or set {@code autoconfigure="true"}. Events logged
 * before any of these wait in the bounded queue with their trace context.
 *
 * <h2>Configuration</h2>
 *
 * <table>
 *   <caption>Attributes</caption>
 *   <tr><th>attribute</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>captureContextData</td><td>true</td><td>ThreadContext entries become attributes</td></tr>
 *   <tr><td>contextDataInclude / contextDataExclude</td><td>* / none</td><td>key globs</td></tr>
 *   <tr><td>captureMapMessage</td><td>true</td><td>MapMessage entries, typed</td></tr>
 *   <tr><td>mapMessageInclude / mapMessageExclude</td><td>* / none</td><td>key globs</td></tr>
 *   <tr><td>captureMarker</td><td>true</td><td>{@code log4j.marker} attribute</td></tr>
 *   <tr><td>captureCodeLocation</td><td>false</td><td>{@code code.*} (costly; with async
 *       loggers it also needs {@code includeLocation="true"})</td></tr>
 *   <tr><td>captureThread</td><td>true</td><td>{@code thread.name} and {@code thread.id}
 *       (the upstream appender adds them only with {@code captureExperimentalAttributes})</td></tr>
 *   <tr><td>autoconfigure</td><td>false</td><td>build the SDK from {@code OTEL_*}</td></tr>
 *   <tr><td>stopFlushTimeoutMillis</td><td>2000</td><td>how long {@code stop()} flushes</td></tr>
 *   <tr><td>stallWatchdog</td><td>false</td><td>run the bridge's stall watchdog (needs {@code
 *       logbridge-doctor}); verdicts go to the StatusLogger and out as {@code logbridge.stall}
 *       events</td></tr>
 *   <tr><td>stallThresholdMillis / stallIntervalMillis</td><td>2000 / 1000</td><td>how long a
 *       thread must wait on one lock to be reported / how often the watchdog samples</td></tr>
 *   <tr><td>queueCapacity, batchSize, maxAttributes, maxAttributeValueLength, maxBodyLength,
 *       maxStackTraceLength, maxRenderDepth, maxCollectionElements, excludedLoggerPrefixes,
 *       shutdownHook, shutdownHookTimeoutMillis, statusIntervalMillis, noticesToStderr,
 *       installWaitNoticeMillis</td><td>see
 *       {@link BridgeSettings#read}</td><td>settings of the process-wide bridge; the first
 *       adapter to start sets them</td></tr>
 * </table>
 *
 * <p>An invalid value is reported once, as an error on Log4j's {@code StatusLogger} and on
 * logbridge's status channel, naming the attribute, the value and the default used; that
 * attribute keeps its default, every other one applies, and the appender is built and starts. (A
 * value Log4j cannot convert to the attribute's type, such as a word for a number, is Log4j's own
 * error: the default stays.) logbridge's runtime diagnostics go to the same {@code StatusLogger}
 * while the appender runs.
 *
 * <h2>Async loggers and AsyncAppender</h2>
 *
 * The appender copies what it needs from the event during {@code append} and keeps nothing:
 * Log4j reuses events. When it runs on another thread than the one that logged, the trace context
 * comes from the {@code trace_id}/{@code span_id}/{@code trace_flags} keys that {@link
 * TraceContextDataProvider} (registered by this jar) put into the event's context data on the
 * logging thread; the user's ThreadContext is not touched.
 *
 * <h2>With the OpenTelemetry Java agent</h2>
 *
 * The agent bridges Log4j 2 itself (its {@code log4j-appender} instrumentation, on by default).
 * So that each event is exported once, this appender steps aside while the agent's bridge is on:
 * it bridges nothing and says so once on the status channel (and so on standard error), naming
 * the flag {@code -Dotel.instrumentation.log4j-appender.enabled=false}. With that flag, it bridges
 * into the agent's SDK and leaves out of the context data the keys the agent's {@code
 * log4j-context-data} instrumentation adds (renamed ones too, {@code
 * otel.instrumentation.common.logging.*}). Decided once, when the appender starts; see {@code
 * AgentCoexistence} in core.
 *
 * <h2>Restrictions</h2>
 *
 * <ul>
 *   <li>Re-entry: Log4j drops a re-entrant call to an appender before it reaches logbridge; the
 *       appender's error handler counts it as {@code recursion} when it happens inside logbridge's
 *       capture. In garbage-free mode (Log4j's default outside web apps) and with async loggers,
 *       Log4j renders parameters when it creates the event, before any appender runs: a {@code
 *       toString()} that logs there produces an ordinary, separate record, not a recursion.
 *   <li>ThreadContext values are strings unless the application uses an object context map.
 *   <li>The marker is one string (the event's marker name), as upstream; parents are not listed.
 *   <li>Chains: with log4j-jul's {@code Log4jBridgeHandler} and logbridge's JUL handler both on
 *       the JUL root logger, in either order, each JUL record is exported once and its other
 *       copy is counted as {@code forwarded} (see {@link dev.logbridge.spi.HandOff}). Only copies
 *       logged with JUL's logger class as FQCN (as {@code Log4jBridgeHandler} does) take part.
 *   <li>Loops: an appender that logs back into JUL (and so, through {@code Log4jBridgeHandler},
 *       back into Log4j) is stopped by Log4j's per-appender recursion check after one echo; the
 *       application's record and the echo are each exported once. An echo logged during
 *       logbridge's capture is counted as {@code recursion}.
 * </ul>
 *
 * <p>Thread-safety: thread-safe; {@link #append} takes no lock.
 *
 * @since 0.1
 */
@Plugin(
    name = "LogBridge",
    category = Core.CATEGORY_NAME,
    elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class LogBridgeAppender extends AbstractAppender {
  private static final String RECURSION_MESSAGE = "Recursive call to appender";

  private final Bridge bridge;
  // Holds every setting; starts and stops what all adapters share.
  private final AdapterSupport support;
  // Assigned in start(), before the appender's volatile state says STARTED; Log4j appends only
  // to started appenders. False while the OpenTelemetry Java agent's own Log4j bridge is on.
  private boolean bridging;
  private Log4jEventMapper mapper;

  private LogBridgeAppender(
      String name,
      org.apache.logging.log4j.core.Filter filter,
      boolean ignoreExceptions,
      Property[] properties,
      AdapterSupport support) {
    super(name, filter, null, ignoreExceptions, properties);
    this.support = support;
    this.bridge = support.bridge();
    setHandler(new RecursionCountingErrorHandler(this, bridge));
  }

  /** The builder Log4j uses for the {@code <LogBridge>} element. */
  @PluginBuilderFactory
  public static <B extends Builder<B>> B newBuilder() {
    return new Builder<B>().asBuilder();
  }

  @Override
  public void append(LogEvent event) {
    if (!bridging) {
      // The OpenTelemetry Java agent's own Log4j bridge exports this event; counted, not lost.
      bridge.countHandedToAgent();
      return;
    }
    bridge.capture(event.getLoggerName(), event, mapper);
  }

  @Override
  public void start() {
    bridging = support.start(LogBridgeAppender.class.getClassLoader(), LogEvent.class);
    mapper =
        new Log4jEventMapper(
            support.keyFilter("captureContextData"),
            support.keyFilter("captureMapMessage"),
            support.flag("captureMarker"),
            support.flag("captureCodeLocation"),
            support.flag("captureThread"));
    super.start();
  }

  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    boolean stopped = super.stop(timeout, timeUnit, false);
    support.flushForStop();
    support.stop();
    setStopped();
    return stopped;
  }

  /** The bridge this appender feeds. */
  public Bridge getBridge() {
    return bridge;
  }

  /** Writes to Log4j's StatusLogger: the adapter support's sink. */
  private static void status(StatusListener.Level level, String message, Throwable error) {
    switch (level) {
      case ERROR:
        StatusLogger.getLogger().error(message, error);
        break;
      case WARN:
        StatusLogger.getLogger().warn(message, error);
        break;
      default:
        StatusLogger.getLogger().info(message, error);
    }
  }

  /**
   * Log4j's AppenderControl reports a re-entrant call through the appender's error handler and
   * drops it. When that happens inside logbridge's capture (a parameter's {@code toString()} that
   * logs), the nested record is what the bridge counts as recursion: offering it to the bridge
   * while the thread is inside it does exactly that, and nothing else.
   */
  private static final class RecursionCountingErrorHandler implements ErrorHandler {
    private final ErrorHandler delegate;
    private final Bridge bridge;

    RecursionCountingErrorHandler(Appender appender, Bridge bridge) {
      this.delegate = new DefaultErrorHandler(appender);
      this.bridge = bridge;
    }

    @Override
    public void error(String msg) {
      if (msg != null && msg.startsWith(RECURSION_MESSAGE) && bridge.isBlocked("")) {
        bridge.capture("", null, (event, capture) -> {});
        return;
      }
      delegate.error(msg);
    }

    @Override
    public void error(String msg, Throwable t) {
      delegate.error(msg, t);
    }

    @Override
    public void error(String msg, LogEvent event, Throwable t) {
      delegate.error(msg, event, t);
    }
  }

  /**
   * Builds a {@link LogBridgeAppender} from the {@code <LogBridge>} element or from code. An
   * invalid value goes to {@code StatusLogger} and its attribute keeps the default; {@link
   * #build()} never returns null.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   *
   * @param <B> the builder type
   */
  public static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B>
      implements org.apache.logging.log4j.core.util.Builder<LogBridgeAppender> {
    @PluginBuilderAttribute private boolean captureContextData = true;
    @PluginBuilderAttribute private String contextDataInclude;
    @PluginBuilderAttribute private String contextDataExclude;
    @PluginBuilderAttribute private boolean captureMapMessage = true;
    @PluginBuilderAttribute private String mapMessageInclude;
    @PluginBuilderAttribute private String mapMessageExclude;
    @PluginBuilderAttribute private boolean captureMarker = true;
    @PluginBuilderAttribute private boolean captureCodeLocation;
    @PluginBuilderAttribute private boolean captureThread = true;
    @PluginBuilderAttribute private boolean autoconfigure;

    @PluginBuilderAttribute
    private long stopFlushTimeoutMillis = AdapterSupport.DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS;

    @PluginBuilderAttribute private Integer queueCapacity;
    @PluginBuilderAttribute private Integer batchSize;
    @PluginBuilderAttribute private Integer maxAttributes;
    @PluginBuilderAttribute private Integer maxAttributeValueLength;
    @PluginBuilderAttribute private Integer maxBodyLength;
    @PluginBuilderAttribute private Integer maxStackTraceLength;
    @PluginBuilderAttribute private Integer maxRenderDepth;
    @PluginBuilderAttribute private Integer maxCollectionElements;
    @PluginBuilderAttribute private String excludedLoggerPrefixes;
    @PluginBuilderAttribute private Boolean shutdownHook;
    @PluginBuilderAttribute private Long shutdownHookTimeoutMillis;
    @PluginBuilderAttribute private Long statusIntervalMillis;
    @PluginBuilderAttribute private Boolean noticesToStderr;
    @PluginBuilderAttribute private Long installWaitNoticeMillis;
    @PluginBuilderAttribute private boolean stallWatchdog;

    @PluginBuilderAttribute
    private long stallThresholdMillis = AdapterSupport.DEFAULT_STALL_THRESHOLD_MILLIS;

    @PluginBuilderAttribute
    private long stallIntervalMillis = AdapterSupport.DEFAULT_STALL_INTERVAL_MILLIS;

    public B setCaptureContextData(boolean value) {
      this.captureContextData = value;
      return asBuilder();
    }

    public B setContextDataInclude(String globs) {
      this.contextDataInclude = globs;
      return asBuilder();
    }

    public B setContextDataExclude(String globs) {
      this.contextDataExclude = globs;
      return asBuilder();
    }

    public B setCaptureMapMessage(boolean value) {
      this.captureMapMessage = value;
      return asBuilder();
    }

    public B setMapMessageInclude(String globs) {
      this.mapMessageInclude = globs;
      return asBuilder();
    }

    public B setMapMessageExclude(String globs) {
      this.mapMessageExclude = globs;
      return asBuilder();
    }

    public B setCaptureMarker(boolean value) {
      this.captureMarker = value;
      return asBuilder();
    }

    public B setCaptureCodeLocation(boolean value) {
      this.captureCodeLocation = value;
      return asBuilder();
    }

    /** Whether records carry {@code thread.name} and {@code thread.id} (default true). */
    public B setCaptureThread(boolean value) {
      this.captureThread = value;
      return asBuilder();
    }

    public B setAutoconfigure(boolean value) {
      this.autoconfigure = value;
      return asBuilder();
    }

    public B setStopFlushTimeoutMillis(long millis) {
      this.stopFlushTimeoutMillis = millis;
      return asBuilder();
    }

    public B setQueueCapacity(int value) {
      this.queueCapacity = value;
      return asBuilder();
    }

    public B setMaxAttributes(int value) {
      this.maxAttributes = value;
      return asBuilder();
    }

    public B setBatchSize(int value) {
      this.batchSize = value;
      return asBuilder();
    }

    public B setMaxAttributeValueLength(int value) {
      this.maxAttributeValueLength = value;
      return asBuilder();
    }

    public B setMaxStackTraceLength(int value) {
      this.maxStackTraceLength = value;
      return asBuilder();
    }

    /** Comma-separated logger-name prefixes never bridged; see {@link BridgeSettings}. */
    public B setExcludedLoggerPrefixes(String csv) {
      this.excludedLoggerPrefixes = csv;
      return asBuilder();
    }

    public B setMaxBodyLength(int value) {
      this.maxBodyLength = value;
      return asBuilder();
    }

    public B setMaxRenderDepth(int value) {
      this.maxRenderDepth = value;
      return asBuilder();
    }

    public B setMaxCollectionElements(int value) {
      this.maxCollectionElements = value;
      return asBuilder();
    }

    public B setShutdownHookTimeoutMillis(long millis) {
      this.shutdownHookTimeoutMillis = millis;
      return asBuilder();
    }

    public B setStatusIntervalMillis(long millis) {
      this.statusIntervalMillis = millis;
      return asBuilder();
    }

    public B setNoticesToStderr(boolean value) {
      this.noticesToStderr = value;
      return asBuilder();
    }

    public B setInstallWaitNoticeMillis(long millis) {
      this.installWaitNoticeMillis = millis;
      return asBuilder();
    }

    public B setShutdownHook(boolean value) {
      this.shutdownHook = value;
      return asBuilder();
    }

    /** Runs the bridge's stall watchdog (needs {@code logbridge-doctor}). */
    public B setStallWatchdog(boolean value) {
      this.stallWatchdog = value;
      return asBuilder();
    }

    public B setStallThresholdMillis(long value) {
      this.stallThresholdMillis = value;
      return asBuilder();
    }

    public B setStallIntervalMillis(long value) {
      this.stallIntervalMillis = value;
      return asBuilder();
    }

    /**
     * Builds the appender. Lenient on purpose: a bad value keeps its key's default and is
     * reported once, on the StatusLogger and on logbridge's status channel; an appender is always
     * built, since without one Log4j drops every event meant for it, uncounted.
     */
    /**
     * Builds the appender. Lenient on purpose: a bad value keeps its key's default and is
     * reported once, on the StatusLogger and on logbridge's status channel; an appender is always
     * built, since without one Log4j drops every event meant for it, uncounted.
     */
    @Override
    public LogBridgeAppender build() {
      AdapterSupport support =
          AdapterSupport.log4j2(LogBridgeAppender::status)
              .declareKeyFilter(
                  "captureContextData", "contextDataInclude", "contextDataExclude", true, true)
              .declareKeyFilter(
                  "captureMapMessage", "mapMessageInclude", "mapMessageExclude", true, false)
              .declareFlag("captureMarker", true)
              .declareFlag("captureCodeLocation", false)
              .declareFlag("captureThread", true);
      support.configure(
          "logbridge appender [" + getName() + "]", SettingsReader.ofValues(configuredValues()));
      return new LogBridgeAppender(
          getName(), getFilter(), isIgnoreExceptions(), getPropertyArray(), support);
    }

    /**
     * The values the attributes hold, by attribute name, for the shared lenient reader. Log4j
     * injects attributes into the fields, not through the setters; every annotated field is
     * read, so an attribute cannot be forgotten here.
     */
    private Map<String, Object> configuredValues() {
      Map<String, Object> values = new HashMap<>();
      for (Field field : Builder.class.getDeclaredFields()) {
        if (field.isAnnotationPresent(PluginBuilderAttribute.class)) {
          try {
            values.put(field.getName(), field.get(this));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read attribute " + field.getName(), e);
          }
        }
      }
      return values;
    }
  }
}
