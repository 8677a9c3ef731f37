package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.StatusListener.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusChannelTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final StatusChannel channel =
      new StatusChannel(
          Duration.ofSeconds(10),
          nanos::get,
          new PrintStream(stderr, true, StandardCharsets.UTF_8));

  @Test
  void writesToTheFallbackStreamWhenNoListenerIsRegistered() {
    channel.report(Level.WARN, "k", "queue full");

    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("logbridge WARN: queue full\n");
  }

  @Test
  void rateLimitsPerKeyAndCountsWhatItSuppressed() {
    assertThat(channel.report(Level.WARN, "k", "first")).isTrue();
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(channel.report(Level.WARN, "k", "second")).isFalse();
    assertThat(channel.report(Level.WARN, "other", "other key")).isTrue();
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(channel.report(Level.WARN, "k", "third")).isTrue();

    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "logbridge WARN: first\n"
                + "logbridge WARN: other key\n"
                + "logbridge WARN: third (1 similar messages suppressed)\n");
  }

  @Test
  void withAListenerWarningsStillReachStderrButInfoDoesNot() {
    List<String> received = new ArrayList<>();
    channel.addListener((level, message) -> received.add(level + " " + message));

    channel.report(Level.WARN, "queue_full", "dropped 3 records");
    channel.report(Level.ERROR, "emit_error", "emit failed");
    channel.report(Level.INFO, "autoconfigure", "built the SDK");

    assertThat(received)
        .containsExactly("WARN dropped 3 records", "ERROR emit failed", "INFO built the SDK");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo("logbridge WARN: dropped 3 records\nlogbridge ERROR: emit failed\n");
  }

  @Test
  void theStderrCopyCanBeTurnedOffWhileAListenerReceives() {
    StatusChannel quiet =
        new StatusChannel(
            Duration.ofSeconds(10),
            nanos::get,
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            false);
    List<String> received = new ArrayList<>();
    quiet.report(Level.WARN, "before", "no listener yet");
    quiet.addListener((level, message) -> received.add(level + " " + message));
    quiet.report(Level.WARN, "queue_full", "dropped 3 records");

    assertThat(received).containsExactly("WARN dropped 3 records");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo("logbridge WARN: no listener yet\n");
  }

  @Test
  void listenersReplaceTheFallbackForInfoAndTheirFailuresAreContained() {
    List<String> received = new ArrayList<>();
    channel.addListener((level, message) -> received.add(level + " " + message));
    channel.addListener(
        (level, message) -> {
          throw new IllegalStateException("listener broke");
        });

    channel.reportAlways(Level.ERROR, "bad config");

    assertThat(received).containsExactly("ERROR bad config");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("listener broke")
        .contains("bad config");
  }
}
