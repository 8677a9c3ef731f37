package dev.logbridge.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.testing.BodyTally;
import dev.logbridge.testing.TestOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.async.AsyncLoggerContextSelector;
import org.apache.logging.log4j.util.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs in its own surefire execution (a JVM with {@code Log4jContextSelector} set to async loggers
 * and garbage-free mode on): Log4j reuses ring-buffer events and messages, so every record must be
 * copied during {@code append}.
 */
class Log4jAsyncLoggerTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = Integer.getInteger("perThread", 100_000);

  private final Logger logger = LogManager.getLogger("com.example.Async");

  @AfterEach
  void tearDown() {
    Log4jFixture.tearDown();
  }

  @Test
  void runsWithAsyncLoggersInGarbageFreeMode() {
    assertThat(AsyncLoggerContextSelector.isSelected()).isTrue();
    assertThat(Constants.ENABLE_THREADLOCALS).isTrue();
  }

  @Test
  @Timeout(120)
  void fourThreadsTimesOneHundredThousandRecordsKeepTheirOwnContent() throws Exception {
    // A queue larger than the load: nothing may be dropped, so every record is checked.
    Log4jFixture.configure("queueCapacity=\"524288\"", false);
    BodyTally tally = new BodyTally(THREADS, PER_THREAD);
    OpenTelemetrySdk sdk = TestOpenTelemetry.sdkExportingTo(tally);
    LogBridge.install(sdk);
    try {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        threads.add(
            new Thread(
                () -> {
                  for (int i = 0; i < PER_THREAD; i++) {
                    // Parameterised: the reusable message is rendered into the reused ring-buffer
                    // event.
                    logger.info("t{}-{}", thread, i);
                  }
                },
                "producer-" + t));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        assertThat(thread.isAlive()).as("producer finished in time").isFalse();
      }
      // Wait (bounded) until Log4j's ring buffer has drained into the bridge, and the bridge into
      // the SDK.
      BridgeStats stats = LogBridge.stats();
      long total = (long) THREADS * PER_THREAD;
      while ((stats.accepted() < total || stats.pending() > 0) && System.nanoTime() < deadline) {
        LogBridge.flush(Duration.ofSeconds(1));
        stats = LogBridge.stats();
      }

      System.out.println(
          "async loggers: "
              + stats.summary()
              + " arrivedOnce="
              + tally.arrivedOnce()
              + " missing="
              + tally.missing());
      assertThat(tally.unexpected()).isZero();
      assertThat(tally.duplicated()).isZero();
      // Calls made = records that arrived by content (each "t<thread>-<index>" once) + drops.
      tally.reconcile(stats).assertReconciled();
      assertThat(stats.pending()).isZero();
      assertThat(LogBridge.global().queueSize()).isZero();
      // Every record arrived with its own body or was counted as dropped; none was mixed up.
      assertThat(tally.arrivedOnce()).isEqualTo(stats.emitted());
      assertThat(tally.arrivedOnce() + stats.droppedAfterAcceptance())
          .isEqualTo((long) THREADS * PER_THREAD);
      assertThat(tally.arrivedOnce()).isEqualTo((long) THREADS * PER_THREAD);
    } finally {
      sdk.close();
    }
  }

  @Test
  @Timeout(30)
  void asyncLoggersKeepTheCallersTraceContext() {
    Log4jFixture.configure("", false);
    try (TestOpenTelemetry otel = TestOpenTelemetry.create()) {
      LogBridge.install(otel.sdk());
      Span span = otel.startSpan("async-logger");
      try (Scope ignored = span.makeCurrent()) {
        logger.info("in span");
      } finally {
        span.end();
      }
      logger.info("outside");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (otel.logs().size() < 2 && System.nanoTime() < deadline) {
        LogBridge.flush(Duration.ofMillis(100));
      }

      assertThat(otel.logs()).hasSize(2);
      assertThat(otel.logs().get(0).getSpanContext()).isEqualTo(span.getSpanContext());
      assertThat(otel.logs().get(1).getSpanContext().isValid()).isFalse();
    }
  }
}
