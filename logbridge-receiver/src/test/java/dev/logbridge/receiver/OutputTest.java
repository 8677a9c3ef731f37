package dev.logbridge.receiver;

import static dev.logbridge.receiver.Otlp.PROTOBUF;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The JSONL file and the printed lines carry every stored record. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutputTest {
  private static final LogRecord RECORD =
      LogRecord.newBuilder()
          .setTimeUnixNano(1_700_000_000_123_000_000L)
          .setSeverityNumberValue(13)
          .setSeverityText("WARN")
          .setBody(Otlp.string("line one\nline \"two\""))
          .setTraceId(
              ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c")))
          .addAttributes(Otlp.kv("user", Otlp.string("ada")))
          .addAttributes(Otlp.kv("count", AnyValue.newBuilder().setIntValue(3).build()))
          .build();

  @Test
  void writesOneJsonObjectPerRecord(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("records.jsonl");
    try (OtlpReceiver receiver = OtlpReceiver.builder().jsonlOutput(file).build().start()) {
      TestClient.post(
          receiver, PROTOBUF, Otlp.request(RECORD, Otlp.record("second")).toByteArray());
      receiver.awaitRecords(2, Duration.ofSeconds(5));
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    Struct.Builder first = Struct.newBuilder();
    JsonFormat.parser().merge(lines.get(0), first);
    assertThat(first.getFieldsOrThrow("body").getStringValue()).isEqualTo("line one\nline \"two\"");
    assertThat(first.getFieldsOrThrow("severityText").getStringValue()).isEqualTo("WARN");
    assertThat(first.getFieldsOrThrow("time").getStringValue())
        .isEqualTo("2023-11-14T22:13:20.123Z");
    assertThat(first.getFieldsOrThrow("traceId").getStringValue())
        .isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(first.getFieldsOrThrow("scopeName").getStringValue()).isEqualTo("test-scope");
    Struct attributes = first.getFieldsOrThrow("attributes").getStructValue();
    assertThat(attributes.getFieldsOrThrow("user").getStringValue()).isEqualTo("ada");
    assertThat(attributes.getFieldsOrThrow("count").getNumberValue()).isEqualTo(3.0);
    assertThat(
            first
                .getFieldsOrThrow("resource")
                .getStructValue()
                .getFieldsOrThrow("service.name")
                .getStringValue())
        .isEqualTo("test");
  }

  @Test
  void printsOneReadableLinePerRecord() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (OtlpReceiver receiver = OtlpReceiver.builder().print(out).build().start()) {
      TestClient.post(receiver, PROTOBUF, Otlp.request(RECORD).toByteArray());
      receiver.awaitRecords(1, Duration.ofSeconds(5));
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "2023-11-14T22:13:20.123Z WARN  [test-scope] line one\\nline \"two\""
                + " trace=5b8efff798038103d269b633813fc60c {user=ada, count=3}\n");
  }
}
