package dev.logbridge.receiver;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One log record as the receiver got it, flattened with its resource and instrumentation scope.
 *
 * <p>Immutable and thread-safe. Attribute maps are unmodifiable and keep the order of the wire;
 * their values are String, Long, Double, Boolean, List, Map, byte[] or null. Byte arrays are the
 * record's own copies: callers must not modify them. Two records are equal when their wire forms
 * (record, resource and scope) are equal.
 */
public final class ReceivedLogRecord {
  private final LogRecord record;
  private final Resource resource;
  private final InstrumentationScope scope;
  private final Map<String, Object> resourceAttributes;
  private final Map<String, Object> attributes;
  private final String body;
  private final String traceId;
  private final String spanId;

  ReceivedLogRecord(Resource resource, InstrumentationScope scope, LogRecord record) {
    this.record = Objects.requireNonNull(record, "record");
    this.resource = Objects.requireNonNull(resource, "resource");
    this.scope = Objects.requireNonNull(scope, "scope");
    // Converted once here, so that readers on any thread see plain immutable Java values.
    this.resourceAttributes = AnyValues.toJavaMap(resource.getAttributesList());
    this.attributes = AnyValues.toJavaMap(record.getAttributesList());
    this.body = AnyValues.toText(record.getBody());
    this.traceId = Hex.encode(record.getTraceId());
    this.spanId = Hex.encode(record.getSpanId());
  }

  /** Returns the resource attributes, for example {@code service.name}. */
  public Map<String, Object> resourceAttributes() {
    return resourceAttributes;
  }

  /** Returns the instrumentation scope name; empty when the sender gave none. */
  public String scopeName() {
    return scope.getName();
  }

  /** Returns the instrumentation scope version; empty when the sender gave none. */
  public String scopeVersion() {
    return scope.getVersion();
  }

  /** Returns the event time in nanoseconds since the epoch; 0 when unknown. */
  public long timeUnixNano() {
    return record.getTimeUnixNano();
  }

  /** Returns the event time, or {@code null} when the sender left it unset. */
  public Instant timestamp() {
    return toInstant(record.getTimeUnixNano());
  }

  /** Returns the observed time in nanoseconds since the epoch; 0 when unknown. */
  public long observedTimeUnixNano() {
    return record.getObservedTimeUnixNano();
  }

  /** Returns the observed time, or {@code null} when the sender left it unset. */
  public Instant observedTimestamp() {
    return toInstant(record.getObservedTimeUnixNano());
  }

  /** Returns the OTLP severity number (1..24; 0 when unspecified). */
  public int severityNumber() {
    return record.getSeverityNumberValue();
  }

  /** Returns the severity text as sent, for example {@code WARN}; may be empty. */
  public String severityText() {
    return record.getSeverityText();
  }

  /** Returns the body as text: a string body as is, other kinds rendered; empty when unset. */
  public String body() {
    return body;
  }

  /** Returns the body exactly as sent. */
  public AnyValue bodyValue() {
    return record.getBody();
  }

  /** Returns the record's attributes with typed values. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** Returns the number of attributes the sender reported as dropped. */
  public int droppedAttributesCount() {
    return record.getDroppedAttributesCount();
  }

  /** Returns the trace id as 32 lower-case hex digits, or the empty string when absent. */
  public String traceId() {
    return traceId;
  }

  /** Returns the span id as 16 lower-case hex digits, or the empty string when absent. */
  public String spanId() {
    return spanId;
  }

  /** Returns the trace flags (bit 0: sampled). */
  public int flags() {
    return record.getFlags();
  }

  /** Returns the event name; empty when the record is not an event. */
  public String eventName() {
    return record.getEventName();
  }

  /** Returns the record as it was on the wire. */
  public LogRecord proto() {
    return record;
  }

  /** Returns the resource the record came with, as on the wire. */
  public Resource resourceProto() {
    return resource;
  }

  /** Returns the instrumentation scope the record came with, as on the wire. */
  public InstrumentationScope scopeProto() {
    return scope;
  }

  private static Instant toInstant(long unixNano) {
    if (unixNano == 0) {
      return null;
    }
    return Instant.ofEpochSecond(0, unixNano);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ReceivedLogRecord)) {
      return false;
    }
    ReceivedLogRecord that = (ReceivedLogRecord) other;
    return record.equals(that.record) && resource.equals(that.resource) && scope.equals(that.scope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(record, resource, scope);
  }

  @Override
  public String toString() {
    return "ReceivedLogRecord{"
        + "time="
        + timestamp()
        + ", severity="
        + severityNumber()
        + "/"
        + severityText()
        + ", scope="
        + scopeName()
        + ", body="
        + body
        + ", traceId="
        + traceId
        + ", spanId="
        + spanId
        + ", eventName="
        + eventName()
        + ", attributes="
        + AnyValues.render(attributes)
        + ", resource="
        + AnyValues.render(resourceAttributes)
        + '}';
  }
}
