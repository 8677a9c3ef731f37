package dev.logbridge.spi;

import dev.logbridge.CutKind;
import dev.logbridge.internal.Accounting;
import dev.logbridge.internal.ThrowableRenderer;
import dev.logbridge.internal.ValueCoercer;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;

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

  private final ValueCoercer coercer;
  private final Accounting accounting;
  private final int maxAttributes;
  private final int maxBodyLength;
  private final int maxStackTraceLength;

  private final String scopeName;
  private final long observedEpochNanos;
  private Context context;
  private long timestampEpochNanos;
  private Severity severity = Severity.UNDEFINED_SEVERITY_NUMBER;
  private String severityText;
  private String body;
  private String eventName;
  private String threadName;
  private long threadId = -1;
  private String exceptionType;
  private String exceptionMessage;
  private String exceptionStackTrace;
  private String[] attributeKeys;
  private Object[] attributeValues;
  private int attributeCount;
  private boolean forwarded;

  /**
   * Creates a capture; only the bridge calls this.
   *
   * @param limits the bridge's limit settings as used by its coercer
   */
  public RecordCapture(
      ValueCoercer coercer,
      Accounting accounting,
      CaptureLimits limits,
      String loggerName,
      Context context,
      long observedEpochNanos) {
    this.coercer = coercer;
    this.accounting = accounting;
    this.maxAttributes = limits.maxAttributes();
    this.maxBodyLength = limits.maxBodyLength();
    this.maxStackTraceLength = limits.maxStackTraceLength();
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

  /** Sets the OpenTelemetry severity and the framework's own level name. */
  public RecordCapture severity(Severity severity, String text) {
    this.severity = severity == null ? Severity.UNDEFINED_SEVERITY_NUMBER : severity;
    this.severityText = text;
    return this;
  }

  /** Sets the body, the formatted message; cut to the body limit. */
  public RecordCapture body(String message) {
    this.body = message == null ? null : coercer.truncate(message, maxBodyLength,
        CutKind.BODY_LENGTH);
    return this;
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

  /** Renders {@code throwable} into the {@code exception.*} values, now, bounded. */
  public RecordCapture exception(Throwable throwable) {
    if (throwable == null) {
      return this;
    }
    exceptionType = ThrowableRenderer.type(throwable);
    exceptionMessage = ThrowableRenderer.message(throwable);
    ThrowableRenderer.Rendered trace =
        ThrowableRenderer.stackTrace(throwable, maxStackTraceLength);
    if (trace.truncated()) {
      accounting.cut(CutKind.STACKTRACE_LENGTH);
    }
    exceptionStackTrace = trace.text();
    return this;
  }

  /** Sets pre-rendered {@code exception.*} values, for frameworks that keep a copy of the trace. */
  public RecordCapture exception(String type, String message, String stackTrace) {
    exceptionType = type;
    exceptionMessage = message;
    exceptionStackTrace = stackTrace == null ? null
        : coercer.truncate(stackTrace, maxStackTraceLength, CutKind.STACKTRACE_LENGTH);
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
   * Adds an attribute whose value is coerced now (see {@link ValueCoercer}); the key {@value
   * #EVENT_NAME_KEY} sets the event name instead. Attributes beyond the count limit are left out
   * and counted. Null keys are ignored.
   */
  public RecordCapture attribute(String key, Object value) {
    if (key == null) {
      return this;
    }
    if (EVENT_NAME_KEY.equals(key)) {
      eventName = coercer.safeToString(value);
      return this;
    }
    if (!hasRoomForAttribute()) {
      return this;
    }
    store(key, coercer.coerce(value));
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
    store(key, value == null ? "null" : coercer.truncate(value));
    return this;
  }

  /** Adds a long attribute. */
  public RecordCapture attribute(String key, long value) {
    if (key != null && hasRoomForAttribute()) {
      store(key, value);
    }
    return this;
  }

  private boolean hasRoomForAttribute() {
    if (attributeCount < maxAttributes) {
      return true;
    }
    accounting.cut(CutKind.ATTRIBUTE_COUNT);
    return false;
  }

  private void store(String key, Object value) {
    if (attributeKeys == null) {
      attributeKeys = new String[Math.min(8, maxAttributes)];
      attributeValues = new Object[attributeKeys.length];
    } else if (attributeCount == attributeKeys.length) {
      int grown = Math.min(maxAttributes, attributeCount * 2);
      attributeKeys = java.util.Arrays.copyOf(attributeKeys, grown);
      attributeValues = java.util.Arrays.copyOf(attributeValues, grown);
    }
    attributeKeys[attributeCount] = key;
    attributeValues[attributeCount] = value;
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

  public String body() {
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
    return exceptionType;
  }

  public String exceptionMessage() {
    return exceptionMessage;
  }

  public String exceptionStackTrace() {
    return exceptionStackTrace;
  }

  public int attributeCount() {
    return attributeCount;
  }

  /** The key of attribute {@code i}, in the order added. */
  public String attributeKey(int i) {
    return attributeKeys[i];
  }

  /**
   * The coerced value of attribute {@code i}: a String, Long, Double, Boolean or an unmodifiable
   * List of one of those.
   */
  public Object attributeValue(int i) {
    return attributeValues[i];
  }
}
