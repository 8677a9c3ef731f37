package dev.logbridge.receiver;

import static dev.logbridge.receiver.Otlp.JSON;
import static dev.logbridge.receiver.Otlp.PROTOBUF;
import static dev.logbridge.receiver.Otlp.kv;
import static dev.logbridge.receiver.Otlp.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bodies in the OTLP JSON mapping decode exactly like their protobuf twins. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonDecodingTest {
  // After the OTLP specification's examples/logs.json: hex ids (upper case there), int64 as
  // strings,
  // severityNumber as an int; plus bytes (base64, as for any bytes other than ids), flags, event
  // name.
  private static final String EXAMPLE =
      """
      {
        "resourceLogs": [{
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "my.service"}}]},
          "scopeLogs": [{
            "scope": {"name": "my.library", "version": "1.0.0"},
            "logRecords": [{
              "timeUnixNano": "1544712660300000000",
              "observedTimeUnixNano": "1544712660300000001",
              "severityNumber": 10,
              "severityText": "Information",
              "traceId": "5B8EFFF798038103D269B633813FC60C",
              "spanId": "EEE19B7EC3C1B174",
              "flags": 1,
              "eventName": "my.event",
              "body": {"stringValue": "Example log record"},
              "attributes": [
                {"key": "string.attribute", "value": {"stringValue": "some string"}},
                {"key": "boolean.attribute", "value": {"boolValue": true}},
                {"key": "int.attribute", "value": {"intValue": "10"}},
                {"key": "double.attribute", "value": {"doubleValue": 637.704}},
                {"key": "bytes.attribute", "value": {"bytesValue": "AAEC"}},
                {"key": "array.attribute", "value": {"arrayValue": {"values": [
                  {"stringValue": "many"}, {"stringValue": "values"}]}}},
                {"key": "map.attribute", "value": {"kvlistValue": {"values": [
                  {"key": "some.map.key", "value": {"stringValue": "some value"}}]}}}
              ]
            }]
          }]
        }]
      }
      """;

  private static ExportLogsServiceRequest exampleAsProtobuf() {
    LogRecord record =
        LogRecord.newBuilder()
            .setTimeUnixNano(1544712660300000000L)
            .setObservedTimeUnixNano(1544712660300000001L)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO2)
            .setSeverityText("Information")
            .setTraceId(
                ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c")))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("eee19b7ec3c1b174")))
            .setFlags(1)
            .setEventName("my.event")
            .setBody(string("Example log record"))
            .addAttributes(kv("string.attribute", string("some string")))
            .addAttributes(
                kv("boolean.attribute", AnyValue.newBuilder().setBoolValue(true).build()))
            .addAttributes(kv("int.attribute", AnyValue.newBuilder().setIntValue(10).build()))
            .addAttributes(
                kv("double.attribute", AnyValue.newBuilder().setDoubleValue(637.704).build()))
            .addAttributes(
                kv(
                    "bytes.attribute",
                    AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {0, 1, 2}))
                        .build()))
            .addAttributes(
                kv(
                    "array.attribute",
                    AnyValue.newBuilder()
                        .setArrayValue(
                            ArrayValue.newBuilder()
                                .addValues(string("many"))
                                .addValues(string("values")))
                        .build()))
            .addAttributes(
                kv(
                    "map.attribute",
                    AnyValue.newBuilder()
                        .setKvlistValue(
                            KeyValueList.newBuilder()
                                .addValues(kv("some.map.key", string("some value"))))
                        .build()))
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder().addAttributes(kv("service.name", string("my.service"))))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder()
                                .setName("my.library")
                                .setVersion("1.0.0"))
                        .addLogRecords(record)))
        .build();
  }

  @Test
  void handWrittenJsonEqualsItsProtobufTwin() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      assertThat(TestClient.post(receiver, JSON, utf8(EXAMPLE)).statusCode()).isEqualTo(200);
      assertThat(
              TestClient.post(receiver, PROTOBUF, exampleAsProtobuf().toByteArray()).statusCode())
          .isEqualTo(200);

      List<ReceivedLogRecord> records = receiver.awaitRecords(2, Duration.ofSeconds(5));
      assertThat(records.get(0)).isEqualTo(records.get(1));
      ReceivedLogRecord record = records.get(0);
      assertThat(record.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
      assertThat(record.spanId()).isEqualTo("eee19b7ec3c1b174");
      assertThat(record.timestamp()).isEqualTo(Instant.parse("2018-12-13T14:51:00.300Z"));
      assertThat(record.observedTimeUnixNano()).isEqualTo(1544712660300000001L);
      assertThat(record.severityNumber()).isEqualTo(10);
      assertThat(record.flags()).isEqualTo(1);
      assertThat(record.eventName()).isEqualTo("my.event");
      assertThat(record.scopeName()).isEqualTo("my.library");
      assertThat(record.scopeVersion()).isEqualTo("1.0.0");
      assertThat(record.resourceAttributes()).containsExactly(entry("service.name", "my.service"));
      assertThat(record.attributes())
          .containsEntry("string.attribute", "some string")
          .containsEntry("boolean.attribute", true)
          .containsEntry("int.attribute", 10L)
          .containsEntry("double.attribute", 637.704)
          .containsEntry("array.attribute", List.of("many", "values"))
          .containsEntry("map.attribute", Map.of("some.map.key", "some value"));
      assertThat((byte[]) record.attributes().get("bytes.attribute")).containsExactly(0, 1, 2);
    }
  }

  @Test
  void acceptsNumbersForInt64EnumNamesGzipAndUnknownFields() {
    String variant =
        EXAMPLE
            .replace("\"1544712660300000000\"", "1544712660300000000")
            .replace(
                "\"severityNumber\": 10",
                "\"severityNumber\": \"SEVERITY_NUMBER_INFO2\", \"futureField\": {\"x\": 1}")
            .replace("{\"intValue\": \"10\"}", "{\"intValue\": 10}");
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      HttpResponse<byte[]> response =
          TestClient.post(
              receiver,
              "application/json; charset=utf-8",
              TestClient.gzip(utf8(variant)),
              "Content-Encoding",
              "gzip");
      TestClient.post(receiver, PROTOBUF, exampleAsProtobuf().toByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
      List<ReceivedLogRecord> records = receiver.awaitRecords(2, Duration.ofSeconds(5));
      assertThat(records.get(0)).isEqualTo(records.get(1));
    }
  }

  @Test
  void base64IdsFromOlderSendersAreTolerated() {
    String base64 =
        EXAMPLE
            .replace("5B8EFFF798038103D269B633813FC60C", "W47/95gDgQPSabYzgT/GDA==")
            .replace("EEE19B7EC3C1B174", "7uGbfsPBsXQ=");
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      assertThat(TestClient.post(receiver, JSON, utf8(base64)).statusCode()).isEqualTo(200);

      ReceivedLogRecord record = receiver.awaitRecords(1, Duration.ofSeconds(5)).get(0);
      assertThat(record.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
      assertThat(record.spanId()).isEqualTo("eee19b7ec3c1b174");
    }
  }

  @Test
  void idsThatAreNeitherHexNorOfTheRightSizeAre400() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      HttpResponse<byte[]> wrongLength =
          TestClient.post(
              receiver,
              JSON,
              utf8(
                  EXAMPLE.replace("5B8EFFF798038103D269B633813FC60C", "5B8EFFF798038103D269B633")));
      HttpResponse<byte[]> notHex =
          TestClient.post(
              receiver, JSON, utf8(EXAMPLE.replace("EEE19B7EC3C1B174", "zzzzzzzzzzzzzzzz")));

      assertThat(wrongLength.statusCode()).isEqualTo(400);
      assertThat(new String(wrongLength.body(), StandardCharsets.UTF_8))
          .contains("traceId must be 32 hex digits");
      assertThat(notHex.statusCode()).isEqualTo(400);
      assertThat(new String(notHex.body(), StandardCharsets.UTF_8))
          .contains("spanId must be 16 hex digits");
      assertThat(receiver.records()).isEmpty();
    }
  }

  @Test
  void emptyIdsMeanNoTraceContext() {
    String noIds =
        EXAMPLE.replace("5B8EFFF798038103D269B633813FC60C", "").replace("EEE19B7EC3C1B174", "");
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      assertThat(TestClient.post(receiver, JSON, utf8(noIds)).statusCode()).isEqualTo(200);

      ReceivedLogRecord record = receiver.awaitRecords(1, Duration.ofSeconds(5)).get(0);
      assertThat(record.traceId()).isEmpty();
      assertThat(record.spanId()).isEmpty();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
