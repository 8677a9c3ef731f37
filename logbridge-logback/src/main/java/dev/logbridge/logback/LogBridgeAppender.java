package dev.logbridge.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.WarnStatus;
import dev.logbridge.Bridge;
import dev.logbridge.BridgeSettings;
import dev.logbridge.StatusListener;
import dev.logbridge.spi.AdapterSupport;
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
 *   <tr><td>captureThread</td><td>true</td><td>{@code thread.name} and {@code thread.id}
 *       (the upstream appender adds them only with {@code captureExperimentalAttributes})</td></tr>
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
 *       maxStackTraceLength, maxRenderDepth, maxCollectionElements, excludedLoggerPrefixes,
 *       shutdownHook, shutdownHookTimeoutMillis, statusIntervalMillis, noticesToStderr,
 *       installWaitNoticeMillis</td><td>see
 *       {@link BridgeSettings#read}</td><td>settings of the process-wide bridge; the first
 *       adapter to start sets them</td></tr>
 * </table>
 *
 * <p>The stall watchdog is one per bridge, shared by every appender (and adapter) that enables
 * it: the first one's timings win, and it stops when the last of them stops or the bridge shuts
 * down. If {@code stallWatchdog} is on but {@code logbridge-doctor} is missing, the appender
 * reports an error naming the artifact and runs without the watchdog.
 *
 * <p>An invalid value is reported once, as an error on Logback's status manager and on
 * logbridge's status channel, naming the property, the value and the default used; that property
 * keeps its default, every other one applies, and the appender starts. (A value Logback cannot
 * convert to the setter's type, such as a word for a number, is Logback's own error: the setter
 * is not called and the default stays.) logbridge's runtime diagnostics (drops, failures) go to
 * the same status manager while the appender runs.
 *
 * <h2>Behind an AsyncAppender</h2>
 *
 * Use {@link LogBridgeAsyncAppender} in place of {@code ch.qos.logback.classic.AsyncAppender}
 * (same settings): it carries each event's trace context and thread id from the logging thread
 * to this appender on the async worker. Behind the stock {@code AsyncAppender}, Logback keeps
 * neither (it records a thread's name, not its id), so records get the worker's trace context
 * (none) and no {@code thread.id}; the first such event makes this appender say so once on
 * Logback's status manager, naming the fix. Why a subclass and what it costs the logging thread:
 * see {@link LogBridgeAsyncAppender}.
 *
 * <h2>With the OpenTelemetry Java agent</h2>
 *
 * The agent bridges Logback itself (its {@code logback-appender} instrumentation, on by
 * default), into the SDK it sets as {@code GlobalOpenTelemetry}, which this appender would use
 * too. So that each event is exported once, this appender steps aside while the agent's bridge
 * is on: it bridges nothing and says so once on the status channel (and so on standard error),
 * naming the flag {@code -Dotel.instrumentation.logback-appender.enabled=false}. With that flag,
 * this appender bridges into the agent's SDK, and leaves out of the MDC the {@code trace_id},
 * {@code span_id} and {@code trace_flags} keys the agent's {@code logback-mdc} instrumentation
 * adds (each record carries its trace context already). If jul-to-slf4j forwards JUL records to
 * Logback (Spring Boot sets it up), turn the agent's JUL bridge off as well ({@code
 * -Dotel.instrumentation.java-util-logging.enabled=false}), or it exports those records beside
 * this appender; the appender warns once when it finds jul-to-slf4j's handler on the JUL root
 * logger at start. Decided once, at {@link #start()}; see {@code AgentCoexistence} in core.
 *
 * <h2>Restrictions</h2>
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
  // Holds every setting; reads, reports and starts what all adapters share.
  private final AdapterSupport support =
      AdapterSupport.logback(this::status)
          .declareKeyFilter("captureMdc", "mdcInclude", "mdcExclude", true, true)
          .declareKeyFilter("captureKeyValues", "keyValueInclude", "keyValueExclude", true, false)
          .declareFlag("captureMarkers", true)
          .declareFlag("captureCodeLocation", false)
          .declareFlag("captureThread", true);

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
  // False while the OpenTelemetry Java agent's own Logback bridge is on (see AgentCoexistence).
  private boolean bridging;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    // Lenient on purpose: a bad value keeps its key's default and is reported once; the
    // appender always starts, since a stopped appender drops every event, uncounted.
    Bridge started = support.configure("logbridge appender [" + getName() + "]");
    bridging = support.start(doctorLoader, LoggerContext.class, org.slf4j.Logger.class);
    mapper =
        new LogbackEventMapper(
            support.keyFilter("captureMdc"),
            support.keyFilter("captureKeyValues"),
            support.flag("captureMarkers"),
            support.flag("captureCodeLocation"),
            support.flag("captureThread"),
            getContext() instanceof LoggerContext ? (LoggerContext) getContext() : null,
            this::warnEventsFromAnotherThread);
    bridge = started;
    super.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    // Flush while still started: Logback drops, uncounted, whatever reaches a stopped appender,
    // so during a reconfiguration the window in which records vanish stays as short as Logback
    // makes it, not as long as our flush.
    support.flushForStop();
    super.stop();
    support.stop();
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
        addStatus(
            new WarnStatus(
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
    if (!bridging) {
      // The OpenTelemetry Java agent's own Logback bridge exports this event; counted, not lost.
      bridge.countHandedToAgent();
      return;
    }
    if (event instanceof CallerContextEvent) {
      // From a LogBridgeAsyncAppender's queue: the logging thread's context is the record's, and
      // the one the origin filter checks for suppression.
      bridge.capture(
          event.getLoggerName(), ((CallerContextEvent) event).callerContext(), event, mapper);
    } else {
      bridge.capture(event.getLoggerName(), event, mapper);
    }
  }

  /**
   * Says once (per start) that events arrive on another thread without their caller's context;
   * the mapper calls it on the thread running this appender, off the logging thread's path.
   */
  private void warnEventsFromAnotherThread(String loggingThread, String runningThread) {
    String worker = "AsyncAppender-Worker-"; // how Logback names an AsyncAppender's thread
    String feeder =
        runningThread != null && runningThread.startsWith(worker)
            ? "the AsyncAppender [" + runningThread.substring(worker.length()) + "]"
            : "an AsyncAppender";
    addWarn(
        "logbridge appender ["
            + getName()
            + "] receives events on thread ["
            + runningThread
            + "] that were logged on another thread (["
            + loggingThread
            + "]), without the"
            + " caller's trace context: their records get this thread's trace context (none) and no"
            + " thread.id. If "
            + feeder
            + " feeds this appender, replace its class"
            + " ch.qos.logback.classic.AsyncAppender with "
            + LogBridgeAsyncAppender.class.getName()
            + " (same settings).");
  }

  /** The bridge this appender feeds; null before {@link #start()}. */
  public Bridge getBridge() {
    return bridge;
  }

  /** Writes to Logback's status manager: the adapter support's sink. */
  private void status(StatusListener.Level level, String message, Throwable error) {
    switch (level) {
      case ERROR:
        addError(message, error);
        break;
      case WARN:
        addWarn(message, error);
        break;
      default:
        addInfo(message, error);
    }
  }

  public void setCaptureMdc(boolean captureMdc) {
    support.set("captureMdc", captureMdc);
  }

  public void setMdcInclude(String globs) {
    support.set("mdcInclude", globs);
  }

  public void setMdcExclude(String globs) {
    support.set("mdcExclude", globs);
  }

  public void setCaptureKeyValues(boolean captureKeyValues) {
    support.set("captureKeyValues", captureKeyValues);
  }

  public void setKeyValueInclude(String globs) {
    support.set("keyValueInclude", globs);
  }

  public void setKeyValueExclude(String globs) {
    support.set("keyValueExclude", globs);
  }

  public void setCaptureMarkers(boolean captureMarkers) {
    support.set("captureMarkers", captureMarkers);
  }

  public void setCaptureCodeLocation(boolean captureCodeLocation) {
    support.set("captureCodeLocation", captureCodeLocation);
  }

  /**
   * Whether records carry {@code thread.name} and {@code thread.id} (default true). Off, a
   * record is about half the bytes on the wire for a short message, like the upstream appender's
   * default.
   */
  public void setCaptureThread(boolean captureThread) {
    support.set("captureThread", captureThread);
  }

  public void setAutoconfigure(boolean autoconfigure) {
    support.setAutoconfigure(autoconfigure);
  }

  public void setStopFlushTimeoutMillis(long millis) {
    support.setFlushTimeoutMillis(millis);
  }

  public void setQueueCapacity(int queueCapacity) {
    support.setQueueCapacity(queueCapacity);
  }

  public void setBatchSize(int batchSize) {
    support.setBatchSize(batchSize);
  }

  public void setMaxAttributes(int maxAttributes) {
    support.setMaxAttributes(maxAttributes);
  }

  public void setMaxAttributeValueLength(int maxAttributeValueLength) {
    support.setMaxAttributeValueLength(maxAttributeValueLength);
  }

  public void setMaxBodyLength(int maxBodyLength) {
    support.setMaxBodyLength(maxBodyLength);
  }

  public void setMaxStackTraceLength(int maxStackTraceLength) {
    support.setMaxStackTraceLength(maxStackTraceLength);
  }

  public void setMaxRenderDepth(int maxRenderDepth) {
    support.setMaxRenderDepth(maxRenderDepth);
  }

  public void setMaxCollectionElements(int maxCollectionElements) {
    support.setMaxCollectionElements(maxCollectionElements);
  }

  public void setShutdownHookTimeoutMillis(long millis) {
    support.setShutdownHookTimeoutMillis(millis);
  }

  public void setStatusIntervalMillis(long millis) {
    support.setStatusIntervalMillis(millis);
  }

  public void setNoticesToStderr(boolean noticesToStderr) {
    support.setNoticesToStderr(noticesToStderr);
  }

  public void setInstallWaitNoticeMillis(long millis) {
    support.setInstallWaitNoticeMillis(millis);
  }

  public void setExcludedLoggerPrefixes(String csv) {
    support.setExcludedLoggerPrefixes(csv);
  }

  public void setShutdownHook(boolean shutdownHook) {
    support.setShutdownHook(shutdownHook);
  }

  public void setStallWatchdog(boolean stallWatchdog) {
    support.setStallWatchdog(stallWatchdog);
  }

  public void setStallThresholdMillis(long millis) {
    support.setStallThresholdMillis(millis);
  }

  public void setStallIntervalMillis(long millis) {
    support.setStallIntervalMillis(millis);
  }
}
