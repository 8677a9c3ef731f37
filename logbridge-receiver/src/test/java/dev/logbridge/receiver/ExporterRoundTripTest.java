package dev.logbridge.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OpenTelemetry SDK's OTLP/HTTP exporter sends to the receiver and every field arrives. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExporterRoundTripTest {
  private static final String SENDER_PROPERTY =
      "io.opentelemetry.sdk.common.export.HttpSenderProvider";
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";
  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09.123456789Z");
  private static final Instant OBSERVED = Instant.parse("2024-05-06T07:08:10.000000001Z");

  @ParameterizedTest(name = "sender {0}, compression {1}")
  @CsvSource({
    "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider, none",
    "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider, gzip",
    "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider, none",
    "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider, gzip"
  })
  void everyFieldRoundTrips(String sender, String compression) {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      SdkLoggerProvider provider =
          SdkLoggerProvider.builder()
              .setResource(
                  Resource.create(
                      Attributes.of(
                          AttributeKey.stringKey("service.name"),
                          "round-trip",
                          AttributeKey.longKey("service.instance.number"),
                          7L)))
              .addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(exporter(receiver, sender, compression)))
              .build();
      try {
        Logger logger =
            provider.loggerBuilder("dev.logbridge.test").setInstrumentationVersion("1.2.3").build();
        Context context =
            Context.root()
                .with(
                    Span.wrap(
                        SpanContext.create(
                            TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault())));
        logger
            .logRecordBuilder()
            .setContext(context)
            .setTimestamp(TIME)
            .setObservedTimestamp(OBSERVED)
            .setSeverity(Severity.WARN)
            .setSeverityText("WARNING")
            .setBody("hello, receiver")
            .setEventName("test.event")
            .setAttribute(AttributeKey.stringKey("s"), "text")
            .setAttribute(AttributeKey.booleanKey("b"), true)
            .setAttribute(AttributeKey.longKey("l"), Long.MAX_VALUE)
            .setAttribute(AttributeKey.doubleKey("d"), 2.5)
            .setAttribute(AttributeKey.stringArrayKey("sa"), List.of("x", "y"))
            .setAttribute(AttributeKey.booleanArrayKey("ba"), List.of(true, false))
            .setAttribute(AttributeKey.longArrayKey("la"), List.of(1L, -2L))
            .setAttribute(AttributeKey.doubleArrayKey("da"), List.of(0.5, -1.5))
            .emit();
        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      } finally {
        provider.shutdown().join(10, TimeUnit.SECONDS);
      }

      ReceivedLogRecord record = receiver.awaitRecords(1, Duration.ofSeconds(10)).get(0);
      assertThat(record.body()).isEqualTo("hello, receiver");
      assertThat(record.bodyValue().getStringValue()).isEqualTo("hello, receiver");
      assertThat(record.severityNumber()).isEqualTo(Severity.WARN.getSeverityNumber());
      assertThat(record.severityText()).isEqualTo("WARNING");
      assertThat(record.timestamp()).isEqualTo(TIME);
      assertThat(record.observedTimestamp()).isEqualTo(OBSERVED);
      assertThat(record.traceId()).isEqualTo(TRACE_ID);
      assertThat(record.spanId()).isEqualTo(SPAN_ID);
      assertThat(record.flags()).isEqualTo(1);
      assertThat(record.eventName()).isEqualTo("test.event");
      assertThat(record.scopeName()).isEqualTo("dev.logbridge.test");
      assertThat(record.scopeVersion()).isEqualTo("1.2.3");
      assertThat(record.resourceAttributes())
          .contains(entry("service.name", "round-trip"), entry("service.instance.number", 7L));
      assertThat(record.attributes())
          .containsOnly(
              entry("s", "text"),
              entry("b", true),
              entry("l", Long.MAX_VALUE),
              entry("d", 2.5),
              entry("sa", List.of("x", "y")),
              entry("ba", List.of(true, false)),
              entry("la", List.of(1L, -2L)),
              entry("da", List.of(0.5, -1.5)));
      ReceiverStats stats = receiver.stats();
      assertThat(stats.recordsReceived()).isEqualTo(1);
      assertThat(stats.responses(200)).isEqualTo(stats.requests());
    }
  }

  @Test
  void batchProcessorDeliversEveryRecord() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      SdkLoggerProvider provider =
          SdkLoggerProvider.builder()
              .addLogRecordProcessor(
                  BatchLogRecordProcessor.builder(
                          exporter(
                              receiver,
                              "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider",
                              "gzip"))
                      .setMaxExportBatchSize(100)
                      .build())
              .build();
      try {
        Logger logger = provider.get("batch");
        for (int i = 0; i < 1000; i++) {
          logger.logRecordBuilder().setBody("record " + i).emit();
        }
        assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      } finally {
        provider.shutdown().join(10, TimeUnit.SECONDS);
      }
      List<ReceivedLogRecord> records = receiver.awaitRecords(1000, Duration.ofSeconds(20));
      assertThat(records)
          .extracting(ReceivedLogRecord::body)
          .contains("record 0", "record 999")
          .doesNotHaveDuplicates();
      assertThat(receiver.stats().requests()).isGreaterThanOrEqualTo(10);
    }
  }

  private static OtlpHttpLogRecordExporter exporter(
      OtlpReceiver receiver, String sender, String compression) {
    // The sender is chosen when the exporter is built; the property is not needed afterwards.
    System.setProperty(SENDER_PROPERTY, sender);
    try {
      return OtlpHttpLogRecordExporter.builder()
          .setEndpoint(receiver.endpoint())
          .setCompression(compression)
          .setTimeout(Duration.ofSeconds(10))
          .build();
    } finally {
      System.clearProperty(SENDER_PROPERTY);
    }
  }
}
