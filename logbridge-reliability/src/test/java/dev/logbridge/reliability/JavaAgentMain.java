package dev.logbridge.reliability;

import dev.logbridge.LogBridge;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.Frontend;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Map;
import org.apache.logging.log4j.ThreadContext;
import org.slf4j.MDC;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * An application run under the OpenTelemetry Java agent by {@link JavaAgentTest}: a logging
 * framework with logbridge's adapter and no {@code LogBridge.install} (the agent sets {@code
 * GlobalOpenTelemetry}), {@value #OUTSIDE} records outside any span and {@value #INSIDE} inside
 * one span started through the agent's tracer, with {@code user=alice} in the MDC (Logback) and
 * the ThreadContext (Log4j 2).
 * It prints {@code trace_id=...} (the span's) and {@code logbridge ...} (logbridge's accounting
 * after a flush) to standard output, then returns; the agent exports at JVM exit.
 *
 * <p>Argument: the front end ({@code logback}, {@code jul} or {@code log4j2}), or {@value
 * #JUL_TO_SLF4J}: logbridge's Logback appender fed by JUL records through jul-to-slf4j.
 */
public final class JavaAgentMain {
  static final String LOGGER = "com.example.AgentApp";
  static final int OUTSIDE = 5;
  static final int INSIDE = 5;

  /** Logback, logged to through JUL and jul-to-slf4j (as Spring Boot sets it up). */
  static final String JUL_TO_SLF4J = "jul-to-slf4j";

  private JavaAgentMain() {}

  private static AppLogger julLogger() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(LOGGER);
    return new AppLogger() {
      @Override
      public void info(String message) {
        logger.info(message);
      }

      @Override
      public void info(String format, Object argument) {
        logger.log(java.util.logging.Level.INFO, format, argument);
      }
    };
  }

  public static void main(String[] args) {
    boolean julToSlf4j = args[0].equals(JUL_TO_SLF4J);
    if (julToSlf4j) {
      // Before Logback starts, as Spring Boot does.
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    Frontend frontend = Reliability.frontend(julToSlf4j ? "logback" : args[0]);
    frontend.configure(Map.of("shutdownHook", "true"));
    // The JUL front end opens every logger at level ALL; keep the JDK's own loggers out.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    AppLogger log = julToSlf4j ? julLogger() : frontend.logger(LOGGER);

    for (int i = 0; i < OUTSIDE; i++) {
      log.info("outside-span-" + i);
    }
    Span span =
        GlobalOpenTelemetry.getTracer("logbridge-agent-test").spanBuilder("request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      // The front end's own context map: Logback's MDC (through SLF4J), Log4j's ThreadContext.
      MDC.put("user", "alice");
      ThreadContext.put("user", "alice");
      for (int i = 0; i < INSIDE; i++) {
        log.info("inside-span-" + i);
      }
      MDC.remove("user");
      ThreadContext.remove("user");
    } finally {
      span.end();
    }
    System.out.println("trace_id=" + span.getSpanContext().getTraceId());
    boolean flushed = LogBridge.flush(Duration.ofSeconds(10));
    System.out.println(
        "logbridge flushed="
            + flushed
            + " installed="
            + LogBridge.global().isInstalled()
            + " "
            + LogBridge.stats().summary());
  }
}
