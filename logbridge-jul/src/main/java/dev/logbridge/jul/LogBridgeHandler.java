package dev.logbridge.jul;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.SettingProblem;
import dev.logbridge.StatusListener;
import dev.logbridge.jul.JulRecordMapper.Forwarding;
import dev.logbridge.spi.AdapterSupport;
import dev.logbridge.spi.HandOff;
import dev.logbridge.spi.SettingsReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.ErrorManager;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@code java.util.logging} handler that bridges every record into OpenTelemetry logs through
 * logbridge. {@code System.Logger} (JDK platform logging) routes to JUL by default, so it is
 * covered too.
 *
 * <h2>Installation</h2>
 *
 * In {@code logging.properties}:
 *
 * <pre>{@code
 * handlers = dev.logbridge.jul.LogBridgeHandler
 * dev.logbridge.jul.LogBridgeHandler.level = INFO
 * }</pre>
 *
 * or in code, {@code LogBridgeHandler.install()} (or {@code LogBridgeHandler.builder()...install()})
 * adds the handler to the root logger, ahead of the handlers already there. Then call {@code
 * LogBridge.install(openTelemetry)} once the SDK is built, let the OpenTelemetry Java agent set
 * {@code GlobalOpenTelemetry}, or set {@code autoconfigure}. Records logged before that wait in the
 * bounded queue with their trace context.
 *
 * <h2>Configuration</h2>
 *
 * <table>
 *   <caption>{@code dev.logbridge.jul.LogBridgeHandler.<property>} keys</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>level</td><td>ALL</td><td>the handler's level</td></tr>
 *   <tr><td>captureCodeLocation</td><td>false</td><td>{@code code.function.name} from the
 *       source class and method (costly: JUL walks the stack to infer them)</td></tr>
 *   <tr><td>captureThread</td><td>true</td><td>{@code thread.name} and {@code thread.id}</td></tr>
 *   <tr><td>autoconfigure</td><td>false</td><td>build the SDK from {@code OTEL_*}</td></tr>
 *   <tr><td>closeFlushTimeoutMillis</td><td>2000</td><td>how long {@link #close()} flushes</td></tr>
 *   <tr><td>stallWatchdog</td><td>false</td><td>run the bridge's stall watchdog (needs {@code
 *       logbridge-doctor}); verdicts go to the status channel and out as {@code logbridge.stall}
 *       events</td></tr>
 *   <tr><td>stallThresholdMillis / stallIntervalMillis</td><td>2000 / 1000</td><td>how long a
 *       thread must wait on one lock to be reported / how often the watchdog samples</td></tr>
 *   <tr><td>forwardingHandlers</td><td>none</td><td>extra class names of handlers that forward
 *       records to another framework logbridge also bridges (see Restrictions)</td></tr>
 *   <tr><td>filter</td><td>none</td><td>class name of a {@link java.util.logging.Filter}, as
 *       for the JDK's handlers</td></tr>
 *   <tr><td>formatter, encoding</td><td>none</td><td>accepted as for the JDK's handlers and
 *       kept on the handler; the body does not use them</td></tr>
 *   <tr><td>queueCapacity, batchSize, maxAttributes, maxAttributeValueLength, maxBodyLength,
 *       maxStackTraceLength, maxRenderDepth, maxCollectionElements, excludedLoggerPrefixes,
 *       shutdownHook, shutdownHookTimeoutMillis, statusIntervalMillis, noticesToStderr,
 *       installWaitNoticeMillis</td><td>see
 *       {@link BridgeSettings#read}</td><td>settings of the process-wide bridge; the first
 *       adapter to start sets them</td></tr>
 * </table>
 *
 * <p>An invalid value is reported once, naming the property, the value and the default used, on
 * the handler's {@link ErrorManager} (JUL has no status API) and on logbridge's status channel;
 * that property keeps its default, every other one applies, and the handler bridges (JUL's own
 * handlers fall back the same way, silently). The builder throws {@link
 * IllegalArgumentException} instead. logbridge's runtime diagnostics go to the process's original
 * standard error.
 *
 * <h2>Mapping</h2>
 *
 * Body: the message formatted as {@link java.util.logging.Formatter#formatMessage} does (resource
 * bundle, {@code {0}} parameters). Severity: by level value, see {@link JulRecordMapper#severity};
 * the severity text is the level's name. Timestamp: {@link LogRecord#getInstant()} (nanoseconds).
 * {@code thread.id}: {@link LogRecord#getLongThreadID()}. Scope: the logger name ({@code ROOT} for
 * the root and anonymous loggers).
 *
 * <h2>With the OpenTelemetry Java agent</h2>
 *
 * The agent bridges java.util.logging itself (its {@code java-util-logging} instrumentation, on
 * by default). So that each record is exported once, this handler steps aside while the agent's
 * bridge is on: it bridges nothing and says so once on the status channel (and so on standard
 * error), naming the flag {@code -Dotel.instrumentation.java-util-logging.enabled=false}; with
 * that flag, it bridges into the agent's SDK. Decided once, when the handler is created; see
 * {@code AgentCoexistence} in core.
 *
 * <h2>Restrictions</h2>
 *
 * <ul>
 *   <li>JUL has no MDC, markers, key-value pairs or event names: records carry none.
 *   <li>Code location is the source class and method only ({@code code.function.name}); JUL
 *       records no file or line.
 *   <li>{@code thread.name} is set when the handler runs on the logging thread (always, unless
 *       another handler hands records to a thread of its own).
 *   <li>A parameter whose {@code toString()} fails leaves the message unformatted, as in the JDK;
 *       unlike the JDK, errors ({@code StackOverflowError}) are contained too.
 *   <li>{@link #flush()} does nothing: records are exported by logbridge's own thread and flushing
 *       from a logging thread would block it. Use {@code LogBridge.flush(timeout)}.
 *   <li>Framework chains: when a forwarding handler (jul-to-slf4j's {@code SLF4JBridgeHandler},
 *       log4j-jul's {@code Log4jBridgeHandler}, or one named in {@code forwardingHandlers}) is on
 *       the root logger with this handler and the target framework has a logbridge adapter too,
 *       each record is still exported once: the first adapter on the thread captures it and the
 *       second counts its copy as {@code forwarded} (see {@link dev.logbridge.spi.HandOff}).
 *       Forwarders are looked for on the root logger only, where their {@code install()} methods
 *       put them.
 *   <li>Loops between frameworks: a record logged back into JUL from inside the target framework
 *       (an appender that writes to JUL) is a new record. If it is logged during logbridge's
 *       capture (a parameter's or MDC value's {@code toString()}), it is counted as {@code
 *       recursion} in both adapters. If it is logged by another appender, after or before
 *       logbridge's, logbridge is not on the stack and cannot cut the loop: the target
 *       framework's per-appender re-entry guard must (Logback's {@code AppenderBase}, or {@code
 *       UnsynchronizedAppenderBase} with a guard; Log4j's appender control always has one).
 *       logbridge then exports the application's record once and each echo once, and counts
 *       their forwarded copies; an appender without a guard recurses until the stack
 *       overflows, logbridge or not.
 * </ul>
 *
 * <p>Thread-safety: thread-safe; {@link #publish} takes no lock.
 *
 * @since 0.1
 */
public final class LogBridgeHandler extends Handler {
  private static final String PREFIX = LogBridgeHandler.class.getName() + ".";
  private static final Set<String> KNOWN_FORWARDERS =
      Set.of(
          "org.slf4j.bridge.SLF4JBridgeHandler", "org.apache.logging.log4j.jul.Log4jBridgeHandler");

  private static final String SOURCE = "logbridge handler " + LogBridgeHandler.class.getName();

  // All final and assigned in the constructor.
  private final AdapterSupport support =
      AdapterSupport.jul(new ErrorManagerSink())
          .declareFlag("captureCodeLocation", false)
          .declareFlag("captureThread", true);
  private final Bridge bridge;
  private final JulRecordMapper[] mappers;
  private final Set<String> forwarders;
  // False while the OpenTelemetry Java agent's own JUL bridge is on (see AgentCoexistence).
  private final boolean bridging;

  // The root logger, looked up on the first publish and then only read. A benign race: every
  // thread that looks it up finds the same instance.
  private Logger root;

  /**
   * Creates the handler from {@code logging.properties}, as {@link LogManager} does for the
   * {@code handlers} property. An invalid value is reported once, on the {@link ErrorManager} and
   * on logbridge's status channel, and its key keeps the default: the handler always bridges.
   */
  public LogBridgeHandler() {
    SettingsReader reader = SettingsReader.of(LogBridgeHandler::property);
    setLevel(
        reader.value(
            "level",
            Level.ALL,
            Level.ALL.getName(),
            name -> {
              try {
                return Level.parse(name);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a JUL level");
              }
            }));
    forwarders =
        forwarders(reader.list("forwardingHandlers", List.of(), "none beyond the known ones"));
    applyFramingProperties(reader);
    bridge = support.configure(SOURCE, reader);
    bridging = support.start(LogBridgeHandler.class.getClassLoader());
    mappers = mappers(support.flag("captureCodeLocation"), support.flag("captureThread"));
  }

  private LogBridgeHandler(Builder builder) {
    setLevel(builder.level);
    forwarders = builder.forwarders;
    if (builder.settings != null) {
      support.settings(builder.settings);
    }
    support.set("captureCodeLocation", builder.captureCodeLocation);
    support.set("captureThread", builder.captureThread);
    support.setAutoconfigure(builder.autoconfigure);
    support.setFlushTimeoutMillis(builder.closeFlushTimeoutMillis);
    support.setStallWatchdog(builder.stallWatchdog);
    support.setStallThresholdMillis(builder.stallThresholdMillis);
    support.setStallIntervalMillis(builder.stallIntervalMillis);
    bridge = support.configure(SOURCE);
    bridging = support.start(LogBridgeHandler.class.getClassLoader());
    mappers = mappers(support.flag("captureCodeLocation"), support.flag("captureThread"));
  }

  /**
   * The keys every JUL handler reads ({@code filter}, {@code formatter}, {@code encoding}), as the
   * JDK's handlers read them. Only the filter changes what is bridged; a formatter and an encoding
   * are kept for code that reads them back, since the body is the message itself.
   */
  private void applyFramingProperties(SettingsReader reader) {
    Filter filter =
        reader.value("filter", null, "none", className -> instantiate(className, Filter.class));
    if (filter != null) {
      setFilter(filter);
    }
    Formatter formatter =
        reader.value(
            "formatter", null, "none", className -> instantiate(className, Formatter.class));
    if (formatter != null) {
      setFormatter(formatter);
    }
    String encoding =
        reader.value(
            "encoding",
            null,
            "the platform encoding",
            name -> {
              if (!Charset.isSupported(name)) {
                throw new IllegalArgumentException("not a charset this JVM supports");
              }
              return name;
            });
    if (encoding != null) {
      try {
        setEncoding(encoding);
      } catch (UnsupportedEncodingException e) {
        // Charset.isSupported said yes a moment ago; keep the default all the same.
        reader.problem("encoding", encoding, e.toString(), "the platform encoding");
      }
    }
  }

  /** Loads and creates a user class named in logging.properties, as LogManager does. */
  private static <T> T instantiate(String className, Class<T> type) {
    Class<?> found;
    try {
      found = ClassLoader.getSystemClassLoader().loadClass(className);
    } catch (ClassNotFoundException e) {
      try {
        found = Class.forName(className, false, LogBridgeHandler.class.getClassLoader());
      } catch (ClassNotFoundException again) {
        throw new IllegalArgumentException("class not found");
      }
    } catch (LinkageError e) {
      throw new IllegalArgumentException("class cannot be loaded: " + e);
    }
    if (!type.isAssignableFrom(found)) {
      throw new IllegalArgumentException("not a " + type.getName());
    }
    try {
      return type.cast(found.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException("cannot be created: " + e);
    }
  }

  /**
   * JUL has no status API: errors go to the handler's {@link ErrorManager}. Configuration
   * problems go there in one message, since JUL's default manager prints only the first error it
   * is given and separate calls would show only the first problem. Warnings and information are
   * not written (logbridge's status channel has them).
   */
  private final class ErrorManagerSink implements AdapterSupport.StatusSink {
    @Override
    public void write(StatusListener.Level level, String message, Throwable error) {
      if (level == StatusListener.Level.ERROR) {
        reportError(
            message,
            error instanceof Exception ? (Exception) error : null,
            ErrorManager.GENERIC_FAILURE);
      }
    }

    @Override
    public void problems(String source, List<SettingProblem> problems) {
      StringBuilder text =
          new StringBuilder(
              "logbridge handler: invalid configuration in"
                  + " logging.properties, each key named keeps its default:");
      for (SettingProblem problem : problems) {
        text.append("\n  ")
            .append(PREFIX)
            .append(problem.key())
            .append(": ")
            .append(problem.message());
      }
      reportError(text.toString(), null, ErrorManager.GENERIC_FAILURE);
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds a handler with default options to the root logger, ahead of its other handlers. */
  public static LogBridgeHandler install() {
    return builder().install();
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    if (!bridging) {
      // The OpenTelemetry Java agent's own JUL bridge exports it; counted (at this handler's
      // level, without running a user's Filter), not lost.
      Level level = record.getLevel();
      if (level != null && level.intValue() >= getLevel().intValue()) {
        bridge.countHandedToAgent();
      }
      return;
    }
    try {
      if (!isLoggable(record)) {
        // A new JUL record on this thread: whatever fingerprint is left belongs to an older one.
        HandOff.clear();
        return;
      }
      bridge.capture(record.getLoggerName(), record, mappers[forwarding().ordinal()]);
    } catch (Throwable t) {
      // bridge.capture never throws; isLoggable runs the user's Filter. Never throw into the app.
      reportError(
          "logbridge handler failed",
          t instanceof Exception ? (Exception) t : null,
          ErrorManager.WRITE_FAILURE);
    }
  }

  /** Does nothing; see Restrictions. */
  @Override
  public void flush() {}

  /**
   * Flushes the bridge for at most {@code closeFlushTimeoutMillis}. The process-wide bridge keeps
   * running: other adapters may feed it, and {@code LogBridge.shutdown} ends it.
   */
  @Override
  public void close() {
    support.stop();
    support.flushForStop();
  }

  /** The bridge this handler feeds. */
  public Bridge getBridge() {
    return bridge;
  }

  private static JulRecordMapper[] mappers(boolean captureCodeLocation, boolean captureThread) {
    JulRecordMapper[] byForwarding = new JulRecordMapper[Forwarding.values().length];
    for (Forwarding f : Forwarding.values()) {
      byForwarding[f.ordinal()] = new JulRecordMapper(captureCodeLocation, captureThread, f);
    }
    return byForwarding;
  }

  /**
   * Whether a forwarding handler on the root logger runs before or after this one for the current
   * record. Logger.getHandlers() copies a copy-on-write array: no lock.
   */
  private Forwarding forwarding() {
    Logger rootLogger = root;
    if (rootLogger == null) {
      // The global logger's parent is the root logger; the lookup takes no lock after JUL's
      // initialisation (unlike LogManager.getLogger, which synchronizes).
      rootLogger = Logger.getGlobal().getParent();
      if (rootLogger == null) {
        return Forwarding.NONE;
      }
      root = rootLogger;
    }
    boolean seenSelf = false;
    Forwarding result = Forwarding.NONE;
    for (Handler handler : rootLogger.getHandlers()) {
      if (handler == this) {
        seenSelf = true;
      } else if (forwarders.contains(handler.getClass().getName())) {
        if (!seenSelf) {
          return Forwarding.BEFORE;
        }
        result = Forwarding.AFTER;
      }
    }
    // Not on the root logger itself: the root's handlers all run after ours.
    return result;
  }

  /**
   * Builds a {@link LogBridgeHandler}. Setters throw {@link IllegalArgumentException} naming the
   * property and the value.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {
    private Level level = Level.ALL;
    private BridgeSettings settings;
    private boolean captureCodeLocation;
    private boolean captureThread = true;
    private boolean autoconfigure;
    private long closeFlushTimeoutMillis = AdapterSupport.DEFAULT_STOP_FLUSH_TIMEOUT_MILLIS;
    private Set<String> forwarders = KNOWN_FORWARDERS;
    private boolean stallWatchdog;
    private long stallThresholdMillis = AdapterSupport.DEFAULT_STALL_THRESHOLD_MILLIS;
    private long stallIntervalMillis = AdapterSupport.DEFAULT_STALL_INTERVAL_MILLIS;

    private Builder() {}

    public Builder level(Level level) {
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Settings for the process-wide bridge, if this handler is the first adapter to start. */
    public Builder settings(BridgeSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder captureCodeLocation(boolean capture) {
      this.captureCodeLocation = capture;
      return this;
    }

    /** Whether records carry {@code thread.name} and {@code thread.id} (default true). */
    public Builder captureThread(boolean capture) {
      this.captureThread = capture;
      return this;
    }

    public Builder autoconfigure(boolean autoconfigure) {
      this.autoconfigure = autoconfigure;
      return this;
    }

    public Builder closeFlushTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative()) {
        throw new IllegalArgumentException(
            "closeFlushTimeout must not be negative, was " + timeout);
      }
      this.closeFlushTimeoutMillis = timeout.toMillis();
      return this;
    }

    /**
     * Runs the bridge's stall watchdog (needs {@code logbridge-doctor}): samples every {@code
     * interval}, reports threads waiting on one lock for longer than {@code threshold}.
     */
    public Builder stallWatchdog(Duration interval, Duration threshold) {
      this.stallWatchdog = true;
      this.stallIntervalMillis =
          AdapterSupport.checkStallMillis(
              "stallIntervalMillis", interval == null ? -1 : interval.toMillis(), 10);
      this.stallThresholdMillis =
          AdapterSupport.checkStallMillis(
              "stallThresholdMillis", threshold == null ? -1 : threshold.toMillis(), 1);
      return this;
    }

    /** Class names of further handlers that forward records to another bridged framework. */
    public Builder forwardingHandlers(List<String> classNames) {
      this.forwarders = LogBridgeHandler.forwarders(classNames);
      return this;
    }

    public LogBridgeHandler build() {
      return new LogBridgeHandler(this);
    }

    /**
     * Builds the handler and adds it to the root logger ahead of the root's other handlers, so
     * that it runs before forwarding handlers such as {@code SLF4JBridgeHandler}.
     */
    public LogBridgeHandler install() {
      LogBridgeHandler handler = build();
      Logger rootLogger = LogManager.getLogManager().getLogger("");
      Handler[] others = rootLogger.getHandlers();
      for (Handler other : others) {
        rootLogger.removeHandler(other);
      }
      rootLogger.addHandler(handler);
      for (Handler other : others) {
        rootLogger.addHandler(other);
      }
      return handler;
    }
  }

  private static Set<String> forwarders(List<String> extra) {
    List<String> all = new ArrayList<>(KNOWN_FORWARDERS);
    for (String name : extra) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(
            "forwardingHandlers: blank or null class name in " + extra);
      }
      all.add(name.trim());
    }
    return Set.copyOf(all);
  }

  private static String property(String name) {
    String value = LogManager.getLogManager().getProperty(PREFIX + name);
    return value == null || value.isBlank() ? null : value;
  }
}
