package dev.logbridge;

import dev.logbridge.spi.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The immutable settings of a {@link Bridge}: queue capacity, limits and the origin filter.
 *
 * <p>Create with {@link #builder()}. Each setter validates its argument at once and names the
 * property and the rejected value in its message, so a broken configuration fails where it is
 * made, never at record time. Adapters read configuration files leniently instead ({@link
 * #parse}, {@link #read}): an invalid value is a reported {@link SettingProblem} and its key keeps
 * the default.
 *
 * <p>A record: {@code equals} and {@code hashCode} cover every component. The canonical
 * constructor checks every component as the builder's setters do (same messages), so no
 * instance holds a value out of range.
 *
 * <p>Thread-safety: immutable.
 *
 * @param queueCapacity records the queue holds; see {@link Builder#queueCapacity}
 * @param batchSize records the pipeline thread drains per batch
 * @param maxAttributes attributes kept per record
 * @param maxAttributeValueLength chars kept per string attribute value or array element
 * @param maxBodyLength chars kept of a record body
 * @param maxStackTraceLength chars kept of an exception stack trace
 * @param maxRenderDepth nesting depth rendered inside maps, collections and arrays
 * @param maxCollectionElements elements rendered per map, collection or array
 * @param excludedLoggerPrefixes logger-name prefixes whose records are never bridged
 * @param shutdownHookEnabled whether a JVM shutdown hook flushes the bridge
 * @param shutdownHookTimeout how long the shutdown hook waits for the queue to drain
 * @param statusInterval minimum interval between two status messages of the same kind
 * @param noticesToStderr whether warnings and errors (records lost, an OpenTelemetry instance
 *     still missing) also go to the process's original standard error while a status listener
 *     (the framework's status API) receives them
 * @param installWaitNotice how long records may wait for an OpenTelemetry instance before a
 *     notice says so
 * @since 0.1
 */
public record BridgeSettings(
    int queueCapacity,
    int batchSize,
    int maxAttributes,
    int maxAttributeValueLength,
    int maxBodyLength,
    int maxStackTraceLength,
    int maxRenderDepth,
    int maxCollectionElements,
    List<String> excludedLoggerPrefixes,
    boolean shutdownHookEnabled,
    Duration shutdownHookTimeout,
    Duration statusInterval,
    boolean noticesToStderr,
    Duration installWaitNotice) {
  /** Default number of records the queue holds before new records are dropped. */
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  /** Default number of records the pipeline thread drains per batch. */
  public static final int DEFAULT_BATCH_SIZE = 512;

  /** Default number of attributes kept per record (the first ones win). */
  public static final int DEFAULT_MAX_ATTRIBUTES = 128;

  /** Default maximum length, in chars, of a string attribute value or array element. */
  public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 8192;

  /** Default maximum length, in chars, of a record body. */
  public static final int DEFAULT_MAX_BODY_LENGTH = 65_536;

  /** Default maximum length, in chars, of an exception stack trace. */
  public static final int DEFAULT_MAX_STACKTRACE_LENGTH = 16_384;

  /** Default depth to which maps, collections and arrays inside values are rendered. */
  public static final int DEFAULT_MAX_RENDER_DEPTH = 4;

  /** Default number of elements rendered per collection, array or map. */
  public static final int DEFAULT_MAX_COLLECTION_ELEMENTS = 256;

  /**
   * Default logger-name prefixes whose records are never bridged: the OpenTelemetry SDK, logbridge
   * itself, and the internals of the two HTTP transports the OTLP exporter uses (OkHttp's task
   * runner and the JDK HttpClient's debug logger). The transports log from their own threads, so
   * only their names tell their records apart; with debug logging on, each export would otherwise
   * produce records that cause the next export. Application-level OkHttp loggers (such as {@code
   * okhttp3.OkHttpClient}) are not excluded.
   */
  public static final List<String> DEFAULT_EXCLUDED_LOGGER_PREFIXES =
      List.of("io.opentelemetry", "dev.logbridge", "okhttp3.internal", "jdk.internal.httpclient");

  /** Default time the JVM shutdown hook waits for the queue to drain. */
  public static final Duration DEFAULT_SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(2);

  /** Default minimum interval between two status messages of the same kind. */
  public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(30);

  /** Default time without an OpenTelemetry instance, with records waiting, before a notice. */
  public static final Duration DEFAULT_INSTALL_WAIT_NOTICE = Duration.ofSeconds(10);

  // Ranges, shared by the builder's checks and the lenient reader.
  private static final int MAX_QUEUE_CAPACITY = 1 << 28;
  private static final int MAX_BATCH_SIZE = 65_536;
  private static final int MAX_ATTRIBUTES = 65_536;
  private static final int MIN_LENGTH = 16;
  private static final int MAX_LENGTH = 1 << 28;
  private static final int MAX_RENDER_DEPTH = 64;
  private static final int MAX_COLLECTION_ELEMENTS = 1 << 20;
  private static final Duration MAX_SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MAX_STATUS_INTERVAL = Duration.ofHours(1);
  private static final Duration MAX_INSTALL_WAIT_NOTICE = Duration.ofHours(1);

  /**
   * Checks every component (the messages are the builder's) and copies the prefix list.
   *
   * @throws IllegalArgumentException naming the first component out of range and its value
   */
  public BridgeSettings {
    requireRange("queueCapacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
    requireRange("batchSize", batchSize, 1, MAX_BATCH_SIZE);
    requireRange("maxAttributes", maxAttributes, 0, MAX_ATTRIBUTES);
    requireRange("maxAttributeValueLength", maxAttributeValueLength, MIN_LENGTH, MAX_LENGTH);
    requireRange("maxBodyLength", maxBodyLength, MIN_LENGTH, MAX_LENGTH);
    requireRange("maxStackTraceLength", maxStackTraceLength, MIN_LENGTH, MAX_LENGTH);
    requireRange("maxRenderDepth", maxRenderDepth, 1, MAX_RENDER_DEPTH);
    requireRange("maxCollectionElements", maxCollectionElements, 1, MAX_COLLECTION_ELEMENTS);
    excludedLoggerPrefixes = requirePrefixes(excludedLoggerPrefixes);
    requireDuration("shutdownHookTimeout", shutdownHookTimeout, MAX_SHUTDOWN_HOOK_TIMEOUT);
    requireDuration("statusInterval", statusInterval, MAX_STATUS_INTERVAL);
    requireDuration("installWaitNotice", installWaitNotice, MAX_INSTALL_WAIT_NOTICE);
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default settings. */
  public static BridgeSettings defaults() {
    return builder().build();
  }

  /**
   * As {@link #fromProperties}, from the typed values an appender's configuration setters hold,
   * by property name; each value is read through its {@code toString()}, and a null or absent
   * value is not set.
   *
   * @throws IllegalArgumentException naming the first invalid property and its value
   */
  public static BridgeSettings fromValues(Map<String, ?> values) {
    SettingsReader reader = SettingsReader.ofValues(values);
    return strictly(read(reader), reader);
  }

  /**
   * Reads settings from string properties, as configuration files hold them, strictly: the keys
   * of {@link #read}, each looked up through {@code lookup} (null: not set). Adapters use the
   * lenient {@link #parse} instead.
   *
   * @return the settings, or null when none of the properties is set (so defaults warn nobody)
   * @throws IllegalArgumentException naming the first invalid property and its value
   */
  public static BridgeSettings fromProperties(Function<String, String> lookup) {
    SettingsReader reader = SettingsReader.of(lookup);
    return strictly(read(reader), reader);
  }

  private static BridgeSettings strictly(BridgeSettings settings, SettingsReader reader) {
    List<SettingProblem> problems = reader.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).message());
    }
    return settings;
  }

  /**
   * Reads settings from string properties leniently, as {@link #read} does, and returns them with
   * the problems found.
   */
  public static Parsed parse(Function<String, String> lookup) {
    SettingsReader reader = SettingsReader.of(lookup);
    BridgeSettings settings = read(reader);
    return new Parsed(settings, reader.problems());
  }

  /**
   * Reads every setting through {@code reader}, leniently: a key whose value is invalid keeps its
   * default and leaves a {@link SettingProblem} in the reader; every valid key still applies.
   *
   * <table>
   *   <caption>Keys</caption>
   *   <tr><th>key</th><th>default</th><th>range</th></tr>
   *   <tr><td>queueCapacity</td><td>8192</td><td>1 to 2^28</td></tr>
   *   <tr><td>batchSize</td><td>512</td><td>1 to 65536</td></tr>
   *   <tr><td>maxAttributes</td><td>128</td><td>0 to 65536</td></tr>
   *   <tr><td>maxAttributeValueLength</td><td>8192</td><td>16 to 2^28</td></tr>
   *   <tr><td>maxBodyLength</td><td>65536</td><td>16 to 2^28</td></tr>
   *   <tr><td>maxStackTraceLength</td><td>16384</td><td>16 to 2^28</td></tr>
   *   <tr><td>maxRenderDepth</td><td>4</td><td>1 to 64</td></tr>
   *   <tr><td>maxCollectionElements</td><td>256</td><td>1 to 2^20</td></tr>
   *   <tr><td>excludedLoggerPrefixes</td><td>see {@link #DEFAULT_EXCLUDED_LOGGER_PREFIXES}
   *       </td><td>comma-separated, no blank item</td></tr>
   *   <tr><td>shutdownHook</td><td>true</td><td>true or false</td></tr>
   *   <tr><td>shutdownHookTimeoutMillis</td><td>2000</td><td>0 to 60000</td></tr>
   *   <tr><td>statusIntervalMillis</td><td>30000</td><td>0 to 3600000</td></tr>
   *   <tr><td>noticesToStderr</td><td>true</td><td>true or false</td></tr>
   *   <tr><td>installWaitNoticeMillis</td><td>10000</td><td>0 to 3600000</td></tr>
   * </table>
   *
   * @return the settings, or null when no key holds a valid value (so defaults warn nobody)
   */
  public static BridgeSettings read(SettingsReader reader) {
    Builder b = builder();
    boolean any = false;
    any |=
        readInt(
            reader,
            "queueCapacity",
            DEFAULT_QUEUE_CAPACITY,
            1,
            MAX_QUEUE_CAPACITY,
            b::queueCapacity);
    any |= readInt(reader, "batchSize", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE, b::batchSize);
    any |=
        readInt(
            reader, "maxAttributes", DEFAULT_MAX_ATTRIBUTES, 0, MAX_ATTRIBUTES, b::maxAttributes);
    any |=
        readInt(
            reader,
            "maxAttributeValueLength",
            DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
            MIN_LENGTH,
            MAX_LENGTH,
            b::maxAttributeValueLength);
    any |=
        readInt(
            reader,
            "maxBodyLength",
            DEFAULT_MAX_BODY_LENGTH,
            MIN_LENGTH,
            MAX_LENGTH,
            b::maxBodyLength);
    any |=
        readInt(
            reader,
            "maxStackTraceLength",
            DEFAULT_MAX_STACKTRACE_LENGTH,
            MIN_LENGTH,
            MAX_LENGTH,
            b::maxStackTraceLength);
    any |=
        readInt(
            reader,
            "maxRenderDepth",
            DEFAULT_MAX_RENDER_DEPTH,
            1,
            MAX_RENDER_DEPTH,
            b::maxRenderDepth);
    any |=
        readInt(
            reader,
            "maxCollectionElements",
            DEFAULT_MAX_COLLECTION_ELEMENTS,
            1,
            MAX_COLLECTION_ELEMENTS,
            b::maxCollectionElements);
    List<String> prefixes =
        reader.value(
            "excludedLoggerPrefixes",
            null,
            String.join(",", DEFAULT_EXCLUDED_LOGGER_PREFIXES),
            SettingsReader::parseList);
    if (prefixes != null) {
      b.excludedLoggerPrefixes(prefixes);
      any = true;
    }
    Boolean hook = reader.value("shutdownHook", null, "true", SettingsReader::parseBoolean);
    if (hook != null) {
      b.shutdownHookEnabled(hook);
      any = true;
    }
    any |=
        readMillis(
            reader,
            "shutdownHookTimeoutMillis",
            DEFAULT_SHUTDOWN_HOOK_TIMEOUT,
            MAX_SHUTDOWN_HOOK_TIMEOUT,
            b::shutdownHookTimeout);
    any |=
        readMillis(
            reader,
            "statusIntervalMillis",
            DEFAULT_STATUS_INTERVAL,
            MAX_STATUS_INTERVAL,
            b::statusInterval);
    Boolean toStderr = reader.value("noticesToStderr", null, "true", SettingsReader::parseBoolean);
    if (toStderr != null) {
      b.noticesToStderr(toStderr);
      any = true;
    }
    any |=
        readMillis(
            reader,
            "installWaitNoticeMillis",
            DEFAULT_INSTALL_WAIT_NOTICE,
            MAX_INSTALL_WAIT_NOTICE,
            b::installWaitNotice);
    return any ? b.build() : null;
  }

  private static boolean readInt(
      SettingsReader reader, String key, int defaultValue, int min, int max, IntConsumer setter) {
    Long value =
        reader.value(key, null, String.valueOf(defaultValue), SettingsReader.longs(min, max));
    if (value == null) {
      return false;
    }
    setter.accept(value.intValue());
    return true;
  }

  private static boolean readMillis(
      SettingsReader reader,
      String key,
      Duration defaultValue,
      Duration max,
      Consumer<Duration> setter) {
    Long millis =
        reader.value(
            key,
            null,
            String.valueOf(defaultValue.toMillis()),
            SettingsReader.longs(0, max.toMillis()));
    if (millis == null) {
      return false;
    }
    setter.accept(Duration.ofMillis(millis));
    return true;
  }

  /**
   * Settings read leniently, with the problems found on the way.
   *
   * <p>Thread-safety: immutable.
   */
  public static final class Parsed {
    private final BridgeSettings settings;
    private final List<SettingProblem> problems;

    private Parsed(BridgeSettings settings, List<SettingProblem> problems) {
      this.settings = settings;
      this.problems = List.copyOf(problems);
    }

    /** The settings, or null when no key holds a valid value. */
    public BridgeSettings settings() {
      return settings;
    }

    /** Each invalid value, in reading order; its key kept its default. */
    public List<SettingProblem> problems() {
      return problems;
    }
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds {@link BridgeSettings}. Every setter throws {@link IllegalArgumentException} naming the
   * property and the value when the value is out of range.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxAttributes = DEFAULT_MAX_ATTRIBUTES;
    private int maxAttributeValueLength = DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH;
    private int maxBodyLength = DEFAULT_MAX_BODY_LENGTH;
    private int maxStackTraceLength = DEFAULT_MAX_STACKTRACE_LENGTH;
    private int maxRenderDepth = DEFAULT_MAX_RENDER_DEPTH;
    private int maxCollectionElements = DEFAULT_MAX_COLLECTION_ELEMENTS;
    private List<String> excludedLoggerPrefixes = DEFAULT_EXCLUDED_LOGGER_PREFIXES;
    private boolean shutdownHookEnabled = true;
    private Duration shutdownHookTimeout = DEFAULT_SHUTDOWN_HOOK_TIMEOUT;
    private Duration statusInterval = DEFAULT_STATUS_INTERVAL;
    private boolean noticesToStderr = true;
    private Duration installWaitNotice = DEFAULT_INSTALL_WAIT_NOTICE;

    private Builder() {}

    private Builder(BridgeSettings s) {
      queueCapacity = s.queueCapacity();
      batchSize = s.batchSize();
      maxAttributes = s.maxAttributes();
      maxAttributeValueLength = s.maxAttributeValueLength();
      maxBodyLength = s.maxBodyLength();
      maxStackTraceLength = s.maxStackTraceLength();
      maxRenderDepth = s.maxRenderDepth();
      maxCollectionElements = s.maxCollectionElements();
      excludedLoggerPrefixes = s.excludedLoggerPrefixes();
      shutdownHookEnabled = s.shutdownHookEnabled();
      shutdownHookTimeout = s.shutdownHookTimeout();
      statusInterval = s.statusInterval();
      noticesToStderr = s.noticesToStderr();
      installWaitNotice = s.installWaitNotice();
    }

    /**
     * Records the queue holds; above it new records are dropped and counted. 1 to 2^28, rounded
     * up to a power of two (at least 2); {@link BridgeStats#queueCapacity()} reports the result.
     */
    public Builder queueCapacity(int value) {
      this.queueCapacity = requireRange("queueCapacity", value, 1, MAX_QUEUE_CAPACITY);
      return this;
    }

    /** Records the pipeline thread drains per batch. 1 to 65536. */
    public Builder batchSize(int value) {
      this.batchSize = requireRange("batchSize", value, 1, MAX_BATCH_SIZE);
      return this;
    }

    /** Attributes kept per record; later ones are left out and counted. 0 to 65536. */
    public Builder maxAttributes(int value) {
      this.maxAttributes = requireRange("maxAttributes", value, 0, MAX_ATTRIBUTES);
      return this;
    }

    /** Chars kept per string attribute value or array element. 16 to 2^28. */
    public Builder maxAttributeValueLength(int value) {
      this.maxAttributeValueLength =
          requireRange("maxAttributeValueLength", value, MIN_LENGTH, MAX_LENGTH);
      return this;
    }

    /** Chars kept of a record body. 16 to 2^28. */
    public Builder maxBodyLength(int value) {
      this.maxBodyLength = requireRange("maxBodyLength", value, MIN_LENGTH, MAX_LENGTH);
      return this;
    }

    /** Chars kept of an exception stack trace. 16 to 2^28. */
    public Builder maxStackTraceLength(int value) {
      this.maxStackTraceLength = requireRange("maxStackTraceLength", value, MIN_LENGTH, MAX_LENGTH);
      return this;
    }

    /** Nesting depth rendered inside maps, collections and arrays. 1 to 64. */
    public Builder maxRenderDepth(int value) {
      this.maxRenderDepth = requireRange("maxRenderDepth", value, 1, MAX_RENDER_DEPTH);
      return this;
    }

    /** Elements rendered per map, collection or array. 1 to 2^20. */
    public Builder maxCollectionElements(int value) {
      this.maxCollectionElements =
          requireRange("maxCollectionElements", value, 1, MAX_COLLECTION_ELEMENTS);
      return this;
    }

    /**
     * Logger-name prefixes whose records are never bridged, replacing {@link
     * #DEFAULT_EXCLUDED_LOGGER_PREFIXES}. A prefix matches the name itself and names
     * continuing with a dot or a dollar sign. Removing the defaults is allowed but reopens the
     * export-failure feedback loop the defaults exist to cut.
     */
    public Builder excludedLoggerPrefixes(List<String> prefixes) {
      this.excludedLoggerPrefixes = requirePrefixes(prefixes);
      return this;
    }

    /** Whether a JVM shutdown hook flushes the bridge. Default true. */
    public Builder shutdownHookEnabled(boolean value) {
      this.shutdownHookEnabled = value;
      return this;
    }

    /** How long the shutdown hook waits for the queue to drain. 0 to 60 s. */
    public Builder shutdownHookTimeout(Duration value) {
      this.shutdownHookTimeout =
          requireDuration("shutdownHookTimeout", value, MAX_SHUTDOWN_HOOK_TIMEOUT);
      return this;
    }

    /** Minimum interval between two status messages of the same kind. 0 to 1 h. */
    public Builder statusInterval(Duration value) {
      this.statusInterval = requireDuration("statusInterval", value, MAX_STATUS_INTERVAL);
      return this;
    }

    /**
     * Whether warnings and errors also go to the original standard error when a status listener
     * receives them. Default true: a user must not need a status listener to learn that records
     * were lost. With no listener they always go there.
     */
    public Builder noticesToStderr(boolean value) {
      this.noticesToStderr = value;
      return this;
    }

    /**
     * How long records may wait for an OpenTelemetry instance before a warning says so (then
     * repeated at the status interval while they wait). 0 to 1 h.
     */
    public Builder installWaitNotice(Duration value) {
      this.installWaitNotice = requireDuration("installWaitNotice", value, MAX_INSTALL_WAIT_NOTICE);
      return this;
    }

    /** Returns the settings. */
    public BridgeSettings build() {
      return new BridgeSettings(
          queueCapacity,
          batchSize,
          maxAttributes,
          maxAttributeValueLength,
          maxBodyLength,
          maxStackTraceLength,
          maxRenderDepth,
          maxCollectionElements,
          excludedLoggerPrefixes,
          shutdownHookEnabled,
          shutdownHookTimeout,
          statusInterval,
          noticesToStderr,
          installWaitNotice);
    }
  }

  private static int requireRange(String property, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          property + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  private static Duration requireDuration(String property, Duration value, Duration max) {
    if (value == null || value.isNegative() || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          property + " must be between 0 and " + max + ", was " + value);
    }
    return value;
  }

  private static List<String> requirePrefixes(List<String> prefixes) {
    Objects.requireNonNull(prefixes, "excludedLoggerPrefixes");
    for (String prefix : prefixes) {
      if (prefix == null || prefix.isBlank()) {
        throw new IllegalArgumentException(
            "excludedLoggerPrefixes: blank or null prefix in " + prefixes);
      }
    }
    return List.copyOf(prefixes);
  }
}
