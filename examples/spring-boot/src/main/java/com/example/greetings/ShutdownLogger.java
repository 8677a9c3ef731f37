package com.example.greetings;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs while the application shuts down, as real services do (releasing connections, saying
 * goodbye): the lines logbridge must still deliver before the OpenTelemetry SDK closes. Created
 * before Spring Boot's OpenTelemetry SDK bean, so Spring alone would destroy it after the SDK.
 */
@Component
class ShutdownLogger {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownLogger.class);

  @EventListener
  void onClose(ContextClosedEvent event) {
    LOG.info("context closing: ContextClosedEvent received");
  }

  @PreDestroy
  void destroy() {
    LOG.info("context closing: @PreDestroy of ShutdownLogger");
  }
}
