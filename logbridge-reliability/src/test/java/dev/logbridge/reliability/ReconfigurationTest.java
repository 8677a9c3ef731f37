package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.logbridge.BridgeStats;
import dev.logbridge.LogBridge;
import dev.logbridge.logback.LogbackFixture;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.LoadResult;
import dev.logbridge.testing.BlockingLogRecordExporter;
import dev.logbridge.testing.TestOpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Logback-specific: the application resets and reconfigures Logback (as a configuration scan or
 * an admin endpoint does) while logbridge's pipeline is stuck in a slow export and flushes are
 * in flight, both an explicit one and the one the stopping appender makes. Nothing may deadlock,
 * the reset must return within the appender's flush timeout, and after the exporter recovers
 * every record that reached logbridge is emitted or counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReconfigurationTest {
  private static final long STOP_FLUSH_MILLIS = 1000;
  private static final String XML =
      "<configuration>\n"
          + Reliability.Logback.appenderXml(
              "OTEL",
              "    <shutdownHook>false</shutdownHook>\n"
                  + "    <stopFlushTimeoutMillis>"
                  + STOP_FLUSH_MILLIS
                  + "</stopFlushTimeoutMillis>\n")
          + "  <root level=\"TRACE\"><appender-ref ref=\"OTEL\"/></root>\n"
          + "</configuration>\n";

  @AfterEach
  void tearDown() {
    Reliability.Logback.INSTANCE.tearDown();
  }

  @Test
  void resetAndReconfigureWhileAFlushWaitsOnASlowExporterNeitherDeadlocksNorLoses()
      throws Exception {
    BlockingLogRecordExporter slow = new BlockingLogRecordExporter(Duration.ofSeconds(30));
    try (TestOpenTelemetry otel = TestOpenTelemetry.withExporters(slow)) {
      LoggerContext context = LogbackFixture.configureXml(XML);
      LogBridge.install(otel.sdk());
      AppLogger app = Reliability.Logback.INSTANCE.logger("com.example.Checkout");
      app.info("first");
      assertThat(slow.awaitBlocked(Duration.ofSeconds(10))).as("the export is stuck").isTrue();

      CompletableFuture<Boolean> explicitFlush =
          CompletableFuture.supplyAsync(() -> LogBridge.flush(Duration.ofSeconds(5)));
      AtomicBoolean reconfigured = new AtomicBoolean();
      long[] resetNanos = new long[1];
      Thread admin =
          new Thread(
              () -> {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // schedule, not a wait
                long start = System.nanoTime();
                context.reset(); // stops the appender: its flush waits on the stuck export
                resetNanos[0] = System.nanoTime() - start;
                LogbackFixture.reconfigure(context, XML);
                reconfigured.set(true);
              },
              "admin");
      admin.start();
      LoadResult load =
          Reliability.runLoad(
              4,
              Duration.ofMillis(1500),
              50_000,
              (thread, i) -> {
                app.info("t" + thread + "-" + i);
                if (i % 50 == 49) {
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing
                }
              });
      admin.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(reconfigured).as("reset and reconfigure finished").isTrue();

      BridgeStats stuck = LogBridge.stats();
      slow.release();
      boolean flushedInFlight = explicitFlush.get(10, TimeUnit.SECONDS);
      app.info("after reconfiguration");
      assertThat(LogBridge.flush(Duration.ofSeconds(10))).isTrue();
      BridgeStats stats = LogBridge.stats();

      assertThat(resetNanos[0])
          .as("reset took (ns)")
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(STOP_FLUSH_MILLIS + 2000));
      assertThat(stats.pending()).as(stats.summary()).isZero();
      assertThat(LogBridge.global().queueSize()).isZero();
      // By content: every record the exporter got is a call this test made, once.
      List<String> bodies = otel.bodies();
      assertThat(bodies)
          .doesNotHaveDuplicates()
          .allMatch(
              b ->
                  b.equals("first")
                      || b.equals("after reconfiguration")
                      || b.matches("t[0-3]-\\d+"));
      // Records logged while Logback had no appender never reached logbridge: Logback's gap,
      // not a loss of ours. Every record that reached logbridge arrived or was counted dropped.
      assertThat(bodies.size() + stats.droppedAfterAcceptance())
          .as(stats.summary())
          .isEqualTo(stats.accepted());
      assertThat(stats.accepted()).isLessThanOrEqualTo(load.calls + 2);
      assertThat(otel.bodies()).contains("after reconfiguration");
      Reliability.report(
          "Logback reset + reconfigure during a stuck flush (logback)",
          "4 threads x 1500 ms, export stuck until released",
          load,
          stats,
          "reset_took="
              + resetNanos[0] / 1_000_000
              + "ms explicit_flush_in_flight="
              + flushedInFlight
              + " queue_while_stuck="
              + stuck.pending()
              + " not_reaching_logbridge(reset gap)="
              + (load.calls + 2 - stats.accepted()));
    }
  }
}
