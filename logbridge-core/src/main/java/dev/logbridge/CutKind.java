package dev.logbridge;

/**
 * A kind of limit that shortened or replaced part of a record. Records that are cut are still
 * delivered; each cut is counted in {@link BridgeStats#cuts(CutKind)}.
 *
 * @since 0.1
 */
public enum CutKind {
  /** Attributes beyond the configured count were left out (the first ones are kept). */
  ATTRIBUTE_COUNT("attribute_count"),
  /** An attribute value (or an element of an array value) was truncated to the length limit. */
  ATTRIBUTE_VALUE_LENGTH("attribute_value_length"),
  /** The body was truncated to the body length limit. */
  BODY_LENGTH("body_length"),
  /** An exception stack trace was truncated to the stack trace length limit. */
  STACKTRACE_LENGTH("stacktrace_length"),
  /** A collection, array or map had more elements than are rendered; the rest were left out. */
  COLLECTION_SIZE("collection_size"),
  /** Nesting deeper than the rendering depth (or a cycle) was replaced by a marker. */
  DEPTH("depth"),
  /** A {@code toString()} threw; a placeholder naming the exception was used instead. */
  TO_STRING_FAILURE("to_string_failure");

  private final String metricName;

  CutKind(String metricName) {
    this.metricName = metricName;
  }

  /** The lower-case name used in metrics and summaries, for example {@code body_length}. */
  public String metricName() {
    return metricName;
  }
}
