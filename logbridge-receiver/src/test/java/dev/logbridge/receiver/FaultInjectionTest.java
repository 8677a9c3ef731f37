package dev.logbridge.receiver;

import static dev.logbridge.receiver.Otlp.PROTOBUF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fault behaves as specified, and records of faulted requests are never stored. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

  @ParameterizedTest(name = "{0} -> Retry-After {1}")
  @CsvSource({"429, 7", "503, 7", "500, -"})
  void errorStatusWithRetryAfterWhereTheSpecAllowsIt(int status, String retryAfter) {
    try (OtlpReceiver receiver =
        OtlpReceiver.builder()
            .fault(Fault.builder().error(status, 1.0).retryAfter(Duration.ofSeconds(7)).build())
            .build()
            .start()) {
      HttpResponse<byte[]> response = TestClient.post(receiver, PROTOBUF, Otlp.records(0, 3));

      assertThat(response.statusCode()).isEqualTo(status);
      assertThat(response.headers().firstValue("Retry-After"))
          .isEqualTo(
              "-".equals(retryAfter)
                  ? java.util.Optional.empty()
                  : java.util.Optional.of(retryAfter));
      assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("fault injected");
      assertThat(receiver.records()).isEmpty();
      assertThat(receiver.stats().erroredRequests()).isEqualTo(1);
      assertThat(receiver.stats().responses(status)).isEqualTo(1);

      receiver.clearFault();
      assertThat(TestClient.post(receiver, PROTOBUF, Otlp.records(0, 3)).statusCode())
          .isEqualTo(200);
      assertThat(receiver.stats().recordsReceived()).isEqualTo(3);
    }
  }

  @Test
  void errorRateIsRepeatableWithTheSameSeed() {
    Fault fault = Fault.builder().error(503, 0.5).seed(42).build();
    List<Integer> first = statuses(fault, 40);
    List<Integer> second = statuses(fault, 40);

    assertThat(first).isEqualTo(second).contains(200, 503).containsOnly(200, 503);
    assertThat(statuses(Fault.builder().error(503, 0.5).seed(43).build(), 40)).isNotEqualTo(first);
  }

  private static List<Integer> statuses(Fault fault, int requests) {
    try (OtlpReceiver receiver = OtlpReceiver.builder().fault(fault).build().start()) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        statuses.add(TestClient.post(receiver, PROTOBUF, Otlp.records(i, 1)).statusCode());
      }
      long accepted = statuses.stream().filter(s -> s == 200).count();
      ReceiverStats stats = receiver.stats();
      assertThat(stats.recordsReceived()).isEqualTo(accepted);
      assertThat(stats.erroredRequests()).isEqualTo(requests - accepted);
      return statuses;
    }
  }

  @Test
  void fixedDelayAnswersLateAndStillStores() {
    try (OtlpReceiver receiver =
        OtlpReceiver.builder().fault(Fault.delay(Duration.ofMillis(300))).build().start()) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = TestClient.post(receiver, PROTOBUF, Otlp.records(0, 1));
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(elapsedMillis).isBetween(290L, 10_000L);
      assertThat(receiver.stats().delayedRequests()).isEqualTo(1);
      assertThat(receiver.records()).hasSize(1);
    }
  }

  @Test
  void randomDelayStaysWithinItsRange() {
    Fault fault =
        Fault.builder().delay(Duration.ofMillis(100), Duration.ofMillis(200)).seed(7).build();
    try (OtlpReceiver receiver = OtlpReceiver.builder().fault(fault).build().start()) {
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        assertThat(TestClient.post(receiver, PROTOBUF, Otlp.records(i, 1)).statusCode())
            .isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
            .isBetween(95L, 10_000L);
      }
      assertThat(receiver.stats().delayedRequests()).isEqualTo(5);
    }
  }

  @Test
  void delayedRequestsHoldNoThread() {
    // Ten requests delayed by one second on two threads: if a delay held a thread this would take
    // five.
    try (OtlpReceiver receiver =
        OtlpReceiver.builder()
            .threads(2)
            .fault(Fault.delay(Duration.ofSeconds(1)))
            .build()
            .start()) {
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        responses.add(postAsync(receiver, Otlp.records(i, 1)));
      }
      responses.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));

      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_500L);
      assertThat(receiver.stats().recordsReceived()).isEqualTo(10);
    }
  }

  @Test
  void dropClosesTheConnectionWithoutAnswer() throws IOException {
    try (OtlpReceiver receiver = OtlpReceiver.builder().fault(Fault.drop(1.0)).build().start()) {
      byte[] received = rawPost(receiver, Otlp.records(0, 2));

      assertThat(received).as("bytes before the connection closed").isEmpty();
      assertThatThrownBy(() -> TestClient.post(receiver, PROTOBUF, Otlp.records(0, 2)))
          .hasRootCauseInstanceOf(IOException.class);
      assertThat(receiver.stats().droppedRequests()).isEqualTo(2);
      assertThat(receiver.stats().responsesByStatus()).isEmpty();
      assertThat(receiver.records()).isEmpty();
    }
  }

  @Test
  void hangHoldsRequestsUntilTheFaultIsCleared() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().fault(Fault.hang()).build().start()) {
      CompletableFuture<HttpResponse<byte[]>> first = postAsync(receiver, Otlp.records(0, 1));
      CompletableFuture<HttpResponse<byte[]>> second = postAsync(receiver, Otlp.records(1, 1));
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.stats().hungRequests() == 2);
      assertThat(first).isNotDone();

      receiver.clearFault();

      assertThat(first.join().statusCode()).isEqualTo(503);
      assertThat(second.join().statusCode()).isEqualTo(503);
      assertThat(receiver.records()).isEmpty();
      assertThat(TestClient.post(receiver, PROTOBUF, Otlp.records(2, 1)).statusCode())
          .isEqualTo(200);
      assertThat(receiver.records())
          .extracting(ReceivedLogRecord::body)
          .containsExactly("record 2");
    }
  }

  @Test
  void closeReleasesHungRequests() {
    OtlpReceiver receiver = OtlpReceiver.builder().fault(Fault.hang()).build().start();
    CompletableFuture<HttpResponse<byte[]>> hung = postAsync(receiver, Otlp.records(0, 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.stats().hungRequests() == 1);

    receiver.close();

    // Released with 503 just before the server stops; either way the client is not left waiting.
    assertThat(
            hung.handle((response, error) -> error != null || response.statusCode() == 503)
                .orTimeout(10, TimeUnit.SECONDS)
                .join())
        .isTrue();
    assertThat(receiver.records()).isEmpty();
  }

  @Test
  void faultsSwitchAtRuntime() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      receiver.setFault(Fault.error(429, 1.0));
      assertThat(receiver.fault().errorStatus()).isEqualTo(429);
      assertThat(TestClient.post(receiver, PROTOBUF, Otlp.records(0, 1)).statusCode())
          .isEqualTo(429);
      receiver.setFault(Fault.none());
      assertThat(TestClient.post(receiver, PROTOBUF, Otlp.records(1, 1)).statusCode())
          .isEqualTo(200);
      assertThat(receiver.records())
          .extracting(ReceivedLogRecord::body)
          .containsExactly("record 1");
    }
  }

  private static CompletableFuture<HttpResponse<byte[]>> postAsync(
      OtlpReceiver receiver, byte[] body) {
    HttpRequest request =
        TestClient.request(URI.create(receiver.endpoint()), PROTOBUF)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return TestClient.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends one request on a fresh socket and returns every byte that came back before EOF. */
  private static byte[] rawPost(OtlpReceiver receiver, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      try {
        in.transferTo(received);
      } catch (SocketException reset) {
        // A reset is a closed connection too.
      }
      return received.toByteArray();
    }
  }
}
