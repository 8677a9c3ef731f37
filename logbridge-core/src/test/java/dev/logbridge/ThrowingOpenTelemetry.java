package dev.logbridge;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/** An OpenTelemetry whose every logger throws on emit, standing in for a broken SDK. */
final class ThrowingOpenTelemetry implements OpenTelemetry {
  @Override
  public TracerProvider getTracerProvider() {
    return TracerProvider.noop();
  }

  @Override
  public ContextPropagators getPropagators() {
    return ContextPropagators.noop();
  }

  @Override
  public LoggerProvider getLogsBridge() {
    return scope ->
        new io.opentelemetry.api.logs.LoggerBuilder() {
          @Override
          public io.opentelemetry.api.logs.LoggerBuilder setSchemaUrl(String schemaUrl) {
            return this;
          }

          @Override
          public io.opentelemetry.api.logs.LoggerBuilder setInstrumentationVersion(String version) {
            return this;
          }

          @Override
          public io.opentelemetry.api.logs.Logger build() {
            return () -> {
              throw new IllegalStateException("emit is broken");
            };
          }
        };
  }
}
