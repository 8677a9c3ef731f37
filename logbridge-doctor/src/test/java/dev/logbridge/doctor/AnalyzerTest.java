package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  private final Analyzer analyzer = Analyzer.defaults();

  /** Builds HotSpot text; {@code withL} adds "Locked ownable synchronizers" sections. */
  private static final class DumpText {
    private final List<String> blocks = new ArrayList<>();
    private final boolean withL;

    DumpText(boolean withL) {
      this.withL = withL;
    }

    DumpText thread(String name, String state, String... lines) {
      return thread(name, state, List.of(), lines);
    }

    DumpText thread(String name, String state, List<String> ownable, String... lines) {
      StringBuilder sb =
          new StringBuilder(
              "\""
                  + name
                  + "\" #"
                  + (blocks.size() + 10)
                  + " prio=5 tid=0x1 nid=0x2 x  [0x3]\n   java.lang.Thread.State: "
                  + state
                  + "\n");
      for (String l : lines) {
        sb.append('\t').append(l).append('\n');
      }
      if (withL) {
        sb.append("\n   Locked ownable synchronizers:\n");
        sb.append(
            ownable.isEmpty() ? "\t- None\n" : "\t- " + String.join("\n\t- ", ownable) + "\n");
      }
      blocks.add(sb.toString());
      return this;
    }

    ThreadDump parse() {
      return ThreadDumpParser.hotSpotText()
          .parse(
              "Full thread dump Test VM (17.0.1 mixed mode):\n\n"
                  + String.join("\n", blocks)
                  + "\nJNI global refs: 1, weak refs: 0\n");
    }
  }

  private static String[] blockedOnSink(String at) {
    return new String[] {
      "at " + at,
      "- waiting to lock <0x0a> (a com.example.Sink)",
      "at com.example.Service.handle(Service.java:20)"
    };
  }

  @Test
  void idlePoolWorkersAndJdkThreadsAreHealthy() {
    DumpText t = new DumpText(true);
    for (int i = 0; i < 5; i++) {
      t.thread(
          "pool-1-thread-" + i,
          "WAITING (parking)",
          "at jdk.internal.misc.Unsafe.park(java.base@17/Native Method)",
          "- parking to wait for  <0x0b> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)",
          "at java.util.concurrent.LinkedBlockingQueue.take(java.base@17/LinkedBlockingQueue.java:435)",
          "at java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17/ThreadPoolExecutor.java:1062)");
    }
    t.thread(
        "Finalizer",
        "WAITING (on object monitor)",
        "at java.lang.Object.wait(java.base@17/Native Method)",
        "- waiting on <0x0c> (a java.lang.ref.ReferenceQueue$Lock)",
        "at java.lang.ref.ReferenceQueue.remove(java.base@17/ReferenceQueue.java:155)",
        "- locked <0x0c> (a java.lang.ref.ReferenceQueue$Lock)");

    Diagnosis d = analyzer.analyze(t.parse());

    assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(d.verdict().exitCode()).isZero();
    assertThat(d.groups().get(0).count()).isEqualTo(5);
    assertThat(d.headline()).contains("no thread waits");
  }

  @Test
  void hotLocksAreRankedByWaitersAndNameTheOwnersFrame() {
    DumpText t =
        new DumpText(true)
            .thread(
                "owner",
                "RUNNABLE",
                "at java.net.SocketInputStream.socketRead0(java.base@11/Native Method)",
                "at java.net.SocketInputStream.read(java.base@11/SocketInputStream.java:168)",
                "at com.example.Sink.write(Sink.java:9)",
                "- locked <0x0a> (a com.example.Sink)")
            .thread(
                "other-owner",
                "RUNNABLE",
                "at com.example.Cache.rebuild(Cache.java:5)",
                "- locked <0x0d> (a com.example.Cache)");
    for (int i = 1; i <= 4; i++) {
      t.thread(
          "w-" + i,
          "BLOCKED (on object monitor)",
          blockedOnSink("com.example.Sink.write(Sink.java:8)"));
    }
    for (int i = 1; i <= 3; i++) {
      t.thread(
          "c-" + i,
          "BLOCKED (on object monitor)",
          "at com.example.Cache.get(Cache.java:3)",
          "- waiting to lock <0x0d> (a com.example.Cache)");
    }

    Diagnosis d = analyzer.analyze(t.parse());

    assertThat(d.verdict()).isEqualTo(Verdict.STALL);
    List<Finding> hot = d.findings(Finding.Kind.HOT_LOCK);
    assertThat(hot).extracting(Finding::owner).containsExactly("owner", "other-owner");
    assertThat(hot.get(0).ownerFrame()).isEqualTo("SocketInputStream.read");
    assertThat(hot.get(0).message())
        .startsWith(
            "4 threads blocked behind <0x0a> (a com.example.Sink)"
                + " held by `owner`, which is in `SocketInputStream.read` (blocking I/O)");
    assertThat(hot.get(1).message()).contains("which is in `Cache.rebuild` (RUNNABLE)");
    assertThat(d.edges()).hasSize(7);
    assertThat(d.headline()).isEqualTo(hot.get(0).message());
  }

  @Test
  void twoWaitersAreBelowTheHotLockThresholdButNotForAStricterAnalyzer() {
    DumpText t =
        new DumpText(true)
            .thread(
                "owner",
                "RUNNABLE",
                "at com.example.Sink.write(Sink.java:9)",
                "- locked <0x0a> (a com.example.Sink)")
            .thread(
                "w-1",
                "BLOCKED (on object monitor)",
                blockedOnSink("com.example.Sink.write(Sink.java:8)"))
            .thread(
                "w-2",
                "BLOCKED (on object monitor)",
                blockedOnSink("com.example.Sink.write(Sink.java:8)"));

    assertThat(analyzer.analyze(t.parse()).verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(Analyzer.withMinWaiters(2).analyze(t.parse()).verdict()).isEqualTo(Verdict.STALL);
  }

  @Test
  void parkedOnReentrantLockWithoutDashLIsCannotTellNotHealthy() {
    DumpText t =
        new DumpText(false)
            .thread(
                "waiter",
                "WAITING (parking)",
                "at jdk.internal.misc.Unsafe.park(java.base@17/Native Method)",
                "- parking to wait for  <0x0e> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)",
                "at java.util.concurrent.locks.ReentrantLock.lock(java.base@17/ReentrantLock.java:322)");

    Diagnosis d = analyzer.analyze(t.parse());

    assertThat(d.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(d.verdict().exitCode()).isEqualTo(4);
    assertThat(d.missingEvidence()).singleElement().asString().contains("without -l");
  }

  @Test
  void jdk21JsonDumpWithoutStatesIsCannotTell() {
    ThreadDump d =
        ThreadDumpParser.json()
            .parse(
                "{\"threadDump\":{\"threadContainers\":[{\"threads\":["
                    + "{\"tid\":\"1\",\"name\":\"main\",\"stack\":[\"java.base/java.lang.Thread.sleep(Thread.java:1)\"]}]}]}}");

    Diagnosis diagnosis = analyzer.analyze(d);

    assertThat(diagnosis.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(diagnosis.missingEvidence()).singleElement().asString().contains("JDK 21-24");
  }

  @Test
  void writeLockWaitWithNoExclusiveOwnerSuggestsAReadToWriteUpgrade() {
    DumpText t =
        new DumpText(true)
            .thread(
                "upgrader",
                "WAITING (parking)",
                "at jdk.internal.misc.Unsafe.park(java.base@17/Native Method)",
                "- parking to wait for  <0x0f> (a java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync)",
                "at java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock(java.base@17/ReentrantReadWriteLock.java:959)",
                "at com.example.Cache.refresh(Cache.java:40)");

    Diagnosis d = Analyzer.withMinWaiters(1).analyze(t.parse());

    Finding f = d.findings(Finding.Kind.OWNERLESS_WAIT).get(0);
    assertThat(f.primitive()).isEqualTo("ReentrantReadWriteLock");
    assertThat(f.likelyCause()).contains("read-to-write upgrade");
    assertThat(d.verdict()).isEqualTo(Verdict.STALL);
  }

  @Test
  void ownerlessWaitInsideAnAsyncAppenderIsFlaggedAsLogging() {
    DumpText t = new DumpText(true);
    for (int i = 1; i <= 3; i++) {
      t.thread(
          "http-" + i,
          "WAITING (parking)",
          "at jdk.internal.misc.Unsafe.park(java.base@17/Native Method)",
          "- parking to wait for  <0x10> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)",
          "at java.util.concurrent.ArrayBlockingQueue.put(java.base@17/ArrayBlockingQueue.java:370)",
          "at ch.qos.logback.core.AsyncAppenderBase.put(AsyncAppenderBase.java:160)",
          "at com.example.Api.call(Api.java:7)");
    }

    Diagnosis d = analyzer.analyze(t.parse());

    Finding f = d.findings().get(0);
    assertThat(f.kind()).isEqualTo(Finding.Kind.OWNERLESS_WAIT);
    assertThat(f.primitive()).isEqualTo("BlockingQueue");
    assertThat(f.loggingFrame()).isEqualTo("ch.qos.logback.core.AsyncAppenderBase.put");
    assertThat(f.message())
        .contains("inside logging (async queue ch.qos.logback.core.AsyncAppenderBase.put)");
  }

  @Test
  void secondDumpTellsAStuckOwnerFromAProgressingOne() {
    DumpText before =
        new DumpText(true)
            .thread(
                "owner",
                "RUNNABLE",
                "at com.example.Sink.flush(Sink.java:30)",
                "- locked <0x0a> (a com.example.Sink)");
    DumpText movedOn =
        new DumpText(true)
            .thread(
                "owner",
                "RUNNABLE",
                "at com.example.Sink.encode(Sink.java:44)",
                "- locked <0x0a> (a com.example.Sink)");
    for (DumpText t : List.of(before, movedOn)) {
      for (int i = 1; i <= 3; i++) {
        t.thread(
            "w-" + i,
            "BLOCKED (on object monitor)",
            blockedOnSink("com.example.Sink.write(Sink.java:8)"));
      }
    }

    Diagnosis slow = analyzer.analyze(before.parse(), movedOn.parse());
    Diagnosis stuck = analyzer.analyze(before.parse(), before.parse());

    assertThat(slow.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(slow.progress())
        .containsEntry("owner", Diagnosis.Progress.PROGRESSING)
        .containsEntry("w-1", Diagnosis.Progress.STUCK);
    assertThat(slow.findings().get(0).message()).contains("slow, not stuck");
    assertThat(stuck.verdict()).isEqualTo(Verdict.STALL);
    assertThat(stuck.toText()).contains("PROGRESS BETWEEN DUMPS");
  }

  @Test
  void identicalStacksWithDifferentLambdaClassesAreOneGroup() {
    DumpText t =
        new DumpText(false)
            .thread(
                "a",
                "RUNNABLE",
                "at com.example.Job$$Lambda$1/0x0000000800c01000.run(Unknown Source)")
            .thread(
                "b",
                "RUNNABLE",
                "at com.example.Job$$Lambda$7/0x0000000800c0a000.run(Unknown Source)");

    assertThat(analyzer.analyze(t.parse()).groups())
        .singleElement()
        .satisfies(g -> assertThat(g.threadNames()).containsExactly("a", "b"));
  }

  @Test
  void reportPutsTheVerdictFirstAndJsonCarriesTheSameFacts() {
    Diagnosis d = analyzer.analyze(Dumps.parse("logging-io-jdk17-l.txt"));

    assertThat(d.toText())
        .startsWith("VERDICT: STALL (exit 3)\n  20 threads blocked behind")
        .contains("FINDINGS", "THREAD GROUPS", "WAIT-FOR GRAPH");
    Object json = MiniJson.parse(d.toJson());
    assertThat(json)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("verdict", "STALL")
        .containsEntry("exitCode", 3L);
  }
}
