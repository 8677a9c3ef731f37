package dev.logbridge.logback;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@link AsyncAppender} that also carries the logging thread's OpenTelemetry trace
 * context and thread id to the appender behind it, so that a {@link LogBridgeAppender} running
 * on the async worker exports each record with the caller's trace id, span id and {@code
 * thread.id}. A drop-in replacement: same settings, same queue, same discarding; only the class
 * name in {@code logback.xml} changes.
 *
 * <pre>{@code
 * <appender name="ASYNC" class="dev.logbridge.logback.LogBridgeAsyncAppender">
 *   <appender-ref ref="OTEL"/>
 * </appender>
 * }</pre>
 *
 * <h2>Why a subclass</h2>
 *
 * A {@code LogBridgeAppender} behind the stock {@code AsyncAppender} runs on the async worker,
 * whose current context is not the caller's. Carrying the caller's context needs code on the
 * logging thread and a place on the event to keep it until the worker takes the event. The stock
 * {@code AsyncAppender} runs only its filters and {@code prepareForDeferredProcessing()} on the
 * logging thread, and a Logback event has no slot that holds extra data without changing what
 * other appenders print: MDC, key-value pairs and markers are all printed ({@code %X}, {@code
 * %kvp}, {@code %marker}, JSON encoders), the MDC map may already be fixed by an earlier
 * appender, and an event-keyed side table would need either a lock or weak references, and would
 * have to forget the events the async queue discards. A filter added to the user's {@code
 * AsyncAppender} at run time would still need such a slot, and would not even run when an
 * earlier filter answers {@code ACCEPT}. So no automatic way is sound; this subclass wraps each
 * event instead (see {@code CallerContextEvent}), and a plain {@link LogBridgeAppender} that
 * meets events from another thread without a carried context says once, on Logback's status
 * manager, to use this class.
 *
 * <p>The carried context is also the one logbridge's origin filter checks: an event logged in a
 * context OpenTelemetry marks as suppressed (an exporter's own I/O) is not bridged, as on the
 * logging thread, and is counted as {@code self_origin}.
 *
 * <h2>What it costs the logging thread</h2>
 *
 * On top of the stock {@code AsyncAppender}: reading the current {@code Context} (a thread-local
 * read), comparing the event's thread name with the current thread's (usually the same string
 * instance), and one small object (the event reference, the context reference and a {@code
 * long}: 32 bytes; measured as the logging thread's allocation per call, 368 bytes behind the
 * stock {@code AsyncAppender}, 400 behind this one) that lives as long as the queued event. No
 * lock and no shared structure of its own; the queue and its lock are Logback's, as before. An
 * event the queue discards (below {@code discardingThreshold}, or {@code neverBlock} with a full
 * queue) takes the wrapper and its context with it: nothing of it stays behind.
 *
 * <h2>What the attached appender sees</h2>
 *
 * An {@code ILoggingEvent} that delegates every method to Logback's event: an appender other
 * than logbridge's behind this one prints exactly what it would behind the stock {@code
 * AsyncAppender}. Code that needs the concrete {@code LoggingEvent} class (rare: casts instead of
 * the interface) does not get it. An event that reaches this appender on another thread than the
 * one that logged it (relayed from a socket receiver, say) is queued as it is: this thread's
 * context is not its caller's.
 *
 * <p>Thread-safety: thread-safe, as {@link AsyncAppender}.
 *
 * @since 0.1
 */
public final class LogBridgeAsyncAppender extends AsyncAppender {
  @Override
  protected void append(ILoggingEvent event) {
    super.append(CallerContextEvent.carry(event));
  }
}
