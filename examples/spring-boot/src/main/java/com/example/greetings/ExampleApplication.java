package com.example.greetings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web service whose logs reach OpenTelemetry through logbridge: nothing in it is
 * logbridge-specific beyond the starter dependency and {@code management.otlp.logging.endpoint}.
 *
 * <p>Not in a {@code dev.logbridge} package on purpose: logbridge never bridges its own loggers
 * ({@code excludedLoggerPrefixes}), and this is an application.
 */
@SpringBootApplication
public class ExampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
