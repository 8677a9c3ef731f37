package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DumpThreadsOnTimeout.class)
@Timeout(60)
class StallWatchdogTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** A named monitor class so the verdict shows which lock it is. */
  static final class AuditSink {}

  private final AuditSink sink = new AuditSink();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> started = new ArrayList<>();
  private final List<Diagnosis> reports = new CopyOnWriteArrayList<>();
  private final AtomicLong now = new AtomicLong();

  @AfterEach
  void releaseEverything() throws InterruptedException {
    release.countDown();
    for (Thread t : started) {
      t.interrupt();
      t.join(DEADLINE.toMillis());
      assertThat(t.isAlive()).as("%s ended", t.getName()).isFalse();
    }
  }

  private Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    started.add(t);
    t.start();
    return t;
  }

  /** One holder waits on a latch while holding the sink; five threads block on the sink. */
  private void fiveBlockedBehindHolder() throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    start(
        "holder",
        () -> {
          synchronized (sink) {
            holding.countDown();
            awaitRelease();
          }
        });
    assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<Thread> blocked = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      blocked.add(
          start(
              "blocked-" + i,
              () -> {
                synchronized (sink) {
                  sink.hashCode();
                }
              }));
    }
    awaitStates(blocked, Thread.State.BLOCKED);
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitStates(List<Thread> threads, Thread.State state) {
    try {
      Awaitility.await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> threads.stream().allMatch(t -> t.getState() == state));
    } catch (ConditionTimeoutException e) {
      TestThreads.printAll("threads not " + state);
      throw e;
    }
  }

  private StallWatchdog.Builder watchdog() {
    return StallWatchdog.builder()
        .clock(now::get)
        .threshold(Duration.ofSeconds(2))
        .minThreads(3)
        .listener(reports::add);
  }

  /** Samples once to start the waits, moves the clock past the 2 s threshold, and samples again. */
  private Diagnosis sampleAcrossThreshold(StallWatchdog dog) {
    dog.sampleOnce();
    now.addAndGet(TimeUnit.SECONDS.toNanos(3));
    return dog.sampleOnce();
  }

  @Test
  void reportsAHotLockNamingTheHolderOncePerIncidentAfterTheThreshold()
      throws InterruptedException {
    fiveBlockedBehindHolder();
    StallWatchdog dog = watchdog().build();

    assertThat(dog.sampleOnce()).as("waits just began").isNull();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_900));
    assertThat(dog.sampleOnce()).as("below the threshold").isNull();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
    Diagnosis d = dog.sampleOnce();

    assertThat(d.verdict()).isEqualTo(Verdict.STALL);
    Finding hot = d.findings(Finding.Kind.HOT_LOCK).get(0);
    assertThat(hot.owner()).isEqualTo("holder");
    assertThat(hot.threads()).hasSize(5).allMatch(n -> n.startsWith("blocked-"));
    assertThat(hot.lock().className()).endsWith("StallWatchdogTest$AuditSink");
    assertThat(hot.message())
        .contains("5 threads blocked behind", "held by `holder`", "CountDownLatch");
    assertThat(reports).containsExactly(d);

    now.addAndGet(TimeUnit.SECONDS.toNanos(5));
    assertThat(dog.sampleOnce()).isNotNull();
    assertThat(reports).as("same incident is reported once").hasSize(1);

    release.countDown();
    Awaitility.await().atMost(DEADLINE).until(() -> started.stream().noneMatch(Thread::isAlive));
    assertThat(dog.sampleOnce()).as("incident over").isNull();
  }

  @Test
  void runningWatchdogReportsWithinSecondsAndStopsPromptly() throws Exception {
    fiveBlockedBehindHolder();
    // The holder starts waiting on its latch before the others block, so an early report may
    // be about that wait alone; the one that matters names the hot lock and its holder.
    CompletableFuture<Diagnosis> hotLock = new CompletableFuture<>();
    StallWatchdog dog =
        StallWatchdog.builder()
            .interval(Duration.ofMillis(50))
            .threshold(Duration.ofMillis(300))
            .listener(
                d -> {
                  if (!d.findings(Finding.Kind.HOT_LOCK).isEmpty()) {
                    hotLock.complete(d);
                  }
                })
            .build();
    dog.start();
    try {
      Diagnosis d;
      try {
        d = hotLock.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        TestThreads.printAll("watchdog did not report");
        throw e;
      }
      assertThat(d.verdict()).isEqualTo(Verdict.STALL);
      assertThat(d.findings(Finding.Kind.HOT_LOCK).get(0).owner()).isEqualTo("holder");
    } finally {
      long t0 = System.nanoTime();
      assertThat(dog.stop()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("logbridge-stall-watchdog"));
  }

  @Test
  void aStopConditionEndsTheSamplingThreadByItselfAndSamplesAreCounted() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean gone =
        new java.util.concurrent.atomic.AtomicBoolean();
    StallWatchdog dog =
        StallWatchdog.builder().interval(Duration.ofMillis(10)).stopWhen(gone::get).build();
    dog.start();
    try {
      Awaitility.await().atMost(DEADLINE).until(() -> dog.samples() >= 3);
      gone.set(true);
      Awaitility.await()
          .atMost(DEADLINE)
          .until(
              () ->
                  Thread.getAllStackTraces().keySet().stream()
                      .noneMatch(t -> t.getName().equals("logbridge-stall-watchdog")));
      long samples = dog.samples();
      dog.sampleOnce();
      assertThat(dog.samples()).isEqualTo(samples + 1);
    } finally {
      assertThat(dog.stop()).isTrue();
    }
  }

  @Test
  void threadWaitingForItselfIsADeadlock() {
    example.hang.Mutex mutex = new example.hang.Mutex();
    Thread self =
        start(
            "re-entrant-handler",
            () -> {
              try {
                mutex.lockInterruptibly();
                mutex.lockInterruptibly(); // the seed's bug: re-entry on the same thread
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    awaitStates(List.of(self), Thread.State.WAITING);
    Diagnosis d = sampleAcrossThreshold(watchdog().build());

    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings(Finding.Kind.SELF_WAIT).get(0).threads())
        .containsExactly("re-entrant-handler");
  }

  @Test
  void oneThreadStuckInsideLoggingIsEnough() {
    Logger logger = Logger.getLogger("dev.logbridge.test.watchdog");
    logger.setUseParentHandlers(false);
    Handler stuck =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            awaitRelease(); // an exporter that never answers
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(stuck);
    try {
      Thread t = start("request-1", () -> logger.info("hello"));
      awaitStates(List.of(t), Thread.State.WAITING);
      Diagnosis d = sampleAcrossThreshold(watchdog().build());

      assertThat(d.verdict()).isEqualTo(Verdict.STALL);
      Finding f = d.findings().get(0);
      assertThat(f.threads()).containsExactly("request-1");
      assertThat(f.inLogging()).isTrue();
      assertThat(f.loggingFrame()).startsWith("java.util.logging.Logger.");
    } finally {
      logger.removeHandler(stuck);
    }
  }

  @Test
  void idlePoolWorkersAreNotAStall() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 4; i++) {
        pool.submit(() -> {}).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
      assertThat(sampleAcrossThreshold(watchdog().build())).isNull();
      assertThat(reports).isEmpty();
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void builderRejectsInvalidSettings() {
    StallWatchdog.Builder b = StallWatchdog.builder();
    assertThatThrownBy(() -> b.interval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> b.threshold(Duration.ofMillis(-1))).hasMessageContaining("threshold");
    assertThatThrownBy(() -> b.minThreads(0)).hasMessageContaining("minThreads");
    assertThatThrownBy(() -> b.stackDepth(0)).hasMessageContaining("stackDepth");
    assertThatThrownBy(() -> b.listener(null)).isInstanceOf(NullPointerException.class);
    StallWatchdog dog = b.build();
    dog.start();
    try {
      assertThatThrownBy(dog::start).isInstanceOf(IllegalStateException.class);
    } finally {
      assertThat(dog.stop()).isTrue();
    }
  }
}
