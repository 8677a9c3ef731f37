package dev.logbridge.spi;

import dev.logbridge.CutKind;
import dev.logbridge.internal.CaptureSupport;
import dev.logbridge.internal.ThrowableRenderer;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

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
 * <p>Captures are reused, so that a log call allocates nothing of its own: each logging thread
 * keeps one, fills it, and exchanges it on the queue for a cleared one the pipeline thread is
 * done with (see {@code dev.logbridge.internal.CaptureRing}). A translator must therefore never
 * keep a reference to the capture it was given.
 *
 * <p>Thread-safety: not thread-safe. Filled by one thread; after the bridge queues it, it is only
 * touched by the pipeline thread (the queue's release/acquire ordering publishes it), which
 * clears it before it goes back to a logging thread.
 *
 * @since 0.1
 */
public final class RecordCapture {
  /** The attribute key whose value becomes the record's event name instead of an attribute. */
  public static final String EVENT_NAME_KEY = "otel.event.name";
  /** The scope name used for the root logger, whose name is empty. */
  public static final String ROOT_SCOPE = "ROOT";

  // Field order is deliberate. A capture changes cores twice per record (filled on a logging
  // thread, read and cleared on the pipeline thread), and each of its cache lines that either
  // side writes is one more line to fetch from the other core (HandOffBenchmark: that transfer,
  // not the filling, is what a record costs its caller). The JVM puts primitive fields first
  // and references after them in declaration order, so the references every record writes come
  // first and the ones few records use come last, and clear() writes only fields that were set:
  // in most alignments an ordinary record then writes two of the object's three lines, not three.

  // Written for every record.
  private long observedEpochNanos;
  private long timestampEpochNanos;
  private long threadId = -1;
  // The arguments of a deferred body: up to four in fields, more in a copied array. Fields,
  // because this capture is long-lived: copying references into an old array goes through the
  // collector's out-of-line array barrier, which cost more than the rest of the capture.
  private int bodyArgCount;
  private String scopeName;
  private Context context;
  private Severity severity = Severity.UNDEFINED_SEVERITY_NUMBER;
  private String severityText;
  // The body, or its pattern while bodyFormatter is set (formatting deferred to the pipeline).
  private String body;
  private Object bodyArg0;
  private Object bodyArg1;
  private BodyFormatter bodyFormatter;
  private String threadName;

  // Written for some records only (or, for support and mapCopier, never after they are set).
  private final CaptureSupport support;
  private Object bodyArg2;
  private Object bodyArg3;
  private Object[] bodyArgs;
  private String eventName;
  // Allocated only for records that carry an exception.
  private CapturedException exception;
  // Keys at even indexes, coerced values at odd ones: one array, sized by attributeHint.
  private Object[] attributes;
  private int attributeCount;
  private boolean forwarded;
  // Made on first use of attributes(Map, KeyFilter) and kept with the capture; only read after
  // that, so it adds no cache line that changes hands with the capture.
  private MapCopier mapCopier;
  // The filter of the attributes(Map, KeyFilter) call in progress.
  private KeyFilter mapFilter;
  // Whether the map being copied is a snapshot copied on the pipeline thread, where a value's
  // toString() must not run (see attributesFromSnapshot).
  private boolean copyingSnapshot;
  // A snapshot map kept by reference (attributesFromSnapshot) until the pipeline thread copies
  // its entries in at position snapshotAt, ahead of the attributes added after it; with its
  // filter, and whether the event name was set after it (a later setting wins, as in order).
  private Map<String, ?> snapshot;
  private KeyFilter snapshotFilter;
  private int snapshotAt;
  private boolean eventNameSetAfterSnapshot;

  /**
   * Creates a capture; only the bridge calls this.
   *
   * @param observedEpochNanos when the record was observed, or 0 to let the bridge read the
   *     clock after the translator ran (unless the translator called {@link #observedAt})
   */
  public RecordCapture(
      CaptureSupport support, String loggerName, Context context, long observedEpochNanos) {
    this(support);
    begin(loggerName, context, observedEpochNanos);
  }

  /** Creates an empty capture for the bridge that owns {@code support}; only the bridge calls this. */
  public RecordCapture(CaptureSupport support) {
    this.support = support;
  }

  /**
   * Starts a record in this cleared capture; only the bridge calls this. Parameters as for
   * {@link #RecordCapture(CaptureSupport, String, Context, long)}.
   */
  public RecordCapture begin(String loggerName, Context context, long observedEpochNanos) {
    this.scopeName = loggerName == null || loggerName.isEmpty() ? ROOT_SCOPE : loggerName;
    this.context = context;
    this.observedEpochNanos = observedEpochNanos;
    return this;
  }

  /** Whether this capture was made for the bridge that owns {@code support}. */
  public boolean belongsTo(CaptureSupport support) {
    return this.support == support;
  }

  /**
   * Forgets the record, keeping the storage (attribute and argument arrays) for the next one, and
   * drops every reference to what was captured, so an idle capture holds nothing alive. Only the
   * bridge calls this: the pipeline thread after emitting, a logging thread after a drop.
   */
  public void clear() {
    // Every record sets these.
    scopeName = null;
    observedEpochNanos = 0;
    context = null;
    timestampEpochNanos = 0;
    severity = Severity.UNDEFINED_SEVERITY_NUMBER;
    severityText = null;
    body = null;
    bodyFormatter = null;
    threadName = null;
    threadId = -1;
    clearBodyArgs();
    // Few records set these: written only if set, so that their cache line stays clean (see the
    // field order).
    if (eventName != null) {
      eventName = null;
    }
    if (exception != null) {
      exception = null;
    }
    // A fresh array per record rather than a reused one: the capture travels between threads,
    // and writing into an array the pipeline thread touched last costs the caller a cache miss
    // per line (measured: 2 logging threads with MDC capture were 35% slower with reuse).
    if (attributes != null || attributeCount != 0) {
      attributes = null;
      attributeCount = 0;
    }
    if (forwarded) {
      forwarded = false;
    }
    if (snapshot != null) { // a snapshot nobody read; one that was read left nothing behind
      snapshot = null;
      snapshotFilter = null;
      snapshotAt = 0;
      eventNameSetAfterSnapshot = false;
    }
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
   * Sets the observed time: when logbridge captured the record. Adapters normally leave it and
   * the bridge reads the clock once after the translator ran. Never pass the record's own
   * timestamp: a record that carries an older time (set by the application, replayed, relayed)
   * would then be exported as observed in the past. For an adapter that already holds a clock
   * reading taken on this call, for logbridge, and for tests.
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
    keepArguments(args); // copied: the caller may reuse its array after the call returns
    this.bodyFormatter = formatter;
    return this;
  }

  @SuppressWarnings("fallthrough") // each case copies one argument and falls into the next
  private void keepArguments(Object[] args) {
    bodyArgCount = args.length;
    switch (args.length) {
      case 4:
        bodyArg3 = args[3];
        // fall through
      case 3:
        bodyArg2 = args[2];
        // fall through
      case 2:
        bodyArg1 = args[1];
        // fall through
      case 1:
        bodyArg0 = args[0];
        break;
      default:
        bodyArgs = args.clone();
    }
  }

  /** The kept arguments as the array the formatter expects (pipeline thread). */
  @SuppressWarnings("fallthrough") // each case copies one argument and falls into the next
  private Object[] keptArguments() {
    if (bodyArgs != null) {
      return bodyArgs;
    }
    Object[] args = new Object[bodyArgCount];
    switch (bodyArgCount) {
      case 4:
        args[3] = bodyArg3;
        // fall through
      case 3:
        args[2] = bodyArg2;
        // fall through
      case 2:
        args[1] = bodyArg1;
        // fall through
      default:
        args[0] = bodyArg0;
    }
    return args;
  }

  private void clearBodyArgs() {
    bodyArgCount = 0;
    bodyArg0 = null;
    bodyArg1 = null;
    if (bodyArg2 != null || bodyArg3 != null || bodyArgs != null) { // see the field order
      bodyArg2 = null;
      bodyArg3 = null;
      bodyArgs = null;
    }
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
    setEventName(name);
    return this;
  }

  private void setEventName(String name) {
    eventName = name;
    if (snapshot != null) {
      eventNameSetAfterSnapshot = true;
    }
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
      setEventName(support.coercer().safeToString(value));
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
      setEventName(value);
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
   * Adds each entry of {@code values} whose key is non-null and accepted by {@code filter}, as
   * {@link #attribute(String, String)} (for string values) or {@link #attribute(String, Object)}
   * would, in the map's iteration order. Allocates nothing per call: the map is walked with its
   * own {@code forEach} and a visitor this capture keeps, so neither an iterator nor a capturing
   * lambda lands on the caller's heap.
   */
  public RecordCapture attributes(Map<String, ?> values, KeyFilter filter) {
    if (values == null || values.isEmpty()) {
      return this;
    }
    attributeHint(values.size());
    MapCopier copier = mapCopier;
    if (copier == null) {
      copier = new MapCopier(this);
      mapCopier = copier;
    }
    mapFilter = filter;
    try {
      values.forEach(copier);
    } finally {
      mapFilter = null;
    }
    return this;
  }

  /**
   * Adds the entries of {@code immutableSnapshot} as {@link #attributes(Map, KeyFilter)} would
   * at this point, but copies them later, on the pipeline thread: the caller only keeps the
   * reference. For maps that nobody can change once made, such as the read-only MDC snapshot
   * Logback hands every event of a thread until its MDC next changes; the caller saves the walk,
   * the filtering and the attribute storage. The entries still come before the attributes added
   * after this call, the count limit applies to all of them together, and an event name set
   * after this call still wins over one in the map. Because the pipeline thread runs no user
   * code, a value that is neither a string nor an inert JDK value (see {@link #isInert}) becomes
   * a placeholder naming its class. One snapshot per record; a second map is copied now.
   */
  public RecordCapture attributesFromSnapshot(Map<String, ?> immutableSnapshot,
      KeyFilter filter) {
    if (immutableSnapshot == null || immutableSnapshot.isEmpty()) {
      return this;
    }
    if (snapshot != null) {
      return attributes(immutableSnapshot, filter);
    }
    snapshot = immutableSnapshot;
    snapshotFilter = filter;
    snapshotAt = attributeCount;
    return this;
  }

  /**
   * Copies a pending snapshot's entries into the attributes, in place (pipeline thread, from
   * {@link #complete()}).
   */
  private void copyPendingSnapshot() {
    Map<String, ?> map = snapshot;
    int at = snapshotAt;
    Object[] added = attributes;
    int addedCount = attributeCount;
    KeyFilter filter = snapshotFilter;
    String laterEventName = eventName;
    boolean keepLaterEventName = eventNameSetAfterSnapshot;
    snapshot = null;
    snapshotFilter = null;
    snapshotAt = 0;
    eventNameSetAfterSnapshot = false;
    attributes = null;
    attributeCount = 0;
    // Rebuilt in the order of the calls: what came before the snapshot, its entries, the rest.
    attributeHint(addedCount + map.size());
    for (int i = 0; i < at; i++) {
      store((String) added[2 * i], added[2 * i + 1]);
    }
    copyingSnapshot = true;
    try {
      attributes(map, filter);
    } finally {
      copyingSnapshot = false;
    }
    for (int i = at; i < addedCount; i++) {
      if (hasRoomForAttribute()) {
        store((String) added[2 * i], added[2 * i + 1]);
      }
    }
    if (keepLaterEventName) {
      eventName = laterEventName;
    }
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

  /**
   * Does the work deferred to the pipeline thread, in one step, so that the read side below is
   * plain field reads: formats a deferred body (containing any failure) and applies the body
   * limit, copies a pending snapshot's entries into the attributes (which settles the event
   * name), and renders a captured exception's stack trace, counting a cut. Only the bridge calls
   * this: the pipeline thread, once per record it emits, before it reads the record. Runs no user
   * code (see {@link #deferredBody} and {@link #attributesFromSnapshot}).
   */
  public void complete() {
    if (bodyFormatter != null) {
      formatDeferredBody();
    }
    if (snapshot != null) {
      copyPendingSnapshot();
    }
    if (exception != null && exception.snapshot != null) {
      renderStackTrace();
    }
  }

  private void formatDeferredBody() {
    String formatted;
    try {
      formatted = bodyFormatter.format(body, keptArguments());
    } catch (Throwable t) {
      formatted = body + " <formatting failed: " + t + ">";
    }
    bodyFormatter = null;
    clearBodyArgs();
    body(formatted);
  }

  private void renderStackTrace() {
    ThrowableRenderer.Rendered trace =
        ThrowableRenderer.render(exception.snapshot, support.maxStackTraceLength());
    if (trace.truncated()) {
      support.accounting().cut(CutKind.STACKTRACE_LENGTH);
    }
    exception.stackTrace = trace.text();
    exception.snapshot = null;
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
   * The body, formatted (see {@link #complete()}).
   */
  public String body() {
    return body;
  }

  /** The event name, a pending snapshot's included (see {@link #complete()}). */
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

  /** The stack trace, rendered (see {@link #complete()}). */
  public String exceptionStackTrace() {
    return exception == null ? null : exception.stackTrace;
  }

  /** The number of attributes, a pending snapshot's included (see {@link #complete()}). */
  public int attributeCount() {
    return attributeCount;
  }

  /** The key of attribute {@code i}, in the order added; call {@link #attributeCount} first. */
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

  /** Walks a map into a capture's attributes; see {@link #attributes(Map, KeyFilter)}. */
  private static final class MapCopier implements BiConsumer<String, Object> {
    private final RecordCapture capture;

    MapCopier(RecordCapture capture) {
      this.capture = capture;
    }

    @Override
    public void accept(String key, Object value) {
      if (key == null || !capture.mapFilter.test(key)) {
        return;
      }
      if (value instanceof String || value == null) {
        capture.attribute(key, (String) value);
      } else if (!capture.copyingSnapshot
          || isInert(value, Integer.MAX_VALUE)) { // strings took the branch above
        capture.attribute(key, value);
      } else {
        // Only heap pollution puts a non-string into an MDC snapshot; its toString() is user
        // code, which the pipeline thread never runs.
        capture.attribute(key, "<" + value.getClass().getName() + ">");
      }
    }
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
