package dev.logbridge.spi;

import dev.logbridge.CutKind;
import dev.logbridge.internal.CaptureSupport;
import dev.logbridge.internal.ThrowableRenderer;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.Arrays;

/**
 * One log record as captured on the caller's thread: the adapter fills it through a {@link
 * RecordTranslator}, the bridge queues it, and the pipeline thread turns it into an OpenTelemetry
 * log record.
 *
 * <p>Everything user-supplied is made immutable while it is filled: attribute values are coerced
 * ({@code toString()} runs here, guarded), the throwable is rendered, strings are cut to the
 * limits. The pipeline thread therefore never runs user code and never sees mutable state, and the
 * memory a queued record holds is bounded by the limits.
 *
 * <p>Thread-safety: not thread-safe. Filled by one thread; after the bridge queues it, it is only
 * read, by the pipeline thread (the queue's release/acquire ordering publishes it).
 *
 * @since 0.1
 */
public final class RecordCapture {
  /** The attribute key whose value becomes the record's event name instead of an attribute. */
  public static final String EVENT_NAME_KEY = "otel.event.name";
  /** The scope name used for the root logger, whose name is empty. */
  public static final String ROOT_SCOPE = "ROOT";

  private final CaptureSupport support;
  private final String scopeName;
  private long observedEpochNanos;
  private Context context;
  private long timestampEpochNanos;
  private Severity severity = Severity.UNDEFINED_SEVERITY_NUMBER;
  private String severityText;
  // The body, or its pattern while bodyFormatter is set (formatting deferred to the pipeline).
  private String body;
  private Object[] bodyArgs;
  private BodyFormatter bodyFormatter;
  private String eventName;
  private String threadName;
  private long threadId = -1;
  // Allocated only for records that carry an exception.
  private CapturedException exception;
  // Keys at even indexes, coerced values at odd ones: one array, sized by attributeHint.
  private Object[] attributes;
  private int attributeCount;
  private boolean forwarded;

  /**
   * Creates a capture; only the bridge calls this.
   *
   * @param observedEpochNanos when the record was observed, or 0 to let the bridge read the
   *     clock after the translator ran (unless the translator called {@link #observedAt})
   */
  public RecordCapture(
      CaptureSupport support, String loggerName, Context context, long observedEpochNanos) {
    this.support = support;
    this.scopeName = loggerName == null || loggerName.isEmpty() ? ROOT_SCOPE : loggerName;
    this.context = context;
    this.observedEpochNanos = observedEpochNanos;
  }

  /** Sets the record's own time, in nanoseconds since the epoch. */
  public RecordCapture timestamp(long epochNanos) {
    this.timestampEpochNanos = epochNanos;
    return this;
  }

  /** Sets the record's own time from seconds and a nanosecond adjustment, as {@code Instant}. */
  public RecordCapture timestamp(long epochSecond, int nanoAdjustment) {
    this.timestampEpochNanos = epochSecond * 1_000_000_000L + nanoAdjustment;
    return this;
  }

  /**
   * Sets the observed time. An adapter running on the logging thread passes the framework's own
   * timestamp, taken microseconds earlier on the same call: reading the clock again would cost a
   * clock read per call (about 70–100 ns on a virtual machine) and tell nothing new. Adapters
   * that run later (behind an async appender) leave it, and the bridge reads the clock.
   */
  public RecordCapture observedAt(long epochNanos) {
    this.observedEpochNanos = epochNanos;
    return this;
  }

  /** Sets the OpenTelemetry severity and the framework's own level name. */
  public RecordCapture severity(Severity severity, String text) {
    this.severity = severity == null ? Severity.UNDEFINED_SEVERITY_NUMBER : severity;
    this.severityText = text;
    return this;
  }

  /** Sets the body, the formatted message; cut to the body limit. */
  public RecordCapture body(String message) {
    this.body = message == null ? null
        : support.coercer().truncate(message, support.maxBodyLength(), CutKind.BODY_LENGTH);
    return this;
  }

