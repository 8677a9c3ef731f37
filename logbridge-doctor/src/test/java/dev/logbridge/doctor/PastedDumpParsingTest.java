package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shapes thread dumps take when people paste them into an issue: every one here is invented. */
class PastedDumpParsingTest {
  private static final ThreadDumpParser PARSER = ThreadDumpParser.autoDetect();

  private static final String DEADLOCK_REPORT =
      String.join(
          "\n",
          "Found one Java-level deadlock:",
          "=============================",
          "\"flusher\":",
          "  waiting to lock monitor 0x00007f1c2c004e28 (object 0x00000000d0a1b2c8, a com.example.log.FileSink),",
          "  which is held by \"request-7\"",
          "\"request-7\":",
          "  waiting for ownable synchronizer 0x00000000d0c0ffee, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),",
          "  which is held by \"flusher\"",
          "",
          "Java stack information for the threads listed above:",
          "===================================================",
          "\"flusher\":",
          "\tat com.example.log.FileSink.write(FileSink.java:40)",
          "\t- waiting to lock <0x00000000d0a1b2c8> (a com.example.log.FileSink)",
          "\tat com.example.log.Buffer.flush(Buffer.java:22)",
          "\tat com.example.log.Buffer.run(Buffer.java:12)",
          "\tat java.lang.Thread.run(Thread.java:748)",
          "\"request-7\":",
          "\tat sun.misc.Unsafe.park(Native Method)",
          "\t- parking to wait for  <0x00000000d0c0ffee> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)",
          "\tat java.util.concurrent.locks.LockSupport.park(LockSupport.java:175)",
          "\tat java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:285)",
          "\tat com.example.log.Buffer.append(Buffer.java:30)",
          "\tat com.example.log.FileSink.write(FileSink.java:44)",
          "\t- locked <0x00000000d0a1b2c8> (a com.example.log.FileSink)",
          "\tat com.example.web.Handler.handle(Handler.java:9)",
          "",
          "Found 1 deadlock.",
          "");

