package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HotSpotTextParserTest {
  private static final ThreadDumpParser PARSER = ThreadDumpParser.hotSpotText();

  private static String dump(String... threadBlocks) {
    return "12345:\n2026-01-01 10:00:00\nFull thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode):\n\n"
        + "Threads class SMR info:\n_java_thread_list=0x1, length=2, elements={\n0x1, 0x2\n}\n\n"
        + String.join("\n", threadBlocks)
        + "\nJNI global refs: 4, weak refs: 0\n";
  }

  @Test
  void readsHeaderStateFramesAndVersion() {
    ThreadDump d =
        PARSER.parse(
            dump(
                "\"app \"worker\" 7\" #41 daemon prio=5 os_prio=0 cpu=12.50ms elapsed=301.22s tid=0x1 nid=0x3c1f"
                    + " waiting for monitor entry  [0x2]\n"
                    + "   java.lang.Thread.State: BLOCKED (on object monitor)\n"
                    + "\tat com.example.Sink.write(Sink.java:10)\n"
                    + "\t- waiting to lock <0x00000000aa> (a com.example.Sink)\n"
                    + "\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)\n"));

    DumpedThread t = d.threads().get(0);
    assertThat(d.runtimeVersion()).isEqualTo("17.0.15+6");
    assertThat(t.name()).isEqualTo("app \"worker\" 7");
    assertThat(t.id()).isEqualTo(41);
    assertThat(t.state()).isEqualTo(Thread.State.BLOCKED);
    assertThat(t.blockedOn()).isEqualTo(new LockRef("0x00000000aa", "com.example.Sink"));
    assertThat(t.frames())
        .extracting(StackFrame::toString)
        .containsExactly(
            "com.example.Sink.write(Sink.java:10)", "java.lang.Thread.run(Thread.java:840)");
    assertThat(d.synchronizerOwnersKnown()).isFalse();
  }

  @Test
  void lockedLineIsStaleAfterObjectWaitAndInWaitingToReLock() {
    ThreadDump d =
        PARSER.parse(
            dump(
                "\"waiter\" #12 prio=5 tid=0x1 nid=0x2 in Object.wait()  [0x3]\n"
                    + "   java.lang.Thread.State: WAITING (on object monitor)\n"
                    + "\tat java.lang.Object.wait(java.base@17.0.15/Native Method)\n"
                    + "\t- waiting on <0x0000000001> (a java.lang.Object)\n"
                    + "\tat com.example.Q.take(Q.java:5)\n"
                    + "\t- locked <0x0000000001> (a java.lang.Object)\n"
                    + "\t- locked <0x0000000009> (a com.example.Outer)\n",
                "\"relocker\" #13 prio=5 tid=0x1 nid=0x2 in Object.wait()  [0x3]\n"
                    + "   java.lang.Thread.State: BLOCKED (on object monitor)\n"
                    + "\tat java.lang.Object.wait(java.base@17.0.15/Native Method)\n"
                    + "\t- waiting to re-lock in wait() <0x0000000002> (a java.lang.Object)\n"
                    + "\tat com.example.Q.take(Q.java:5)\n"
                    + "\t- locked <0x0000000002> (a java.lang.Object)\n"));

    DumpedThread waiter = d.thread("waiter");
    assertThat(waiter.waitingOn().id()).isEqualTo("0x0000000001");
    assertThat(waiter.heldMonitors()).extracting(LockRef::id).containsExactly("0x0000000009");
    DumpedThread relocker = d.thread("relocker");
    assertThat(relocker.blockedOn().id()).isEqualTo("0x0000000002");
    assertThat(relocker.heldMonitors()).isEmpty();
  }

  @Test
  void readsParkingBlockersAndOwnableSynchronizers() {
    ThreadDump d =
        PARSER.parse(
            dump(
                "\"owner\" #20 prio=5 tid=0x1 nid=0x2 runnable  [0x3]\n"
                    + "   java.lang.Thread.State: RUNNABLE\n"
                    + "\tat com.example.Work.run(Work.java:1)\n\n"
                    + "   Locked ownable synchronizers:\n"
                    + "\t- <0x00000000bb> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)\n",
                "\"parker\" #21 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
                    + "   java.lang.Thread.State: WAITING (parking)\n"
                    + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n"
                    + "\t- parking to wait for  <0x00000000bb> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)\n"
                    + "\tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:211)\n\n"
                    + "   Locked ownable synchronizers:\n"
                    + "\t- None\n"));

    assertThat(d.synchronizerOwnersKnown()).isTrue();
    assertThat(d.thread("owner").ownedSynchronizers())
        .extracting(LockRef::id)
        .containsExactly("0x00000000bb");
    assertThat(d.thread("parker").ownedSynchronizers()).isEmpty();
    assertThat(d.thread("parker").parkedOn().className())
        .isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync");
  }

  @Test
  void deadlockSectionNamesOwnersAndItsRepeatedStacksAreNotThreads() {
    String text =
        dump(
                "\"rl-a\" #12 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
                    + "   java.lang.Thread.State: WAITING (parking)\n"
                    + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n"
                    + "\t- parking to wait for  <0x01> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)\n",
                "\"rl-b\" #13 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
                    + "   java.lang.Thread.State: WAITING (parking)\n"
                    + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n"
                    + "\t- parking to wait for  <0x02> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)\n")
            + "\n\nFound one Java-level deadlock:\n=============================\n"
            + "\"rl-a\":\n  waiting for ownable synchronizer 0x01, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),\n"
            + "  which is held by \"rl-b\"\n\n"
            + "\"rl-b\":\n  waiting for ownable synchronizer 0x02, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),\n"
            + "  which is held by \"rl-a\"\n\n"
            + "Java stack information for the threads listed above:\n"
            + "===================================================\n"
            + "\"rl-a\":\n\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n"
            + "\"rl-b\":\n\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n\n"
            + "Found 1 deadlock.\n";

    ThreadDump d = PARSER.parse(text);

    assertThat(d.threads()).hasSize(2);
    assertThat(d.thread("rl-a").reportedLockOwner()).isEqualTo("rl-b");
    assertThat(d.thread("rl-b").reportedLockOwner()).isEqualTo("rl-a");
    assertThat(d.jvmReportedDeadlocks()).containsExactly(java.util.List.of("rl-a", "rl-b"));
  }

  @Test
  void carrierWithoutNidAndMountedVirtualThreadBecomeTwoThreads() {
    ThreadDump d =
        PARSER.parse(
            dump(
                "\"ForkJoinPool-1-worker-2\" #31 [15400] daemon prio=5 os_prio=0 cpu=0.70ms elapsed=8.40s"
                    + " tid=0x00007f00aa009000  [0x00007f00bb1fd000]\n"
                    + "   Carrying virtual thread #38\n"
                    + "\tat jdk.internal.vm.Continuation.run(java.base@25.0.3/Continuation.java:251)\n"
                    + "   Mounted virtual thread #38\n"
                    + "\tat jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)\n"
                    + "\tat java.lang.VirtualThread.parkOnCarrierThread(java.base@25.0.3/VirtualThread.java:817)\n"
                    + "\tat com.example.Config.<clinit>(Config.java:11)\n"
                    + "\t- locked <0x0a> (a java.lang.Object)\n",
                "\"G1 Conc#0\" os_prio=0 cpu=0.06ms elapsed=8.63s tid=0x00007f00aa00c000 nid=15380 runnable\n"));

    assertThat(d.threads())
        .extracting(DumpedThread::name)
        .containsExactly("ForkJoinPool-1-worker-2", "virtual#38");
    assertThat(d.threads().get(0).carriedVirtualThreadId()).isEqualTo(38);
    DumpedThread vt = d.threads().get(1);
    assertThat(vt.isVirtual()).isTrue();
    assertThat(vt.frames().get(2).shortName()).isEqualTo("Config.<clinit>");
    assertThat(vt.heldMonitors()).extracting(LockRef::id).containsExactly("0x0a");
  }

  @Test
  void goldenJdk17DumpWithDashL() {
    ThreadDump d = Dumps.parse("sync-cycle-jdk17-l.txt");

    assertThat(d.synchronizerOwnersKnown()).isTrue();
    assertThat(d.runtimeVersion()).startsWith("17.0");
    assertThat(d.thread("mon-a").blockedOn().className()).isEqualTo("example.hang.HangChild$LockB");
    assertThat(d.thread("mon-a").heldMonitors())
        .extracting(LockRef::className)
        .containsExactly("example.hang.HangChild$LockA");
    assertThat(d.thread("Finalizer").heldMonitors()).as("stale '- locked' after wait()").isEmpty();
    assertThat(d.thread("VM Thread")).as("VM threads carry no Java state").isNull();
  }

  @Test
  void goldenJdk17DumpWithoutDashLAndJdk25Dump() {
    ThreadDump plain = Dumps.parse("lock-cycle-jdk17.txt");
    ThreadDump jdk25 = Dumps.parse("lock-cycle-jdk25-l.txt");

    assertThat(plain.synchronizerOwnersKnown()).isFalse();
    assertThat(plain.thread("rl-a").reportedLockOwner()).isEqualTo("rl-b");
    assertThat(jdk25.runtimeVersion()).startsWith("25");
    assertThat(jdk25.thread("rl-a").id()).isEqualTo(21);
    assertThat(jdk25.thread("rl-a").reportedLockOwner()).isEqualTo("rl-b");
    assertThat(jdk25.thread("rl-b").ownedSynchronizers()).hasSize(1);
  }

  @Test
  void goldenJdk25DumpWithoutDashLStillYieldsTheReentrantLockCycle() {
    ThreadDump d = Dumps.parse("lock-cycle-jdk25.txt");

    assertThat(d.synchronizerOwnersKnown()).isFalse();
    assertThat(d.thread("rl-b").reportedLockOwner()).isEqualTo("rl-a");
    assertThat(Analyzer.defaults().analyze(d).verdict()).isEqualTo(Verdict.DEADLOCK);
  }

  @Test
  void goldenJdk25DumpToFilePlainTextWithIdentityLocks() {
    ThreadDump d = Dumps.parse("sync-cycle-jdk25-plain.txt");

    assertThat(d.runtimeVersion()).startsWith("25");
    assertThat(d.thread("mon-a").blockedOn())
        .isEqualTo(LockRef.ofIdentity(d.thread("mon-b").heldMonitors().get(0).id()));
    assertThat(d.thread("Finalizer").heldMonitors()).as("released by wait()").isEmpty();
    assertThat(d.thread("mon-a").frames().get(0).className()).isEqualTo("example.hang.HangChild");
    assertThat(Analyzer.defaults().analyze(d).findings(Finding.Kind.DEADLOCK).get(0).threads())
        .containsExactlyInAnyOrder("mon-a", "mon-b");
  }

  @Test
  void jdk21DumpToFilePlainTextHasFramesButNoStates() {
    ThreadDump d =
        PARSER.parse(
            "1234\n2026-01-01T10:00:00Z\n21.0.4+7\n\n#1 \"main\"\n"
                + "      java.base/java.lang.Thread.sleep(Thread.java:509)\n      com.example.Main.main(Main.java:3)\n\n"
                + "#30 \"\" virtual\n      java.base/java.lang.VirtualThread.park(VirtualThread.java:582)\n");

    assertThat(d.runtimeVersion()).isEqualTo("21.0.4+7");
    assertThat(d.statesKnown()).isFalse();
    assertThat(d.thread("main").frames())
        .extracting(StackFrame::shortName)
        .containsExactly("Thread.sleep", "Main.main");
    assertThat(d.thread("virtual#30").isVirtual()).isTrue();
    assertThat(Analyzer.defaults().analyze(d).verdict()).isEqualTo(Verdict.CANNOT_TELL);
  }

  @Test
  void rejectsTextThatIsNotADump() {
    assertThatThrownBy(() -> PARSER.parse("hello\nworld\n"))
        .isInstanceOf(ThreadDumpFormatException.class)
        .hasMessageContaining("not a thread dump");
  }
}
