package dev.logbridge.receiver;

import static dev.logbridge.receiver.Otlp.PROTOBUF;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Memory is bounded by maxRecords, while the counters see everything. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoundedMemoryTest {

  @Test
  void keepsTheNewestRecordsAndCountsAll() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().maxRecords(10).build().start()) {
      for (int i = 0; i < 100; i += 7) {
        int count = Math.min(7, 100 - i);
        assertThat(TestClient.post(receiver, PROTOBUF, Otlp.records(i, count)).statusCode())
            .isEqualTo(200);
      }

      ReceiverSnapshot snapshot = receiver.snapshot();
      assertThat(snapshot.records())
          .extracting(ReceivedLogRecord::body)
          .containsExactlyElementsOf(
              IntStream.range(90, 100).mapToObj(i -> "record " + i).toList());
      assertThat(snapshot.stats().recordsReceived()).isEqualTo(100);
      assertThat(snapshot.stats().recordsRetained()).isEqualTo(10);
      assertThat(snapshot.stats().recordsEvicted()).isEqualTo(90);
      assertThat(snapshot.stats().recordsRejected()).isZero();
      assertThat(snapshot.stats().requests()).isEqualTo(15);
      assertThat(snapshot.stats().bytesReceived()).isPositive();
    }
  }

  @Test
  void resetForgetsRecordsAndCounters() {
    try (OtlpReceiver receiver = OtlpReceiver.builder().maxRecords(10).build().start()) {
      TestClient.post(receiver, PROTOBUF, Otlp.records(0, 20));
      receiver.reset();

      ReceiverSnapshot snapshot = receiver.snapshot();
      assertThat(snapshot.records()).isEmpty();
      assertThat(snapshot.stats())
          .isEqualTo(new ReceiverStats(0, 0, 0, 0, 0, 0, java.util.Map.of(), 0, 0, 0, 0));

      TestClient.post(receiver, PROTOBUF, Otlp.records(100, 1));
      assertThat(receiver.records())
          .extracting(ReceivedLogRecord::body)
          .containsExactly("record 100");
    }
  }
}
