package dev.logbridge;

import dev.logbridge.StatusListener.Level;
import dev.logbridge.spi.RecordCapture;
import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One log bridge: a bounded queue, the thread that drains it into OpenTelemetry, and the
 * accounting of every record that entered it. Applications normally use the process-wide
 * instance through {@link LogBridge}; adapters capture records through {@link #capture}.
 *
 * <p>What a log call costs the caller: the re-entry guard, the origin filter, the capture (the
 * adapter's translator, which runs arguments' and context values' {@code toString()} here,
 * guarded) and one non-blocking queue offer. No lock, no I/O, no OpenTelemetry SDK call.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @since 0.1
 */
public final class Bridge {
  /**
   * The instrumentation scope of logbridge's own diagnostic events ({@link #emitDiagnostic}). It
   * lies under {@code dev.logbridge}, so a record a framework logs with this name is still
   * refused as self-originated: only {@link #emitDiagnostic} can produce it.
   */
  public static final String DIAGNOSTIC_SCOPE = "dev.logbridge.watchdog";

  private final BridgeSettings settings;
  private final Accounting accounting = new Accounting();
  private final StatusChannel status;
  private final OriginFilter originFilter;
  private final ValueCoercer coercer;
  private final CaptureSupport captureSupport;
  private final Pipeline pipeline;
  private final CounterReporter failures;
  private final Thread shutdownHook;

  private Bridge(BridgeSettings settings) {
    this.settings = settings;
    this.status = new StatusChannel(settings.statusInterval(), settings.noticesToStderr());
    this.originFilter = new OriginFilter(settings.excludedLoggerPrefixes());
    this.coercer = new ValueCoercer(settings, accounting);
    this.captureSupport = new CaptureSupport(settings, coercer, accounting);
    this.pipeline =
        new Pipeline(
            settings.queueCapacity(),
            settings.batchSize(),
            accounting,
            status,
            settings.installWaitNotice());
    this.failures = pipeline.reporter();
    this.shutdownHook =
        settings.shutdownHookEnabled()
            ? new LogBridgeThread(this::runShutdownHook, "logbridge-shutdown")
            : null;
  }

  /** Creates and starts a bridge with {@code settings}. */
  public static Bridge start(BridgeSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Bridge bridge = new Bridge(settings);
    bridge.pipeline.start();
    if (bridge.shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(bridge.shutdownHook);
    }
    return bridge;
  }

  /**
   * Captures one record from an adapter. Runs on the logging thread; never blocks and never
   * throws.
   *
   * <p>Steps: the re-entry guard (a nested call is counted as {@link DropReason#RECURSION}); the
   * origin filter ({@link DropReason#SELF_ORIGIN}); after shutdown, {@link DropReason#SHUTDOWN};
   * if the queue is full and {@code translator} {@linkplain RecordTranslator#canDropUntranslated
   * allows it}, the record is counted as accepted and dropped ({@link DropReason#QUEUE_FULL} or
   * {@link DropReason#PRE_INSTALL_OVERFLOW}) without a capture; otherwise {@code translator} fills
   * a {@link RecordCapture} (a failure is counted as {@link
   * DropReason#CAPTURE_ERROR}; a capture the translator marks {@link RecordCapture#forwarded()
   * forwarded} as {@link DropReason#FORWARDED}), the record is counted as accepted, and offered to
   * the queue.
   */
  public <E> void capture(String loggerName, E event, RecordTranslator<E> translator) {
    capture(loggerName, null, event, translator);
  }

  /**
   * Captures one record that reaches the adapter on another thread than the one that logged it,
   * with {@code callerContext}, the OpenTelemetry context current on the logging thread, which
   * the framework carried along (an async appender's queue, say). As {@link #capture(String,
   * Object, RecordTranslator)}, except that this context, not the running thread's, is the
   * record's trace context and is what the origin filter checks for suppression: a record logged
   * in a suppressed context is refused as {@link DropReason#SELF_ORIGIN} on whichever thread it
   * arrives. Null means the running thread's context.
   */
  public <E> void capture(
      String loggerName, Context callerContext, E event, RecordTranslator<E> translator) {
    CallerState caller = CallerState.current(); // the call's only thread-local read
    if (!caller.tryEnter()) {
      accounting.dropped(DropReason.RECURSION);
      return;
    }
    try {
      Context context = callerContext != null ? callerContext : Context.current();
      if (originFilter.isSelfOrigin(loggerName, context, caller)) {
        accounting.dropped(DropReason.SELF_ORIGIN);
        return;
      }
      if (pipeline.isShutdown()) {
        accounting.accepted();
        accounting.dropped(DropReason.SHUTDOWN);
        return;
      }
      if (pipeline.isQueueFull() && translator.canDropUntranslated(event)) {
        // Overload: the record would be dropped after its capture, so it is dropped before it,
        // counted the same way, and the logging thread pays only for the guard and a counter.
        accounting.accepted();
        pipeline.countFullQueueDrop();
        return;
      }
      CaptureSlot record = caller.takeCapture(captureSupport).begin(loggerName, context, 0L);
      try {
        translator.translate(event, record);
      } catch (Throwable t) {
        caller.recycle(record);
        accounting.dropped(DropReason.CAPTURE_ERROR);
        failures.captureFailed(t);
        return;
      }
      if (record.isForwarded()) {
        caller.recycle(record);
        accounting.dropped(DropReason.FORWARDED);
        return;
      }
      if (record.observedEpochNanos() == 0) {
        record.observedAt(nowEpochNanos());
      }
      accounting.accepted();
      // The queue hands back a cleared capture for this thread's next record (or nothing, when
      // the pipeline returns this thread's captures to it directly; see ReturnedCaptures): a
      // log call allocates nothing of logbridge's own once the queue has gone round once.
      caller.giveBack(pipeline.offer(record));
    } catch (Throwable t) {
      // Unreachable unless the JVM is in trouble (an OutOfMemoryError, say). The promise is
      // that logging never throws into the application, so count it and return. The thread's
      // capture may be half filled: it is not given back, and the next call makes a new one.
      accounting.dropped(DropReason.CAPTURE_ERROR);
      failures.captureFailed(t);
    } finally {
      caller.exit();
    }
  }

  /**
   * Emits one of logbridge's own diagnostics (a stall verdict, say) as an OpenTelemetry log event
   * with scope {@value #DIAGNOSTIC_SCOPE}: it takes the same non-blocking queue offer as a log
   * record and is counted like one (accepted, then emitted or dropped by reason), so the
   * accounting identity still holds.
   *
   * <p>Unlike {@link #capture}, it bypasses the origin filter (its scope lies under the excluded
   * {@code dev.logbridge} prefix, and it may run on a logbridge thread) and the re-entry guard (a
   * diagnostic raised while this thread is inside the bridge must not be lost as recursion). It
   * still holds the guard while it coerces the attributes, so a value whose {@code toString()}
   * logs cannot recurse into the bridge.
   *
   * <p>Safe on any thread; never blocks and never throws. Attribute values are coerced as in
   * {@link RecordCapture#attribute(String, Object)} (a {@code List<String>} stays a string array)
   * and the bridge's limits apply. Records are not correlated with the caller's span: the event
   * describes the process, not the request the calling thread serves.
   *
   * @param eventName the event name, for example {@code logbridge.stall}
   * @param severity the severity (null: unspecified)
   * @param body the human-readable text, or null
   * @param attributes the attributes in iteration order, or null
   * @return true if the event was queued, false if it was dropped (and counted: {@code
   *     queue_full}, {@code pre_install_overflow}, {@code shutdown} or {@code capture_error})
   */
  public boolean emitDiagnostic(
      String eventName, Severity severity, String body, Map<String, ?> attributes) {
    CallerState caller = CallerState.current();
    boolean entered = caller.tryEnter();
    try {
      if (pipeline.isShutdown()) {
        accounting.accepted();
        accounting.dropped(DropReason.SHUTDOWN);
        return false;
      }
      CaptureSlot record =
          new CaptureSlot(captureSupport, DIAGNOSTIC_SCOPE, Context.root(), nowEpochNanos());
      Severity level = severity == null ? Severity.UNDEFINED_SEVERITY_NUMBER : severity;
      record
          .severity(level, severity == null ? null : level.name())
          .body(body)
          .eventName(eventName);
      if (attributes != null) {
        for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
          record.attribute(attribute.getKey(), attribute.getValue());
        }
      }
      accounting.accepted();
      // A fresh capture, not the thread's own: this may run while that one is being filled.
      return pipeline.offerOnce(record);
    } catch (Throwable t) {
      // A hostile map (an iterator that throws, say): counted, never thrown at the caller.
      accounting.dropped(DropReason.CAPTURE_ERROR);
      failures.captureFailed(t);
      return false;
    } finally {
      if (entered) {
        caller.exit();
      }
    }
  }

  /**
   * Whether a record from {@code loggerName}, logged now on this thread, would be blocked as
   * self-originated or recursive. Adapters may use it to skip work; it counts nothing.
   */
  public boolean isBlocked(String loggerName) {
    CallerState caller = CallerState.current();
    return caller.isInside() || originFilter.isSelfOrigin(loggerName, Context.current(), caller);
  }

  /** Uses {@code openTelemetry} from now on; records waiting for an instance start to flow. */
  public void install(OpenTelemetry openTelemetry) {
    pipeline.install(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * Builds the OpenTelemetry SDK from the standard {@code OTEL_*} environment variables and
   * system properties, on the pipeline thread, if no instance was installed and none is set as
   * {@code GlobalOpenTelemetry}. Needs {@code opentelemetry-sdk-extension-autoconfigure}.
   */
  public void enableAutoconfigure() {
    pipeline.requestAutoconfigure(Collections.emptyMap());
  }

  /**
   * As {@link #enableAutoconfigure()}, with {@code properties} ({@code otel.*} keys and their
   * values) in front of the environment variables and system properties that autoconfiguration
   * reads: for a caller that has already resolved them in its own order (a Spring {@code
   * Environment}, where system properties and environment variables beat {@code
   * application.properties}). The map is copied; a later call before the SDK is built replaces
   * it.
   */
  public void enableAutoconfigure(Map<String, String> properties) {
    pipeline.requestAutoconfigure(
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(properties, "properties"))));
  }

  /** Whether an OpenTelemetry instance has been found. */
  public boolean isInstalled() {
    return pipeline.isResolved();
  }

  /** An immutable snapshot of the accounting. */
  public BridgeStats stats() {
    pipeline.countLeftoversAsShutdown();
    return accounting.snapshot(pipeline.capacity(), pipeline.lostAfterEmit());
  }

  /** The number of records in the queue now. */
  public int queueSize() {
    return pipeline.queueSize();
  }

  /**
   * The records the pipeline thread has taken from the queue and is emitting now (while it
   * emits, those it already dropped may be counted twice). With {@link #queueSize()}, what the
   * bridge holds, counted directly: at rest, a check of {@link BridgeStats#pending()} (which is
   * derived from the other counters) that can fail.
   */
  public int inFlight() {
    return pipeline.inFlight();
  }

  /** The queue's capacity (the configured one rounded up to a power of two). */
  public int queueCapacity() {
    return pipeline.capacity();
  }

  /**
   * Waits until every record accepted before this call has been emitted or dropped, then
   * force-flushes the OpenTelemetry SDK's logger provider if there is one. Returns by the
   * deadline even if the exporter hangs.
   *
   * @return true if everything was flushed in time
   */
  public boolean flush(Duration timeout) {
    return pipeline.flush(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Stops accepting records (later ones are counted as {@link DropReason#SHUTDOWN}), emits
   * what is queued until the deadline and counts the rest as {@link DropReason#SHUTDOWN}.
   * Returns by the deadline even if the exporter hangs. Shuts down an SDK the bridge built by
   * autoconfiguration; an installed instance stays the caller's to shut down.
   *
   * @return true if every accepted record was emitted or dropped before the deadline
   */
  public boolean shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    boolean clean = pipeline.shutdown(timeout);
    removeShutdownHook();
    return clean && stats().pending() == 0;
  }

  /** Whether {@link #shutdown} has been called. */
  public boolean isShutdown() {
    return pipeline.isShutdown();
  }

  public BridgeSettings settings() {
    return settings;
  }

  /** Routes status messages to {@code listener} instead of standard error. */
  public void addStatusListener(StatusListener listener) {
    status.addListener(Objects.requireNonNull(listener, "listener"));
  }

  public void removeStatusListener(StatusListener listener) {
    status.removeListener(listener);
  }

  /**
   * Counts a record an adapter leaves to the OpenTelemetry Java agent's own bridge for its
   * framework, which exports it ({@link dev.logbridge.spi.AdapterSupport#start} false):
   * neither accepted nor lost, shown as {@link BridgeStats#handedToAgent()}. Never blocks.
   */
  public void countHandedToAgent() {
    accounting.handedToAgent();
  }

  /** Reports a status message on the bridge's status channel (rate-limited per key). */
  public void reportStatus(Level level, String key, String message) {
    status.report(level, key, message);
  }

  private void runShutdownHook() {
    long deadline = System.nanoTime() + settings.shutdownHookTimeout().toNanos();
    pipeline.flush(settings.shutdownHookTimeout());
    // An SDK logbridge built has no hook of its own: its traces and metrics get their last
    // export here. (Records the pipeline emits after this are counted as sdk_shutdown.)
    long unexported =
        pipeline.shutdownOwnedSdkAtExit(
            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    BridgeStats stats = stats();
    if (unexported > 0) {
      // Emitted, so not in logbridge's own counters, yet the JVM exits before they are sent.
      status.reportAlways(
          Level.WARN,
          "at JVM shutdown: "
              + unexported
              + " record(s) emitted into "
              + "the OpenTelemetry SDK logbridge built were not exported within the shutdown hook's "
              + settings.shutdownHookTimeout().toMillis()
              + " ms (shutdownHookTimeoutMillis) and are "
              + "lost; "
              + stats.summary());
    } else if (stats.droppedAfterAcceptance() > 0
        || stats.pending() > 0
        || stats.lostAfterEmit() > 0
        || stats.dropped(DropReason.RECURSION) > 0
        || stats.dropped(DropReason.CAPTURE_ERROR) > 0) {
      status.reportAlways(Level.WARN, "at JVM shutdown: " + stats.summary());
    } else if (stats.handedToAgent() > 0) {
      // Not a loss: the agent exported them. Said so that a quiet adapter is not a mystery.
      status.reportAlways(
          Level.INFO,
          "at JVM shutdown: "
              + stats.summary()
              + " (handed_to_agent: records the OpenTelemetry Java agent's own bridge exported)");
    }
  }

  private void removeShutdownHook() {
    if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs or has run.
    }
  }

  private static long nowEpochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