  @Test
  void theJvmsDeadlockReportOnItsOwnIsADeadlockWithStacks() {
    ThreadDump d = PARSER.parse(DEADLOCK_REPORT);

    assertThat(d.threads()).extracting(DumpedThread::name).containsExactly("flusher", "request-7");
    assertThat(d.partial()).isTrue();
    assertThat(d.jvmReportedDeadlocks()).containsExactly(java.util.List.of("flusher", "request-7"));
    DumpedThread flusher = d.thread("flusher");
    assertThat(flusher.blockedOn())
        .isEqualTo(new LockRef("0x00000000d0a1b2c8", "com.example.log.FileSink"));
    assertThat(flusher.frames()).hasSize(4);
    DumpedThread request = d.thread("request-7");
    assertThat(request.parkedOn().className())
        .isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync");
    assertThat(request.heldMonitors())
        .extracting(LockRef::id)
        .containsExactly("0x00000000d0a1b2c8");
    assertThat(request.reportedLockOwner()).isEqualTo("flusher");

    Diagnosis diagnosis = Analyzer.defaults().analyze(d);
    assertThat(diagnosis.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(diagnosis.findings(Finding.Kind.DEADLOCK).get(0).threads())
        .containsExactlyInAnyOrder("flusher", "request-7");
  }

  @Test
  void theDeadlockReportWithoutStacksStillNamesTheCycle() {
    String report =
        DEADLOCK_REPORT.substring(0, DEADLOCK_REPORT.indexOf("\nJava stack information"));

    Diagnosis diagnosis = Analyzer.defaults().analyze(PARSER.parse(report));

    assertThat(diagnosis.verdict()).isEqualTo(Verdict.DEADLOCK);
  }

  @Test
  void indentedQuotedAndLogPrefixedPastesReadLikeTheCleanDump() {
    String clean = Dumps.text("lock-cycle-jdk17-l.txt");
    ThreadDump expected = PARSER.parse(clean);
    String indented = clean.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    String quoted = clean.lines().map(l -> "> " + l).collect(Collectors.joining("\n"));
    String logged =
        clean
            .lines()
            .map(l -> "2024-05-06 10:11:12,345 INFO  [stdout] (Thread-1) " + l)
            .collect(Collectors.joining("\n"));

    for (String paste : new String[] {indented, quoted, logged}) {
      ThreadDump d = PARSER.parse(paste);
      assertThat(d.threads())
          .extracting(DumpedThread::name)
          .containsExactlyElementsOf(expected.threads().stream().map(DumpedThread::name).toList());
      assertThat(d.threads())
          .extracting(DumpedThread::frames)
          .containsExactlyElementsOf(
              expected.threads().stream().map(DumpedThread::frames).toList());
      assertThat(d.unreadParts()).isEmpty();
      assertThat(Analyzer.defaults().analyze(d).verdict())
          .isEqualTo(Analyzer.defaults().analyze(expected).verdict());
    }
  }

  @Test
  void aHeaderWithoutItsOpeningQuoteIsReadAndReported() {
    ThreadDump d =
        PARSER.parse(
            "Full thread dump OpenJDK 64-Bit Server VM (11.0.2+9 mixed mode):\n\n"
                + "worker-1\" #12 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
                + "   java.lang.Thread.State: WAITING (parking)\n"
                + "\tat jdk.internal.misc.Unsafe.park(java.base@11.0.2/Native Method)\n"
                + "\tat com.example.Job.run(Job.java:3)\n");

    assertThat(d.threads()).extracting(DumpedThread::name).containsExactly("worker-1");
    assertThat(d.unreadParts()).singleElement().asString().contains("no opening quote", "worker-1");
    assertThat(Analyzer.defaults().analyze(d).verdict()).isEqualTo(Verdict.CANNOT_TELL);
  }

  @Test
  void framesWithoutAHeaderAreKeptAndMakeTheVerdictCannotTell() {
    ThreadDump d =
        PARSER.parse(
            "Full thread dump OpenJDK 64-Bit Server VM (17.0.1+12 mixed mode):\n"
                + "\tat com.example.Cut.off(Cut.java:7)\n"
                + "\tat java.lang.Thread.run(java.base@17.0.1/Thread.java:833)\n\n"
                + "\"main\" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable  [0x3]\n"
                + "   java.lang.Thread.State: RUNNABLE\n"
                + "\tat com.example.Main.main(Main.java:1)\n");

    assertThat(d.threads())
        .extracting(DumpedThread::name)
        .containsExactly("unnamed thread (line 2)", "main");
    assertThat(d.thread("unnamed thread (line 2)").frames()).hasSize(2);
    Diagnosis diagnosis = Analyzer.defaults().analyze(d);
    assertThat(diagnosis.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(diagnosis.headline()).contains("header is missing or unreadable");
  }

  @Test
  void aPartialPasteOfQuietThreadsIsNotCalledHealthy() {
    ThreadDump d =
        PARSER.parse(
            "\"main\" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable  [0x3]\n"
                + "   java.lang.Thread.State: RUNNABLE\n"
                + "\tat com.example.Main.main(Main.java:1)\n");

    Diagnosis diagnosis = Analyzer.defaults().analyze(d);

    assertThat(diagnosis.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(diagnosis.missingEvidence()).anyMatch(m -> m.contains("only some threads"));
  }

  @Test
  void jstackDashFFromJdk8ReadsItsDeadlockSectionAndThreads() {
    String sa =
        String.join(
            "\n",
            "Attaching to process ID 4242, please wait...",
            "Debugger attached successfully.",
            "Server compiler detected.",
            "JVM version is 25.181-b13",
            "Deadlock Detection:",
            "",
            "Found one Java-level deadlock:",
            "=============================",
            "",
            "\"stats-flush\":",
            "  waiting to lock Monitor@0x00007f9958004848 (Object@0x00000000803c6648, a com/example/RateLimiter),",
            "  which is held by \"gauge-flush\"",
            "\"gauge-flush\":",
            "  waiting to lock Monitor@0x00007f99580049a8 (Object@0x00000000801e6290, a com/example/LogAppender),",
            "  which is held by \"stats-flush\"",
            "",
            "Found a total of 1 deadlock.",
            "",
            "Thread 24: (state = BLOCKED)",
            " - com.example.RateLimiter.log(java.lang.String) @bci=4, line=31 (Interpreted frame)",
            " - com.example.LogAppender.append(java.lang.Object) @bci=10, line=12 (Interpreted frame)",
            " - java.lang.Thread.run() @bci=11, line=748 (Interpreted frame)",
            "",
            "Thread 25: (state = IN_NATIVE)",
            " - java.net.SocketInputStream.socketRead0(java.io.FileDescriptor, byte[], int, int, int) @bci=0 (Compiled frame; information may be imprecise)",
            "");

    ThreadDump d = PARSER.parse(sa);

    assertThat(d.featureVersion()).isEqualTo(8);
    assertThat(d.threads())
        .extracting(DumpedThread::name)
        .containsExactly("Thread 24", "Thread 25", "stats-flush", "gauge-flush");
    assertThat(d.thread("Thread 24").frames().get(0).shortName()).isEqualTo("RateLimiter.log");
    assertThat(d.thread("Thread 25").state()).isEqualTo(Thread.State.RUNNABLE);
    assertThat(d.thread("stats-flush").blockedOn().className())
        .isEqualTo("com.example.RateLimiter");
    assertThat(Analyzer.defaults().analyze(d).verdict()).isEqualTo(Verdict.DEADLOCK);
  }

  @Test
  void jstackDashFWithoutADeadlockIsCannotTellNotHealthy() {
    ThreadDump d =
        PARSER.parse(
            "Attaching to process ID 4242, please wait...\nJVM version is 25.181-b13\n"
                + "Deadlock Detection:\n\nNo deadlocks found.\n\n"
                + "Thread 24: (state = BLOCKED)\n"
                + " - sun.misc.Unsafe.park(boolean, long) @bci=0 (Interpreted frame)\n"
                + " - java.util.concurrent.locks.LockSupport.park(java.lang.Object) @bci=14, line=175 (Interpreted frame)\n");

    Diagnosis diagnosis = Analyzer.defaults().analyze(d);

    assertThat(diagnosis.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(diagnosis.headline()).contains("jstack -F");
  }

  @Test
  void jhsdbJstackFramesAndLocksAreRead() {
    ThreadDump d =
        PARSER.parse(
            String.join(
                "\n",
                "Attaching to process ID 777, please wait...",
                "JVM version is 17.0.9+9",
                "Deadlock Detection:",
                "",
                "No deadlocks found.",
                "",
                "\"holder\" #13 prio=5 tid=0x00007f0a1c0fe800 nid=0x1a2b waiting on condition [0x00007f0a0c1fe000]",
                "   java.lang.Thread.State: TIMED_WAITING (sleeping)",
                "   JavaThread state: _thread_blocked",
                " - java.lang.Thread.sleep(long) @bci=0 (Interpreted frame)",
                " - com.example.Holder.run() @bci=9, line=14 (Interpreted frame)",
                "\t- locked <0x00000000c1234568> (a java.lang.Object)",
                "",
                "\"waiter\" #14 prio=5 tid=0x00007f0a1c0ff800 nid=0x1a2c waiting for monitor entry [0x00007f0a0c0fd000]",
                "   java.lang.Thread.State: BLOCKED (on object monitor)",
                "   JavaThread state: _thread_blocked",
                " - com.example.Waiter.run() @bci=5, line=20 (Interpreted frame)",
                "\t- waiting to lock <0x00000000c1234568> (a java.lang.Object)",
                ""));

    assertThat(d.thread("holder").heldMonitors())
        .extracting(LockRef::id)
        .containsExactly("0x00000000c1234568");
    assertThat(
            d.thread("holder")
                .frameThatLocked(d.thread("holder").heldMonitors().get(0))
                .shortName())
        .isEqualTo("Holder.run");
    assertThat(d.thread("waiter").blockedOn().id()).isEqualTo("0x00000000c1234568");
    assertThat(d.unreadParts()).isEmpty();
    assertThat(d.featureVersion()).isEqualTo(17);
  }

  @Test
  void threadInfoToStringNamesLocksAndOwnersAndFindsTheCycle() {
    ThreadDump d =
        PARSER.parse(
            String.join(
                "\n",
                "\"left\" Id=21 BLOCKED on com.example.Right@1b2c3d owned by \"right\" Id=22",
                "\tat com.example.Left.run(Left.java:10)",
                "\t-  blocked on com.example.Right@1b2c3d",
                "\t-  locked com.example.Left@4e5f60",
                "",
                "\"right\" Id=22 BLOCKED on com.example.Left@4e5f60 owned by \"left\" Id=21",
                "\tat com.example.Right.run(Right.java:20)",
                "\t-  blocked on com.example.Left@4e5f60",
                "\t-  locked com.example.Right@1b2c3d",
                "\t...",
                ""));

    assertThat(d.thread("left").blockedOn().id()).isEqualTo("com.example.Right@1b2c3d");
    assertThat(d.thread("left").heldMonitors())
        .extracting(LockRef::id)
        .containsExactly("com.example.Left@4e5f60");
    Diagnosis diagnosis = Analyzer.defaults().analyze(d);
    assertThat(diagnosis.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(diagnosis.findings(Finding.Kind.DEADLOCK).get(0).chain())
        .extracting(WaitEdge::ownerLockedAt)
        .containsExactlyInAnyOrder("Left.run", "Right.run");
    assertThat(diagnosis.missingEvidence())
        .as("the '...' line: stacks cut after 8 frames")
        .anyMatch(m -> m.contains("8 frames"));
  }
}
