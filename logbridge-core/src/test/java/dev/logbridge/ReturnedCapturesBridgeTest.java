package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.spi.RecordTranslator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Busy logging threads get their captures back from the pipeline ({@link ReturnedCaptures}):
 * whatever path a capture takes back (its thread's queue, the ring, or neither), every record
 * arrives once with its own fields: a capture reused while the pipeline still read it would show
 * as a body paired with another record's attributes, or as a record lost or delivered twice.
 */
class ReturnedCapturesBridgeTest {
  private static final int QUEUE_CAPACITY = 256;
  private static final AttributeKey<String> WRITER = AttributeKey.stringKey("writer");
  private static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("sequence");

  /** Writes "writer/sequence" into the body and the same two values into attributes. */
  private static final RecordTranslator<long[]> STAMPED =
      (event, capture) ->
          capture
              .severity(Severity.INFO, "INFO")
              .body(Thread.currentThread().getName() + "/" + event[0])
              .attribute("writer", Thread.currentThread().getName())
              .attribute("sequence", event[0]);

  @Test
  @Timeout(120)
  void busyThreadsLoggingThroughTwoBridgesInTurnDeliverEachRecordOnceWithItsOwnFields()
      throws Exception {
    int writers = 4;
    int perWriter = 20_000;
    // Runs longer than CallerState.RECORDS_BEFORE_RETURNS, so that each thread's queue keeps
    // moving from one bridge to the other while the old bridge's pipeline still returns into it.
    int run = CallerState.RECORDS_BEFORE_RETURNS * 3 / 2;
    try (InMemoryOtel first = new InMemoryOtel();
        InMemoryOtel second = new InMemoryOtel()) {
      Bridge[] bridges = {bridgeInto(first), bridgeInto(second)};
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Thread thread =
            new Thread(
                () -> {
                  TestCaptures.awaitQuietly(start);
                  long[] sequence = new long[1];
                  for (int i = 0; i < perWriter; i++) {
                    Bridge bridge = bridges[(i / run) % 2];
                    // Back-pressure, so that the records travel the whole way instead of being
                    // dropped at a full ring: at most half the ring is ever pending.
                    while (bridge.stats().pending() > QUEUE_CAPACITY / 2) {
                      Thread.yield();
                    }
                    sequence[0] = i;
                    bridge.capture("com.example.Busy", sequence, STAMPED);
                  }
                },
                "writer-" + w);
        threads.add(thread);
        thread.start();
      }
      start.countDown();
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(90));
        assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
      }
      for (Bridge bridge : bridges) {
        assertThat(bridge.flush(Duration.ofSeconds(20))).isTrue();
      }

      Set<String> seen = new HashSet<>();
      long mismatched = 0;
      long duplicates = 0;
      for (InMemoryOtel otel : List.of(first, second)) {
        for (LogRecordData record : otel.logs()) {
          String body = record.getBodyValue().asString();
          String fields =
              record.getAttributes().get(WRITER) + "/" + record.getAttributes().get(SEQUENCE);
          if (!body.equals(fields)) {
            mismatched++;
          }
          if (!seen.add(body)) {
            duplicates++;
          }
        }
      }
      long accepted = bridges[0].stats().accepted() + bridges[1].stats().accepted();
      long lost =
          bridges[0].stats().droppedAfterAcceptance() + bridges[1].stats().droppedAfterAcceptance();
      assertThat(mismatched).as("records whose body and attributes disagree").isZero();
      assertThat(duplicates).as("records delivered twice").isZero();
      assertThat(lost).as("records dropped").isZero();
      assertThat(accepted).isEqualTo((long) writers * perWriter);
      assertThat(seen).hasSize(writers * perWriter);
    }
  }

  private static Bridge bridgeInto(InMemoryOtel otel) {
    Bridge bridge =
        Bridge.start(
            BridgeSettings.builder()
                .queueCapacity(QUEUE_CAPACITY)
                .batchSize(32)
                .shutdownHookEnabled(false)
                .build());
    bridge.install(otel.sdk);
    return bridge;
  }
}
