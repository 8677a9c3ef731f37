package dev.logbridge.doctor;

import java.util.List;

/**
 * Recognises frames of logging frameworks (Logback, Log4j 2 and 1, java.util.logging, SLF4J, the OpenTelemetry
 * log SDK and logbridge itself), so a verdict can say that a stall is inside logging.
 *
 * <p>Stateless and thread-safe.
 */
final class LoggingFrames {
  private static final List<String> PREFIXES =
      List.of(
          "ch.qos.logback.",
          "org.apache.logging.log4j.",
          "org.apache.log4j.",
          "java.util.logging.",
          "org.slf4j.",
          "io.opentelemetry.sdk.logs.",
          "dev.logbridge.");

  private LoggingFrames() {}

  /** Whether a frame belongs to a logging framework; the doctor's own frames do not count. */
  static boolean isLogging(StackFrame frame) {
    String c = frame.className();
    if (c.startsWith("dev.logbridge.doctor.")) {
      return false;
    }
    for (String p : PREFIXES) {
      if (c.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The report suffix for a stall inside logging, naming the component and frame; empty when not logging. */
  static String suffix(String loggingFrame) {
    return loggingFrame == null
        ? ""
        : "; inside logging (" + component(loggingFrame) + " " + loggingFrame + ")";
  }

  /** Which part of a logging framework a frame belongs to, from its class name. */
  static String component(String loggingFrame) {
    String cls = loggingFrame.substring(0, Math.max(0, loggingFrame.lastIndexOf('.')));
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    if (simple.contains("Async")
        || simple.contains("RingBuffer")
        || simple.contains("Disruptor")
        || simple.contains("Queue")) {
      return "async queue";
    }
    if (simple.contains("Encoder") || simple.contains("Layout") || simple.contains("Formatter")) {
      return "encoder";
    }
    if (simple.contains("Appender")) {
      return "appender";
    }
    if (simple.contains("Handler")) {
      return "handler";
    }
    if (simple.contains("Processor") || simple.contains("Exporter")) {
      return "log pipeline";
    }
    return "logger";
  }

  /** The innermost logging frame of a stack, as {@code class.method}, or {@code null}. */
  static String innermost(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      if (isLogging(f)) {
        return f.className() + "." + f.methodName();
      }
    }
    return null;
  }
}
