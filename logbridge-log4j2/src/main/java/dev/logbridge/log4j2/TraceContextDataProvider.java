package dev.logbridge.log4j2;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/**
 * Adds the caller's trace context ({@value #TRACE_ID}, {@value #SPAN_ID}, {@value #TRACE_FLAGS})
 * to each Log4j event's context data, on the thread that logs, so that {@link LogBridgeAppender}
 * can restore the trace correlation when the event reaches it on another thread (async loggers,
 * {@code AsyncAppender}).
 *
 * <p>Why this and not the alternatives: changing the user's {@code ThreadContext} would alter
 * application data; a custom {@code ContextDataInjector} would replace whatever injector the
 * application chose. A {@code ContextDataProvider} is Log4j's additive extension point (found by
 * {@link java.util.ServiceLoader}; this jar registers it): the keys appear in the event's
 * context data only, and only while a valid span is current. Pattern layouts can print them
 * ({@code %X{trace_id}}), the same keys the OpenTelemetry Log4j context-data instrumentation uses.
 *
 * <p>Thread-safety: stateless.
 *
 * @since 0.1
 */
public final class TraceContextDataProvider implements ContextDataProvider {
  /** Context-data key of the lower-case hex trace id. */
  public static final String TRACE_ID = "trace_id";

  /** Context-data key of the lower-case hex span id. */
  public static final String SPAN_ID = "span_id";

  /** Context-data key of the two-digit hex trace flags. */
  public static final String TRACE_FLAGS = "trace_flags";

  @Override
  public Map<String, String> supplyContextData() {
    SpanContext span = Span.fromContext(Context.current()).getSpanContext();
    if (!span.isValid()) {
      return Collections.emptyMap();
    }
    Map<String, String> data = new HashMap<>(4);
    data.put(TRACE_ID, span.getTraceId());
    data.put(SPAN_ID, span.getSpanId());
    data.put(TRACE_FLAGS, span.getTraceFlags().asHex());
    return data;
  }

  static boolean isTraceKey(String key) {
    return TRACE_ID.equals(key) || SPAN_ID.equals(key) || TRACE_FLAGS.equals(key);
  }
}
