package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real hangs built in a child JVM, dumped with the JDK's own jcmd, then diagnosed: the doctor must name the verdict,
 * the threads and the lock for each shape, including those the JVM's own deadlock detection misses.
 */
@ExtendWith(DumpThreadsOnTimeout.class)
@Timeout(120)
class HangScenarioTest {
  private final Analyzer analyzer = Analyzer.defaults();

  @Test
  void synchronizedCycleIsADeadlockNamingBothThreadsAndLocks() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "sync-cycle")) {
      Diagnosis d =
          analyzer.analyze(ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l")));

      assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
      Finding cycle = d.findings(Finding.Kind.DEADLOCK).get(0);
      assertThat(cycle.threads()).containsExactlyInAnyOrder("mon-a", "mon-b");
      assertThat(cycle.message()).contains("HangChild$LockA", "HangChild$LockB");
    }
  }

  @Test
  void jstackOutputParsesLikeJcmd() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "sync-cycle")) {
      ThreadDump dump = ThreadDumpParser.autoDetect().parse(child.jstack("-l"));

      assertThat(dump.synchronizerOwnersKnown()).isTrue();
      assertThat(analyzer.analyze(dump).findings(Finding.Kind.DEADLOCK).get(0).threads())
          .containsExactlyInAnyOrder("mon-a", "mon-b");
    }
  }

  @Test
  void readToWriteUpgradeIsNamedAndBecomesAStallWhenStuckAcrossTwoDumps() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "rw-upgrade")) {
      ThreadDump first = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));
      ThreadDump second = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));

      Finding single = analyzer.analyze(second).findings(Finding.Kind.OWNERLESS_WAIT).get(0);
      assertThat(single.threads()).containsExactly("upgrader");
      assertThat(single.primitive()).isEqualTo("ReentrantReadWriteLock");
      assertThat(single.likelyCause()).contains("read-to-write upgrade");
      Diagnosis pair = analyzer.analyze(first, second);
      assertThat(pair.verdict()).isEqualTo(Verdict.STALL);
      assertThat(pair.headline()).contains("likely waiting for itself");
    }
  }

  @Test
  void reentrantLockCycleWithoutDashLIsFoundThroughTheDeadlockSection() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "lock-cycle")) {
      ThreadDump plain = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print"));
      ThreadDump withLocks = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));

      assertThat(plain.synchronizerOwnersKnown()).isFalse();
      for (ThreadDump dump : new ThreadDump[] {plain, withLocks}) {
        Diagnosis d = analyzer.analyze(dump);
        assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
        assertThat(d.findings(Finding.Kind.DEADLOCK).get(0).threads())
            .containsExactlyInAnyOrder("rl-a", "rl-b");
        assertThat(d.findings(Finding.Kind.DEADLOCK).get(0).message())
            .contains("ReentrantLock$NonfairSync");
      }
    }
  }

  @Test
  void threadWaitingForItselfOnANonReentrantLockIsADeadlockTheJvmMisses() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "self-wait")) {
      ThreadDump dump = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));
      Diagnosis d = analyzer.analyze(dump);

      assertThat(dump.jvmReportedDeadlocks()).as("HotSpot's detector misses self-waits").isEmpty();
      assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
      Finding self = d.findings(Finding.Kind.SELF_WAIT).get(0);
      assertThat(self.threads()).containsExactly("self-waiter");
      assertThat(self.lock().className()).isEqualTo("example.hang.Mutex$Sync");
      Finding queue = d.findings(Finding.Kind.HOT_LOCK).get(0);
      assertThat(queue.owner()).isEqualTo("self-waiter");
      assertThat(queue.threads()).containsExactlyInAnyOrder("queued-1", "queued-2", "queued-3");
    }
  }

  @Test
  void semaphoreLeakIsAnOwnerlessStallNamingThePrimitive() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "semaphore-leak")) {
      Diagnosis d =
          analyzer.analyze(ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l")));

      assertThat(d.verdict()).isEqualTo(Verdict.STALL);
      Finding leak = d.findings().get(0);
      assertThat(leak.kind()).isEqualTo(Finding.Kind.OWNERLESS_WAIT);
      assertThat(leak.primitive()).isEqualTo("Semaphore");
      assertThat(leak.likelyCause()).contains("permit leak");
      assertThat(leak.threads())
          .containsExactlyInAnyOrder(
              "sem-waiter-1", "sem-waiter-2", "sem-waiter-3", "sem-waiter-4", "sem-waiter-5");
    }
  }

  @Test
  void twentyLoggersBehindAHandlerStuckInSocketIoAreAHotLockInsideLogging() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "logging-io")) {
      ThreadDump first = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));
      ThreadDump second = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));

      for (Diagnosis d :
          new Diagnosis[] {analyzer.analyze(second), analyzer.analyze(first, second)}) {
        assertThat(d.verdict()).isEqualTo(Verdict.STALL);
        Finding hot = d.findings(Finding.Kind.HOT_LOCK).get(0);
        assertThat(hot.threads()).hasSize(20).allMatch(n -> n.startsWith("worker-"));
        assertThat(hot.owner()).isEqualTo("io-owner");
        assertThat(hot.ownerFrame()).isEqualTo("Socket$SocketOutputStream.write");
        assertThat(hot.lock().className()).isEqualTo("java.util.logging.StreamHandler");
        assertThat(hot.inLogging()).isTrue();
        assertThat(hot.message())
            .contains(
                "20 threads blocked behind",
                "held by `io-owner`",
                "blocking I/O",
                "inside logging (handler java.util.logging.StreamHandler.publish)");
      }
      assertThat(analyzer.analyze(first, second).progress())
          .containsEntry("worker-7", Diagnosis.Progress.STUCK);
      assertThat(analyzer.analyze(second).groups().get(0).count()).isEqualTo(20);
    }
  }

  @Test
  void pidCommandTakesTwoDumpsWithJcmdAndExitsWithTheVerdict() throws Exception {
    try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), "sync-cycle")) {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();

      int code =
          dev.logbridge.doctor.cli.DoctorCommand.run(
              new java.io.PrintWriter(out),
              new java.io.PrintWriter(err),
              "pid",
              Long.toString(child.pid()),
              "--interval",
              "200ms");

      assertThat(code).as("stderr: %s", err).isEqualTo(2);
      assertThat(out.toString()).startsWith("VERDICT: DEADLOCK").contains("STUCK  mon-a");
    }
  }

  @Test
  void mixedVirtualPlatformCycleIsFoundInTheJdk25JsonDump() throws Exception {
    Path jdk25 =
        Path.of(System.getProperty("logbridge.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    Assumptions.assumeTrue(
        Files.isExecutable(jdk25.resolve("bin/jcmd")),
        () ->
            "skipped: no JDK 25 at "
                + jdk25
                + " (set logbridge.jdk25.home) - virtual-thread cycle untested");
    try (ChildJvm child = ChildJvm.start(jdk25, "virtual-cycle")) {
      ThreadDump text = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));
      ThreadDump json = ThreadDumpParser.autoDetect().parse(child.jsonDump());

      assertThat(text.jvmReportedDeadlocks()).as("the JVM misses mixed cycles").isEmpty();
      assertThat(analyzer.analyze(text).verdict())
          .as("text alone hides the virtual owner")
          .isEqualTo(Verdict.CANNOT_TELL);
      Diagnosis d = analyzer.analyze(json);
      assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
      Finding cycle = d.findings(Finding.Kind.DEADLOCK).get(0);
      assertThat(cycle.threads()).containsExactlyInAnyOrder("vt-a", "pt-b");
      assertThat(cycle.message())
          .contains("virtual threads involved", "HangChild$LockA", "HangChild$LockB");
    }
  }

  @Test
  void hangsTheJvmsDetectorMissesAreNamedOnLiveDumps() throws Exception {
    for (String scenario : new String[] {"wait-chain", "pool-starvation", "producer-consumer"}) {
      try (ChildJvm child = ChildJvm.start(ChildJvm.currentJdk(), scenario)) {
        ThreadDump dump = ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l"));
        Diagnosis d = analyzer.analyze(dump);

        assertThat(dump.jvmReportedDeadlocks()).as(scenario).isEmpty();
        switch (scenario) {
          case "wait-chain" ->
              assertThat(d.findings(Finding.Kind.WAIT_CHAIN).get(0).owner())
                  .isEqualTo("chain-holder");
          case "pool-starvation" ->
              assertThat(d.findings(Finding.Kind.POOL_STARVATION).get(0).threads())
                  .containsExactlyInAnyOrder("starved-pool-1", "starved-pool-2");
          default ->
              assertThat(d.findings(Finding.Kind.PRODUCER_CONSUMER).get(0).verdict())
                  .isEqualTo(Verdict.DEADLOCK);
        }
        assertThat(d.verdict()).as(scenario).isNotEqualTo(Verdict.HEALTHY);
      }
    }
  }

  @Test
  void carriersPinnedByVirtualThreadsInClassInitialisersAreAStallOnJdk25() throws Exception {
    Path jdk25 =
        Path.of(System.getProperty("logbridge.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    Assumptions.assumeTrue(
        Files.isExecutable(jdk25.resolve("bin/jcmd")),
        () -> "skipped: no JDK 25 at " + jdk25 + " (set logbridge.jdk25.home) - pinning untested");
    try (ChildJvm child = ChildJvm.start(jdk25, "pinned-carriers")) {
      Diagnosis d =
          analyzer.analyze(ThreadDumpParser.hotSpotText().parse(child.jcmd("Thread.print", "-l")));

      assertThat(d.verdict()).isEqualTo(Verdict.STALL);
      assertThat(d.findings(Finding.Kind.PINNED_CARRIERS).get(0).message())
          .contains("all 2 of 2 carrier");
    }
  }

  @Test
  void theWatchdogSaysWhatAVirtualLockOwnerDoesOnJdk25() throws Exception {
    Path jdk25 =
        Path.of(System.getProperty("logbridge.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    Assumptions.assumeTrue(
        Files.isExecutable(jdk25.resolve("bin/jcmd")),
        () ->
            "skipped: no JDK 25 at "
                + jdk25
                + " (set logbridge.jdk25.home) - virtual owner untested");
    try (ChildJvm child = ChildJvm.start(jdk25, "watchdog-virtual-owner")) {
      String report = child.awaitLine("STALL-REPORT", java.time.Duration.ofSeconds(30));

      // ThreadMXBean knows only the owner's name; the JSON dump shows what the virtual thread is
      // doing.
      assertThat(report)
          .startsWith("STALL-REPORT STALL")
          .contains("3 threads blocked behind", "held by `vt-holder`", "CountDownLatch");
    }
  }

  @Test
  void theWatchdogNamesAnUnmountedVirtualThreadThatHoldsTheMonitorPlatformThreadsWaitForOnJdk25()
      throws Exception {
    Path jdk25 =
        Path.of(System.getProperty("logbridge.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    Assumptions.assumeTrue(
        Files.isExecutable(jdk25.resolve("bin/jcmd")),
        () ->
            "skipped: no JDK 25 at "
                + jdk25
                + " (set logbridge.jdk25.home) - virtual monitor owner untested");
    try (ChildJvm child = ChildJvm.start(jdk25, "watchdog-virtual-monitor-owner")) {
      String report = child.awaitLine("STALL-REPORT", java.time.Duration.ofSeconds(30));

      // ThreadMXBean reports the three waiters RUNNABLE with no lock; only the JSON dump names the
      // owner.
      assertThat(report)
          .startsWith("STALL-REPORT STALL")
          .contains("3 threads blocked behind", "held by `vt-monitor-holder`", "CountDownLatch");
    }
  }
}
