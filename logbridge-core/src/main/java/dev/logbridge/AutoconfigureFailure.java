package dev.logbridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains why building the OpenTelemetry SDK by autoconfiguration failed: the whole cause chain
 * (the SDK wraps the real cause in "Unexpected configuration error"), and, for the causes users
 * meet, the fix.
 *
 * <p>Thread-safety: stateless.
 */
final class AutoconfigureFailure {
  private static final int MAX_CAUSES = 8;

  private AutoconfigureFailure() {}

  /** One line naming every cause of {@code failure}, then the fix when one is known. */
  static String explain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure;
        t != null && chain.size() < MAX_CAUSES && !chain.contains(t);
        t = t.getCause()) {
      chain.add(t);
    }
    StringBuilder text = new StringBuilder("OpenTelemetry autoconfiguration failed: ");
    for (int i = 0; i < chain.size(); i++) {
      text.append(i == 0 ? "" : "; caused by ").append(chain.get(i));
    }
    String fix = fixFor(chain);
    if (fix != null) {
      text.append(". Fix: ").append(fix);
    }
    return text.append(". Records wait for LogBridge.install() or GlobalOpenTelemetry").toString();
  }

  private static String fixFor(List<Throwable> chain) {
    for (Throwable t : chain) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("No GrpcSenderProvider")) {
        return "the grpc protocol needs a gRPC sender on the class path (io.opentelemetry:"
            + "opentelemetry-exporter-sender-okhttp or -sender-grpc-managed-channel), or set "
            + "otel.exporter.otlp.protocol=http/protobuf";
      }
      if (message.contains("No HttpSenderProvider")) {
        return "add an HTTP sender to the class path: io.opentelemetry:"
            + "opentelemetry-exporter-sender-jdk (or opentelemetry-exporter-sender-okhttp)";
      }
      if (message.contains("Unrecognized value for otel.logs.exporter")
          || message.contains("otlp") && t instanceof ClassNotFoundException) {
        return "add io.opentelemetry:opentelemetry-exporter-otlp to the class path, or set "
            + "otel.logs.exporter to an exporter that is there";
      }
      if (message.contains("Shutdown in progress")) {
        return "the JVM was already exiting while the SDK was being built";
      }
    }
    return null;
  }
}
