package dev.logbridge;

import dev.logbridge.spi.BodyFormatter;
import dev.logbridge.spi.KeyFilter;
import dev.logbridge.spi.RecordCapture;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The bridge's {@link RecordCapture}: one reusable slot that holds a log record from its capture
 * on the caller's thread to its emission on the pipeline thread.
 *
 * <p>Three sides, each used by one party. The write side, the {@link RecordCapture} methods, is
 * what an adapter's translator calls on the logging thread; everything user-supplied is made
 * immutable there (attribute values coerced, with {@code toString()} guarded; the throwable's
 * type, message and frames copied; strings cut to the limits), so the pipeline thread never runs
 * user code and the memory a queued record holds is bounded by the limits. The bridge's side,
 * {@link #begin}, {@link #clear} and {@link #isForwarded}, frames a record. The pipeline's side
 * is {@link #complete()}, the work deferred from the logging thread (formatting a deferred body,
 * copying a snapshot map in, rendering the stack trace), followed by the read accessors, which
 * are plain field reads and are only meaningful once the record is complete.
 *
 * <p>Slots are reused, so that a log call allocates nothing of its own: each logging thread
 * keeps one ({@link CallerState}), fills it, and exchanges it on the queue for a cleared one the
 * pipeline thread is done with (see {@link CaptureRing}); a thread that logs steadily mostly gets
 * its own captures back, through its {@link ReturnedCaptures}.
 *
 * <p>Thread-safety: not thread-safe. Filled by one thread; after the bridge queues it, it is only
 * touched by the pipeline thread (the queue's release/acquire ordering publishes it), which
 * completes, reads and clears it before it goes back to a logging thread.
 */
final class CaptureSlot implements RecordCapture {
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
  // Where the pipeline returns this capture once it is emitted and cleared (null: into the ring).
  // Written by the logging thread that takes the capture, only when it changes, before the
  // capture is queued; read by the pipeline thread after it drained the capture (the ring's
  // release/acquire orders the two).
  private ReturnedCaptures returnTo;

  /**
   * Creates a slot holding a begun record (see {@link #begin}).
   *
   * @param observedEpochNanos when the record was observed, or 0 to let the bridge read the
   *     clock after the translator ran (unless the translator called {@link #observedAt})
   */
  public CaptureSlot(
      CaptureSupport support, String loggerName, Context context, long observedEpochNanos) {
    this(support);
    begin(loggerName, context, observedEpochNanos);
  }

  /** Creates an empty slot for the bridge that owns {@code support}. */
  public CaptureSlot(CaptureSupport support) {
    this.support = support;
  }

  /**
   * Starts a record in this cleared slot; only the bridge calls this. Parameters as for
   * {@link #CaptureSlot(CaptureSupport, String, Context, long)}.
   */
  public CaptureSlot begin(String loggerName, Context context, long observedEpochNanos) {
    this.scopeName = loggerName == null || loggerName.isEmpty() ? ROOT_SCOPE : loggerName;
    this.context = context;
    this.observedEpochNanos = observedEpochNanos;
    return this;
  }

  /**
   * Sets where the pipeline returns this capture after emitting it (null: into the ring). The
   * logging thread that takes the capture, before filling it.
   */
  void returnTo(ReturnedCaptures owner) {
    if (returnTo != owner) {
      returnTo = owner;
    }
  }

  /**
   * Hands this emitted and cleared capture back to the thread that filled it, if that thread
   * has a queue with room; returns false if it stays with the pipeline. Pipeline thread only.
   */
  boolean returnToOwner() {
    ReturnedCaptures owner = returnTo;
    return owner != null && owner.offer(this);
  }

  /** Whether this slot was made for the bridge that owns {@code support}. */
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

  // Write side (RecordCapture), used by an adapter's translator on the logging thread.

  @Override
  public RecordCapture timestamp(long epochNanos) {
    this.timestampEpochNanos = epochNanos;
    return this;
  }

  @Override
  public RecordCapture timestamp(long epochSecond, int nanoAdjustment) {
    this.timestampEpochNanos = epochSecond * 1_000_000_000L + nanoAdjustment;
    return this;
  }

  @Override
  public RecordCapture observedAt(long epochNanos) {
    this.observedEpochNanos = epochNanos;
    return this;
  }

  @Override
  public RecordCapture severity(Severity severity, String text) {
    this.severity = severity == null ? Severity.UNDEFINED_SEVERITY_NUMBER : severity;
    this.severityText = text;
    return this;
  }

  @Override
  public RecordCapture body(String message) {
    this.body =
        message == null
            ? null
            : support.coercer().truncate(message, support.maxBodyLength(), CutKind.BODY_LENGTH);
    return this;
  }

  @Override
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

  @Override
  public boolean canDefer(Object[] args) {
    for (Object arg : args) {
      if (!isInert(arg, support.maxBodyLength())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code value} is inert (see {@link RecordCapture#canDefer}): its string form is
   * fixed by the JDK, so the pipeline thread may render it without running user code.
   */
  static boolean isInert(Object value, int maxStringLength) {
    if (value == null) {
      return true;
    }
    if (value instanceof String) {
      return ((String) value).length() <= maxStringLength;
    }
    Class<?> type = value.getClass();
    return type == Integer.class
        || type == Long.class
        || type == Boolean.class
        || type == Double.class
        || type == Float.class
        || type == Short.class
        || type == Byte.class
        || type == Character.class
        || type == java.util.UUID.class
        || type.getName().startsWith("java.time.");
  }

  @Override
  public RecordCapture context(Context callerContext) {
    if (callerContext != null) {
      this.context = callerContext;
    }
    return this;
  }

  @Override
  public RecordCapture thread(String name, long id) {
    this.threadName = name;
    this.threadId = id;
    return this;
  }

  @Override
  public RecordCapture exception(Throwable throwable) {
    if (throwable == null) {
      return this;
    }
    exception =
        new CapturedException(
            ThrowableRenderer.type(throwable),
            ThrowableRenderer.message(throwable),
            ThrowableRenderer.snapshot(
                throwable, ThrowableRenderer.framesFor(support.maxStackTraceLength())));
    return this;
  }

  @Override
  public RecordCapture exception(String type, String message, String stackTrace) {
    exception =
        new CapturedException(
            type,
            message,
            stackTrace == null
                ? null
                : support
                    .coercer()
                    .truncate(
                        stackTrace, support.maxStackTraceLength(), CutKind.STACKTRACE_LENGTH));
    return this;
  }

  @Override
  public RecordCapture forwarded() {
    this.forwarded = true;
    return this;
  }

  /** Whether the translator marked this capture as a forwarded copy. */
  public boolean isForwarded() {
    return forwarded;
  }

  @Override
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

  @Override
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

  @Override
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

  @Override
  public RecordCapture attribute(String key, long value) {
    if (key != null && hasRoomForAttribute()) {
      store(key, value);
    }
    return this;
  }

  @Override
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

  @Override
  public RecordCapture attributesFromSnapshot(Map<String, ?> immutableSnapshot, KeyFilter filter) {
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

  @Override
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
   * name), and renders a captured exception's stack trace, counting a cut. The pipeline thread
   * calls this once per record it emits ({@link RecordEmitter}), before it reads the record.
   * Runs no user code (see {@link #deferredBody} and {@link #attributesFromSnapshot}).
   */
  void complete() {
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

  // Read side, used by the pipeline thread once the record is complete.

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

  /** The body, formatted (see {@link #complete()}). */
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
    private final CaptureSlot capture;

    MapCopier(CaptureSlot capture) {
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
