package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records whose caller's context an adapter carried to another thread (async appenders). */
class BridgeCallerContextTest {
  private static final RecordTranslator<String> BODY =
      (event, capture) -> capture.severity(Severity.INFO, "INFO").body(event);

  private final Bridge bridge =
      Bridge.start(BridgeSettings.builder().shutdownHookEnabled(false).build());
  private final InMemoryOtel otel = new InMemoryOtel();

  @AfterEach
  void tearDown() {
    bridge.shutdown(Duration.ofSeconds(5));
    otel.close();
  }

  @Test
  void theCarriedContextIsTheRecordsNotTheRunningThreads() {
    bridge.install(otel.sdk);
    Span caller = otel.sdk.getTracer("test").spanBuilder("caller").startSpan();
    Span worker = otel.sdk.getTracer("test").spanBuilder("worker").startSpan();
    assertThat(caller.getSpanContext().isValid()).isTrue();

    try (Scope ignored = worker.makeCurrent()) {
      bridge.capture("com.example", Context.root().with(caller), "carried", BODY);
      bridge.capture("com.example", null, "not carried", BODY);
    }

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(LogRecordData::getSpanContext)
        .containsExactly(caller.getSpanContext(), worker.getSpanContext());
  }

  @Test
  void aRecordLoggedInASuppressedContextIsRefusedOnWhicheverThreadItArrives() {
    bridge.install(otel.sdk);
    AtomicReference<Context> exporterContext = new AtomicReference<>();
    InstrumentationUtil.suppressInstrumentation(() -> exporterContext.set(Context.current()));

    bridge.capture("com.example", exporterContext.get(), "from an exporter", BODY);
    bridge.capture("com.example", Context.root(), "application", BODY);

    assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(otel.logs())
        .extracting(log -> log.getBodyValue().asString())
        .containsExactly("application");
    assertThat(otel.logs().get(0).getSpanContext()).isEqualTo(SpanContext.getInvalid());
    assertThat(bridge.stats().dropped(DropReason.SELF_ORIGIN)).isEqualTo(1);
  }
}
