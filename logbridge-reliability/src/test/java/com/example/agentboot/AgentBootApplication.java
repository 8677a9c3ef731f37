package com.example.agentboot;

import dev.logbridge.LogBridge;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * A Spring Boot 3.5 application on logbridge-spring-boot-starter (Logback, jul-to-slf4j, no
 * Actuator, so no OpenTelemetry bean: logbridge finds the agent's {@code GlobalOpenTelemetry}),
 * run under the OpenTelemetry Java agent by {@code SpringBootStarterUnderAgentTest}. Besides
 * Spring Boot's startup lines it logs {@value #OUTSIDE} records outside any span and {@value
 * #INSIDE} inside one span of the agent's tracer (with {@code user=alice} in the MDC), one from a
 * {@code ContextClosedEvent} listener and one from a bean's {@code destroy()}; then it prints
 * {@code trace_id=...} and, after a flush, logbridge's accounting ({@code logbridge ...}) to
 * standard output and returns. The agent exports at JVM exit. (Not under {@code dev.logbridge}:
 * logbridge never bridges loggers there.)
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AgentBootApplication {
  public static final String LOGGER = "com.example.agentboot.Work";
  public static final int OUTSIDE = 5;
  public static final int INSIDE = 5;
  public static final String ON_CLOSE = "from a ContextClosedEvent listener";
  public static final String ON_DESTROY = "from destroy()";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  @Bean
  Farewell farewell() {
    return new Farewell();
  }

  public static void main(String[] args) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(AgentBootApplication.class)
            .web(WebApplicationType.NONE)
            .run(args);
    for (int i = 0; i < OUTSIDE; i++) {
      LOG.info("outside-span-" + i);
    }
    Span span =
        GlobalOpenTelemetry.getTracer("logbridge-agent-test").spanBuilder("request").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      MDC.put("user", "alice");
      for (int i = 0; i < INSIDE; i++) {
        LOG.info("inside-span-" + i);
      }
      MDC.remove("user");
    } finally {
      span.end();
    }
    context.close();
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

  static final class Farewell implements DisposableBean {
    @EventListener
    void onClose(ContextClosedEvent event) {
      LOG.info(ON_CLOSE);
    }

    @Override
    public void destroy() {
      LOG.info(ON_DESTROY);
    }
  }
}
