package dev.logbridge.receiver;

import static dev.logbridge.receiver.Otlp.JSON;
import static dev.logbridge.receiver.Otlp.PROTOBUF;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get the right status, nothing is stored, and the receiver keeps serving. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedInputTest {
  private static final int MAX_BODY = 4096;
  private static OtlpReceiver receiver;

  @BeforeAll
  static void start() {
    receiver = OtlpReceiver.builder().maxBodyBytes(MAX_BODY).build().start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @BeforeEach
  void reset() {
    receiver.reset();
  }

  static Stream<Arguments> badBodies() {
    byte[] valid = Otlp.records(0, 3);
    return Stream.of(
        Arguments.of(
            "garbage protobuf",
            PROTOBUF,
            "this is not protobuf".getBytes(StandardCharsets.UTF_8),
            new String[0],
            400),
        Arguments.of(
            "truncated protobuf",
            PROTOBUF,
            Arrays.copyOf(valid, valid.length - 1),
            new String[0],
            400),
        Arguments.of(
            "invalid JSON",
            JSON,
            "{\"resourceLogs\": [".getBytes(StandardCharsets.UTF_8),
            new String[0],
            400),
        Arguments.of(
            "JSON of the wrong shape",
            JSON,
            "{\"resourceLogs\": 42}".getBytes(StandardCharsets.UTF_8),
            new String[0],
            400),
        Arguments.of("empty JSON", JSON, new byte[0], new String[0], 400),
        Arguments.of("not gzip", PROTOBUF, valid, new String[] {"Content-Encoding", "gzip"}, 400),
        Arguments.of(
            "truncated gzip",
            PROTOBUF,
            Arrays.copyOf(TestClient.gzip(valid), 20),
            new String[] {"Content-Encoding", "gzip"},
            400),
        Arguments.of("oversized body", PROTOBUF, new byte[MAX_BODY + 1], new String[0], 413),
        Arguments.of(
            "gzip expanding beyond the limit",
            PROTOBUF,
            TestClient.gzip(new byte[MAX_BODY * 4]),
            new String[] {"Content-Encoding", "gzip"},
            413),
        Arguments.of(
            "unknown encoding", PROTOBUF, valid, new String[] {"Content-Encoding", "br"}, 415),
        Arguments.of("text content type", "text/plain", valid, new String[0], 415));
  }

  @ParameterizedTest(name = "{0} -> {4}")
  @MethodSource("badBodies")
  void refusesBadRequestAndKeepsServing(
      String what, String contentType, byte[] body, String[] headers, int status) {
    HttpResponse<byte[]> response = TestClient.post(receiver, contentType, body, headers);

    assertThat(response.statusCode()).as(what).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).isPresent();
    assertThat(receiver.stats().recordsReceived()).isZero();
    assertThat(receiver.stats().responses(status)).isEqualTo(1);
    assertValidRequestStillServed();
  }

  @Test
  void missingContentTypeIs415() {
    HttpResponse<byte[]> response =
        TestClient.send(
            TestClient.request(URI.create(receiver.endpoint()), null)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Otlp.records(0, 1)))
                .build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertValidRequestStillServed();
  }

  @Test
  void chunkedBodyOverTheLimitIs413() {
    // No Content-Length: the limit is enforced while reading.
    HttpResponse<byte[]> response =
        TestClient.send(
            TestClient.request(URI.create(receiver.endpoint()), PROTOBUF)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[MAX_BODY * 2])))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertValidRequestStillServed();
  }

  @Test
  void badRequestAnswerIsAStatusMessageInTheRequestFormat() {
    HttpResponse<byte[]> json =
        TestClient.post(receiver, JSON, "[1, 2".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> protobuf =
        TestClient.post(receiver, PROTOBUF, "garbage".getBytes(StandardCharsets.UTF_8));

    assertThat(json.headers().firstValue("Content-Type")).hasValue(JSON);
    assertThat(new String(json.body(), StandardCharsets.UTF_8))
        .startsWith("{\"code\":3,\"message\":\"cannot decode");
    assertThat(protobuf.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    assertThat(protobuf.body()[0])
        .as("google.rpc.Status field 1 (code), varint")
        .isEqualTo((byte) 0x08);
    assertThat(protobuf.body()[1]).as("INVALID_ARGUMENT").isEqualTo((byte) 3);
    assertThat(new String(protobuf.body(), StandardCharsets.UTF_8)).contains("cannot decode");
  }

  @Test
  void emptyProtobufIsAValidEmptyRequest() {
    HttpResponse<byte[]> response = TestClient.post(receiver, PROTOBUF, new byte[0]);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(receiver.stats().recordsReceived()).isZero();
  }

  private static void assertValidRequestStillServed() {
    HttpResponse<byte[]> ok = TestClient.post(receiver, PROTOBUF, Otlp.records(0, 2));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(receiver.awaitRecords(2, Duration.ofSeconds(5))).hasSize(2);
  }
}