  /**
   * Defers formatting the body to the pipeline thread: keeps {@code pattern} and a copy of
   * {@code args}, and {@code formatter} runs when the record is emitted. Only when {@link
   * #canDefer(Object[])} is true for {@code args}; otherwise this formats now, on the caller's
   * thread. Saves the caller the formatting work and the garbage of the formatted string.
   */
  public RecordCapture deferredBody(String pattern, Object[] args, BodyFormatter formatter) {
    if (pattern == null || args == null || args.length == 0) {
      return body(pattern);
    }
    if (!canDefer(args)) {
      return body(formatter.format(pattern, args));
    }
    this.body = pattern;
    this.bodyArgs = args.clone(); // the caller may reuse its array after the call returns
    this.bodyFormatter = formatter;
    return this;
  }

  /**
   * Whether every argument is inert — its string form is fixed by the JDK and it cannot change
   * after the call — so formatting may happen later, on another thread, without running user
   * code: null, {@link String} (no longer than the body limit), the boxed primitives, {@link
   * Character}, {@link java.util.UUID} and the {@code java.time} values.
   */
  public boolean canDefer(Object[] args) {
    for (Object arg : args) {
      if (!isInert(arg, support.maxBodyLength())) {
        return false;
      }
    }
    return true;
  }

  /** See {@link #canDefer(Object[])}. */
  public static boolean isInert(Object value, int maxStringLength) {
    if (value == null) {
      return true;
    }
    if (value instanceof String) {
      return ((String) value).length() <= maxStringLength;
    }
    Class<?> type = value.getClass();
    return type == Integer.class || type == Long.class || type == Boolean.class
        || type == Double.class || type == Float.class || type == Short.class
        || type == Byte.class || type == Character.class || type == java.util.UUID.class
        || type.getName().startsWith("java.time.");
  }

  /**
   * Replaces the OpenTelemetry context captured when the record entered the bridge. Only for
   * adapters whose framework hands events to another thread and carries the caller's context.
   */
  public RecordCapture context(Context callerContext) {
    if (callerContext != null) {
      this.context = callerContext;
    }
    return this;
  }

  /** Sets the name and id of the thread that logged the record ({@code id < 0}: unknown). */
  public RecordCapture thread(String name, long id) {
    this.threadName = name;
    this.threadId = id;
    return this;
  }

  /**
   * Captures {@code throwable} for the {@code exception.*} values: type and message now, and a
   * copy of its frames; the stack trace text is built later, on the pipeline thread.
   */
  public RecordCapture exception(Throwable throwable) {
    if (throwable == null) {
      return this;
    }
    exception = new CapturedException(ThrowableRenderer.type(throwable),
        ThrowableRenderer.message(throwable),
        ThrowableRenderer.snapshot(throwable,
            ThrowableRenderer.framesFor(support.maxStackTraceLength())));
    return this;
  }

  /** Sets pre-rendered {@code exception.*} values, for frameworks that keep a copy of the trace. */
  public RecordCapture exception(String type, String message, String stackTrace) {
    exception = new CapturedException(type, message, stackTrace == null ? null
        : support.coercer().truncate(stackTrace, support.maxStackTraceLength(),
            CutKind.STACKTRACE_LENGTH));
    return this;
  }

  /**
   * Marks this capture as a forwarded copy of a record another adapter already captured (see
   * {@link HandOff}): the bridge counts it as {@code forwarded} instead of queueing it.
   */
  public RecordCapture forwarded() {
    this.forwarded = true;
    return this;
  }

  /** Whether the translator marked this capture as a forwarded copy. */
  public boolean isForwarded() {
    return forwarded;
  }

  /** Sets the event name ({@code otel.event.name}). */
  public RecordCapture eventName(String name) {
    this.eventName = name;
    return this;
  }

  /**
   * Adds an attribute whose value is coerced now (see {@code dev.logbridge.internal.ValueCoercer}); the key {@value
   * #EVENT_NAME_KEY} sets the event name instead. Attributes beyond the count limit are left out
   * and counted. Null keys are ignored.
   */
  public RecordCapture attribute(String key, Object value) {
    if (key == null) {
      return this;
    }
    if (EVENT_NAME_KEY.equals(key)) {
      eventName = support.coercer().safeToString(value);
      return this;
    }
    if (!hasRoomForAttribute()) {
      return this;
    }
    store(key, support.coercer().coerce(value));
    return this;
  }

