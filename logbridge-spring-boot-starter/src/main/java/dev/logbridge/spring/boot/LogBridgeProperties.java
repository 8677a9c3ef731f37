package dev.logbridge.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code logbridge.*} settings of the Spring Boot starter.
 *
 * <p>Bound twice: once from the environment when logging is initialised (before any bean
 * exists, for the appender the starter attaches) and once as a bean for the auto-configuration.
 * The bridge-wide settings ({@code queue-capacity}, {@code batch-size}, ...) apply when the
 * process-wide bridge is created, so they are fixed by whichever adapter starts first; an
 * appender declared in {@code logback-spring.xml} or {@code log4j2-spring.xml} takes its own.
 *
 * <p>Thread-safety: not thread-safe; bound once, then only read.
 */
@ConfigurationProperties(prefix = "logbridge")
public class LogBridgeProperties {
  /** Whether the starter connects logbridge to the application's logging and OpenTelemetry. */
  private boolean enabled = true;

  /**
   * Whether the starter attaches one logbridge appender to the root logger after Spring Boot
   * initialises logging (and again after every re-initialisation). It steps aside when the
   * logging configuration declares a logbridge appender itself.
   */
  private boolean attachAppender = true;

  /**
   * Whether logbridge builds an OpenTelemetry SDK from the standard OTEL_* environment
   * variables, otel.* system properties and the otel.* properties of the Spring environment
   * (application.properties included), on its own thread, exporting with
   * PipelineBatchProcessor, when the application has no OpenTelemetry bean and no
   * GlobalOpenTelemetry is set.
   */
  private boolean autoconfigure = true;

  /**
   * Whether the batch log processor Spring Boot's own OpenTelemetry SDK builds (with Actuator) is
   * replaced by logbridge's PipelineBatchProcessor over the same exporters, so that logbridge's
   * counted queue is the only queue before the exporters. When false, Spring Boot keeps the
   * SDK's BatchLogRecordProcessor, which drops silently when its own queue is full.
   */
  private boolean replaceBatchProcessor = true;

  /**
   * How long logbridge may take to hand its queued records to the OpenTelemetry SDK before the
   * SDK's beans are destroyed at context close.
   */
  private Duration shutdownFlushTimeout = Duration.ofSeconds(5);

  /** Whether MDC entries become attributes of the starter's appender's records. */
  private boolean captureMdc = true;

  /** Whether SLF4J key-value pairs (Log4j 2 MapMessage entries) become attributes. */
  private boolean captureKeyValues = true;

  /** Whether markers become the logback.marker / log4j.marker attribute. */
  private boolean captureMarkers = true;

  /** Whether code.* attributes (file, function, line) are captured; costly. */
  private boolean captureCodeLocation;

  /** Whether thread.name and thread.id are captured. */
  private boolean captureThread = true;

  /** Capacity of logbridge's queue (rounded up to a power of two); default 8192. */
  private Integer queueCapacity;

  /** Records logbridge hands to OpenTelemetry per batch; default 512. */
  private Integer batchSize;

  /** Attributes kept per record (the first ones); default 128. */
  private Integer maxAttributes;

  /** Longest attribute value, in characters; default 8192. */
  private Integer maxAttributeValueLength;

  /** Longest body, in characters; default 65536. */
  private Integer maxBodyLength;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isAttachAppender() {
    return attachAppender;
  }

  public void setAttachAppender(boolean attachAppender) {
    this.attachAppender = attachAppender;
  }

  public boolean isAutoconfigure() {
    return autoconfigure;
  }

  public void setAutoconfigure(boolean autoconfigure) {
    this.autoconfigure = autoconfigure;
  }

  public boolean isReplaceBatchProcessor() {
    return replaceBatchProcessor;
  }

  public void setReplaceBatchProcessor(boolean replaceBatchProcessor) {
    this.replaceBatchProcessor = replaceBatchProcessor;
  }

  public Duration getShutdownFlushTimeout() {
    return shutdownFlushTimeout;
  }

  public void setShutdownFlushTimeout(Duration shutdownFlushTimeout) {
    this.shutdownFlushTimeout = shutdownFlushTimeout;
  }

  public boolean isCaptureMdc() {
    return captureMdc;
  }

  public void setCaptureMdc(boolean captureMdc) {
    this.captureMdc = captureMdc;
  }

  public boolean isCaptureKeyValues() {
    return captureKeyValues;
  }

  public void setCaptureKeyValues(boolean captureKeyValues) {
    this.captureKeyValues = captureKeyValues;
  }

  public boolean isCaptureMarkers() {
    return captureMarkers;
  }

  public void setCaptureMarkers(boolean captureMarkers) {
    this.captureMarkers = captureMarkers;
  }

  public boolean isCaptureCodeLocation() {
    return captureCodeLocation;
  }

  public void setCaptureCodeLocation(boolean captureCodeLocation) {
    this.captureCodeLocation = captureCodeLocation;
  }

  public boolean isCaptureThread() {
    return captureThread;
  }

  public void setCaptureThread(boolean captureThread) {
    this.captureThread = captureThread;
  }

  public Integer getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(Integer queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public Integer getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(Integer batchSize) {
    this.batchSize = batchSize;
  }

  public Integer getMaxAttributes() {
    return maxAttributes;
  }

  public void setMaxAttributes(Integer maxAttributes) {
    this.maxAttributes = maxAttributes;
  }

  public Integer getMaxAttributeValueLength() {
    return maxAttributeValueLength;
  }

  public void setMaxAttributeValueLength(Integer maxAttributeValueLength) {
    this.maxAttributeValueLength = maxAttributeValueLength;
  }

  public Integer getMaxBodyLength() {
    return maxBodyLength;
  }

  public void setMaxBodyLength(Integer maxBodyLength) {
    this.maxBodyLength = maxBodyLength;
  }
}
