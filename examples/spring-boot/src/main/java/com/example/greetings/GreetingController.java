package com.example.greetings;

import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's one endpoint. It logs inside the server span Spring's observation starts for
 * the request, with an MDC entry and SLF4J key-values, which logbridge turns into attributes.
 */
@RestController
class GreetingController {
  private static final Logger LOG = LoggerFactory.getLogger(GreetingController.class);

  @GetMapping("/greet/{name}")
  Greeting greet(@PathVariable String name) {
    String text = "Hello, " + name + "!";
    try (MDC.MDCCloseable customer = MDC.putCloseable("customer", name)) {
      LOG.atInfo()
          .setMessage("greeting {}")
          .addArgument(name)
          .addKeyValue("greeting.length", text.length())
          .addKeyValue("greeting.polite", true)
          .log();
    }
    return new Greeting(text, Span.current().getSpanContext().getTraceId());
  }

  /** The response: the greeting and the trace it was logged in. */
  record Greeting(String text, String traceId) {}
}
