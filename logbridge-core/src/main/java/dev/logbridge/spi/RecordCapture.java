package dev.logbridge.spi;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * One log record as an adapter fills it on the caller's thread, through a {@link
 * RecordTranslator}: the write side only. The bridge then queues the record, and its pipeline
 * thread turns it into an OpenTelemetry log record.
 *
 * <p>Everything user-supplied is made immutable while it is filled: attribute values are coerced
 * ({@code toString()} runs here, guarded), the throwable is copied, strings are cut to the limits.
 * The pipeline thread therefore never runs user code and never sees mutable state, and the memory
 * a queued record holds is bounded by the limits.
 *
 * <p>Captures are reused, so that a log call allocates nothing of its own: a translator must never
 * keep a reference to the capture it was given. Only the bridge implements this interface.
 *
 * <p>Thread-safety: not thread-safe. Filled by the one thread the bridge hands it to, for the
 * duration of {@link RecordTranslator#translate}.
 *
 * @since 0.1
 */
public interface RecordCapture {
  /** The attribute key whose value becomes the record's event name instead of an attribute. */
  String EVENT_NAME_KEY = "otel.event.name";

  /** The scope name used for the root logger, whose name is empty. */
  String ROOT_SCOPE = "ROOT";

  /** Sets the record's own time, in nanoseconds since the epoch. */
  RecordCapture timestamp(long epochNanos);

  /** Sets the record's own time from seconds and a nanosecond adjustment, as {@code Instant}. */
  RecordCapture timestamp(long epochSecond, int nanoAdjustment);

  /**
   * Sets the observed time: when logbridge captured the record. Adapters normally leave it and
   * the bridge reads the clock once after the translator ran. Never pass the record's own
   * timestamp: a record that carries an older time (set by the application, replayed, relayed)
   * would then be exported as observed in the past. For an adapter that already holds a clock
   * reading taken on this call, for logbridge, and for tests.
   */
  RecordCapture observedAt(long epochNanos);

  /** Sets the OpenTelemetry severity and the framework's own level name. */
  RecordCapture severity(Severity severity, String text);

  /** Sets the body, the formatted message; cut to the body limit. */
  RecordCapture body(String message);

  /**
   * Defers formatting the body to the pipeline thread: keeps {@code pattern} and a copy of
   * {@code args}, and {@code formatter} runs when the record is emitted. Only when {@link
   * #canDefer(Object[])} is true for {@code args}; otherwise this formats now, on the caller's
   * thread. Saves the caller the formatting work and the garbage of the formatted string.
   */
  RecordCapture deferredBody(String pattern, Object[] args, BodyFormatter formatter);

  /**
   * Whether every argument is inert — its string form is fixed by the JDK and it cannot change
   * after the call — so formatting may happen later, on another thread, without running user
   * code: null, {@link String} (no longer than the body limit), the boxed primitives, {@link
   * Character}, {@link java.util.UUID} and the {@code java.time} values.
   */
  boolean canDefer(Object[] args);

  /**
   * Replaces the OpenTelemetry context captured when the record entered the bridge. Only for
   * adapters whose framework hands events to another thread and carries the caller's context.
   */
  RecordCapture context(Context callerContext);

  /** Sets the name and id of the thread that logged the record ({@code id < 0}: unknown). */
  RecordCapture thread(String name, long id);

  /**
   * Captures {@code throwable} for the {@code exception.*} values: type and message now, and a
   * copy of its frames; the stack trace text is built later, on the pipeline thread.
   */
  RecordCapture exception(Throwable throwable);

  /** Sets pre-rendered {@code exception.*} values, for frameworks that keep a copy of the trace. */
  RecordCapture exception(String type, String message, String stackTrace);

  /**
   * Marks this capture as a forwarded copy of a record another adapter already captured (see
   * {@link HandOff}): the bridge counts it as {@code forwarded} instead of queueing it.
   */
  RecordCapture forwarded();

  /** Sets the event name ({@code otel.event.name}). */
  RecordCapture eventName(String name);

  /**
   * Adds an attribute whose value is coerced now (see {@code dev.logbridge.ValueCoercer});
   * the key {@value #EVENT_NAME_KEY} sets the event name instead. Attributes beyond the count
   * limit are left out and counted. Null keys are ignored.
   */
  RecordCapture attribute(String key, Object value);

  /** Adds a string attribute (cut to the value limit); {@value #EVENT_NAME_KEY} as above. */
  RecordCapture attribute(String key, String value);

  /** Adds a long attribute. */
  RecordCapture attribute(String key, long value);

  /**
   * Adds each entry of {@code values} whose key is non-null and accepted by {@code filter}, as
   * {@link #attribute(String, String)} (for string values) or {@link #attribute(String, Object)}
   * would, in the map's iteration order. Allocates nothing per call: the map is walked with its
   * own {@code forEach} and a visitor the capture keeps, so neither an iterator nor a capturing
   * lambda lands on the caller's heap.
   */
  RecordCapture attributes(Map<String, ?> values, KeyFilter filter);

  /**
   * Adds the entries of {@code immutableSnapshot} as {@link #attributes(Map, KeyFilter)} would
   * at this point, but copies them later, on the pipeline thread: the caller only keeps the
   * reference. For maps that nobody can change once made, such as the read-only MDC snapshot
   * Logback hands every event of a thread until its MDC next changes; the caller saves the walk,
   * the filtering and the attribute storage. The entries still come before the attributes added
   * after this call, the count limit applies to all of them together, and an event name set
   * after this call still wins over one in the map. Because the pipeline thread runs no user
   * code, a value that is neither a string nor an inert JDK value (see {@link #canDefer}) becomes
   * a placeholder naming its class. One snapshot per record; a second map is copied now.
   */
  RecordCapture attributesFromSnapshot(Map<String, ?> immutableSnapshot, KeyFilter filter);

  /**
   * Tells how many attributes are about to be added (the size of an MDC map, say), so the
   * attribute storage is allocated once at the right size. Optional.
   */
  RecordCapture attributeHint(int expected);
}