  /** Adds a string attribute (cut to the value limit); {@value #EVENT_NAME_KEY} as above. */
  public RecordCapture attribute(String key, String value) {
    if (key == null) {
      return this;
    }
    if (EVENT_NAME_KEY.equals(key)) {
      eventName = value;
      return this;
    }
    if (!hasRoomForAttribute()) {
      return this;
    }
    store(key, value == null ? "null" : support.coercer().truncate(value));
    return this;
  }

  /** Adds a long attribute. */
  public RecordCapture attribute(String key, long value) {
    if (key != null && hasRoomForAttribute()) {
      store(key, value);
    }
    return this;
  }

  /**
   * Tells how many attributes are about to be added (the size of an MDC map, say), so the
   * attribute storage is allocated once at the right size. Optional.
   */
  public RecordCapture attributeHint(int expected) {
    if (attributes == null && expected > 0) {
      attributes = new Object[2 * Math.min(expected, support.maxAttributes())];
    }
    return this;
  }

  private boolean hasRoomForAttribute() {
    if (attributeCount < support.maxAttributes()) {
      return true;
    }
    support.accounting().cut(CutKind.ATTRIBUTE_COUNT);
    return false;
  }

  private void store(String key, Object value) {
    int slot = 2 * attributeCount;
    if (attributes == null) {
      attributes = new Object[2 * Math.min(4, support.maxAttributes())];
    } else if (slot == attributes.length) {
      int grown = Math.min(support.maxAttributes(), Math.max(4, attributeCount * 2));
      attributes = Arrays.copyOf(attributes, 2 * grown);
    }
    attributes[slot] = key;
    attributes[slot + 1] = value;
    attributeCount++;
  }

  // Read side, used by the pipeline thread.

  public String scopeName() {
    return scopeName;
  }

  public long observedEpochNanos() {
    return observedEpochNanos;
  }

  public long timestampEpochNanos() {
    return timestampEpochNanos;
  }

  public Context context() {
    return context;
  }

  public Severity severity() {
    return severity;
  }

  public String severityText() {
    return severityText;
  }

  /**
   * The body. For a deferred body, formats it on first call (the pipeline thread), containing
   * any failure, and applies the body limit.
   */
  public String body() {
    if (bodyFormatter != null) {
      String formatted;
      try {
        formatted = bodyFormatter.format(body, bodyArgs);
      } catch (Throwable t) {
        formatted = body + " <formatting failed: " + t + ">";
      }
      bodyFormatter = null;
      bodyArgs = null;
      body(formatted);
    }
    return body;
  }

  public String eventName() {
    return eventName;
  }

  public String threadName() {
    return threadName;
  }

  public long threadId() {
    return threadId;
  }

  public String exceptionType() {
    return exception == null ? null : exception.type;
  }

  public String exceptionMessage() {
    return exception == null ? null : exception.message;
  }

  /** The stack trace; built from the captured frames on first call (the pipeline thread). */
  public String exceptionStackTrace() {
    if (exception == null) {
      return null;
    }
    if (exception.stackTrace == null && exception.snapshot != null) {
      ThrowableRenderer.Rendered trace =
          ThrowableRenderer.render(exception.snapshot, support.maxStackTraceLength());
      if (trace.truncated()) {
        support.accounting().cut(CutKind.STACKTRACE_LENGTH);
      }
      exception.stackTrace = trace.text();
      exception.snapshot = null;
    }
    return exception.stackTrace;
  }

  public int attributeCount() {
    return attributeCount;
  }

  /** The key of attribute {@code i}, in the order added. */
  public String attributeKey(int i) {
    return (String) attributes[2 * i];
  }

  /**
   * The coerced value of attribute {@code i}: a String, Long, Double, Boolean or an unmodifiable
   * List of one of those.
   */
  public Object attributeValue(int i) {
    return attributes[2 * i + 1];
  }

  /** The {@code exception.*} values of a record: the trace as text, or frames to render. */
  private static final class CapturedException {
    final String type;
    final String message;
    // Exactly one of the two is set until the pipeline thread renders the snapshot.
    String stackTrace;
    ThrowableRenderer.Snapshot snapshot;

    CapturedException(String type, String message, String stackTrace) {
      this.type = type;
      this.message = message;
      this.stackTrace = stackTrace;
    }

    CapturedException(String type, String message, ThrowableRenderer.Snapshot snapshot) {
      this.type = type;
      this.message = message;
      this.snapshot = snapshot;
    }
  }
}
