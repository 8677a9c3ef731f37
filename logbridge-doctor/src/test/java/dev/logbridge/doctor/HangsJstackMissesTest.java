package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hangs the JVM's deadlock detector names none of, on dumps captured from the small hanging programs in
 * {@code example.hang.HangChild} (wait-chain, pool-starvation, producer-consumer on JDK 17; pinned-carriers on
 * JDK 25) and on hand-written variants that must not be flagged.
 */
class HangsJstackMissesTest {
  private final Analyzer analyzer = Analyzer.defaults();

  @Test
  void aChainWithOneWaiterPerLockEndingAtAnUntimedWaitIsAStallNamingEveryLink() {
    ThreadDump dump = Dumps.parse("wait-chain-jdk17-l.txt");
    Diagnosis d = analyzer.analyze(dump);

    assertThat(dump.jvmReportedDeadlocks()).isEmpty();
    assertThat(d.verdict()).isEqualTo(Verdict.STALL);
    Finding chain = d.findings(Finding.Kind.WAIT_CHAIN).get(0);
    assertThat(chain.owner()).isEqualTo("chain-holder");
    assertThat(chain.threads()).containsExactlyInAnyOrder("chain-mid", "chain-tail");
    assertThat(chain.lock().className()).isEqualTo("example.hang.HangChild$LockA");
    assertThat(chain.primitive()).startsWith("CountDownLatch");
    assertThat(chain.ownerFrame()).isEqualTo("CountDownLatch.await");
    WaitEdge last =
        chain.chain().stream()
            .filter(e -> e.owner().equals("chain-holder"))
            .findFirst()
            .orElseThrow();
    assertThat(last.waiter()).isEqualTo("chain-mid");
    assertThat(last.waiterFrame()).startsWith("HangChild.lambda$waitChain$");
    assertThat(last.ownerLockedAt()).startsWith("HangChild.lambda$waitChain$");
    assertThat(last.ownerFrame()).isEqualTo("CountDownLatch.await");
  }

  @Test
  void oneLockWaiterBehindAnOwnerInObjectWaitIsAStallButBehindATimedWaitIsNot() {
    String holder =
        "\"holder\" #11 prio=5 tid=0x1 nid=0x2 in Object.wait()  [0x3]\n"
            + "   java.lang.Thread.State: %s (on object monitor)\n"
            + "\tat java.lang.Object.wait(java.base@17.0.1/Native Method)\n"
            + "\t- waiting on <0x0c> (a com.example.Signal)\n"
            + "\tat com.example.Holder.awaitSignal(Holder.java:20)\n"
            + "\t- locked <0x0c> (a com.example.Signal)\n"
            + "\tat com.example.Holder.run(Holder.java:10)\n"
            + "\t- locked <0x0a> (a com.example.Registry)\n";
    String waiter =
        "\"waiter\" #12 prio=5 tid=0x1 nid=0x2 waiting for monitor entry  [0x3]\n"
            + "   java.lang.Thread.State: BLOCKED (on object monitor)\n"
            + "\tat com.example.Registry.lookup(Registry.java:5)\n"
            + "\t- waiting to lock <0x0a> (a com.example.Registry)\n";

    Diagnosis untimed = analyzer.analyze(dump(String.format(holder, "WAITING"), waiter));
    Diagnosis timed = analyzer.analyze(dump(String.format(holder, "TIMED_WAITING"), waiter));

    assertThat(untimed.verdict()).isEqualTo(Verdict.STALL);
    Finding chain = untimed.findings(Finding.Kind.WAIT_CHAIN).get(0);
    assertThat(chain.threads()).containsExactly("waiter");
    assertThat(chain.chain().get(0).ownerLockedAt()).isEqualTo("Holder.run");
    assertThat(chain.chain().get(0).waiterFrame()).isEqualTo("Registry.lookup");
    assertThat(chain.ownerFrame()).isEqualTo("Holder.awaitSignal");
    assertThat(timed.verdict()).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void everyWorkerOfAPoolWaitingOnFuturesIsPoolStarvation() {
    Diagnosis d = analyzer.analyze(Dumps.parse("pool-starvation-jdk17-l.txt"));

    assertThat(d.verdict()).isEqualTo(Verdict.STALL);
    Finding starved = d.findings(Finding.Kind.POOL_STARVATION).get(0);
    assertThat(starved.threads()).containsExactlyInAnyOrder("starved-pool-1", "starved-pool-2");
    assertThat(starved.message()).contains("pool `starved-pool-*`", "FutureTask.get");
    assertThat(starved.ownerFrame()).startsWith("HangChild.lambda$poolStarvation$");
  }

  @Test
  void aPoolWithOneIdleWorkerIsNotStarved() {
    String busy =
        "\"pool-1-thread-1\" #11 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
            + "   java.lang.Thread.State: WAITING (parking)\n"
            + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.1/Native Method)\n"
            + "\t- parking to wait for  <0x0b> (a java.util.concurrent.FutureTask)\n"
            + "\tat java.util.concurrent.FutureTask.get(java.base@17.0.1/FutureTask.java:190)\n"
            + "\tat com.example.Job.call(Job.java:3)\n"
            + "\tat java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.1/ThreadPoolExecutor.java:1136)\n";
    String idle =
        "\"pool-1-thread-2\" #12 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
            + "   java.lang.Thread.State: WAITING (parking)\n"
            + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.1/Native Method)\n"
            + "\tat java.util.concurrent.LinkedBlockingQueue.take(java.base@17.0.1/LinkedBlockingQueue.java:435)\n"
            + "\tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.1/ThreadPoolExecutor.java:1062)\n"
            + "\tat java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.1/ThreadPoolExecutor.java:1136)\n";

    assertThat(analyzer.analyze(dump(busy, idle)).findings(Finding.Kind.POOL_STARVATION)).isEmpty();
    assertThat(analyzer.analyze(dump(busy)).findings(Finding.Kind.POOL_STARVATION)).hasSize(1);
  }

  @Test
  void producersOnAFullQueueWhoseConsumerWaitsForAProducersLockIsADeadlockThroughTheQueue() {
    ThreadDump dump = Dumps.parse("producer-consumer-jdk17-l.txt");
    Diagnosis d = analyzer.analyze(dump);

    assertThat(dump.jvmReportedDeadlocks()).isEmpty();
    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    Finding pc = d.findings(Finding.Kind.PRODUCER_CONSUMER).get(0);
    assertThat(pc.owner()).isEqualTo("async-consumer");
    assertThat(pc.threads())
        .contains("producer-holding-sink", "producer-1", "producer-2", "async-consumer");
    assertThat(pc.lock().className()).isEqualTo("example.hang.HangChild$SinkLock");
    assertThat(pc.message()).contains("ArrayBlockingQueue.put", "a deadlock through the queue");
    assertThat(pc.chain().get(0).ownerFrame()).isEqualTo("ArrayBlockingQueue.put");
  }

  @Test
  void producersOnAFullQueueWhoseConsumerIsIdleInTakeAreNotAProducerConsumerStall() {
    String producer =
        "\"producer-1\" #11 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
            + "   java.lang.Thread.State: WAITING (parking)\n"
            + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.1/Native Method)\n"
            + "\t- parking to wait for  <0x0b> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)\n"
            + "\tat java.util.concurrent.ArrayBlockingQueue.put(java.base@17.0.1/ArrayBlockingQueue.java:370)\n"
            + "\tat com.example.Feed.offer(Feed.java:3)\n";
    String consumer =
        "\"queue-consumer\" #12 prio=5 tid=0x1 nid=0x2 waiting on condition  [0x3]\n"
            + "   java.lang.Thread.State: WAITING (parking)\n"
            + "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.1/Native Method)\n"
            + "\t- parking to wait for  <0x0d> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)\n"
            + "\tat java.util.concurrent.ArrayBlockingQueue.take(java.base@17.0.1/ArrayBlockingQueue.java:420)\n"
            + "\tat com.example.Feed.drain(Feed.java:9)\n";

    assertThat(analyzer.analyze(dump(producer, consumer)).findings(Finding.Kind.PRODUCER_CONSUMER))
        .isEmpty();
  }

  @Test
  void everyCarrierPinnedByAVirtualThreadInAClassInitialiserIsAStall() {
    Diagnosis d = analyzer.analyze(Dumps.parse("pinned-carriers-jdk25-l.txt"));

    assertThat(d.verdict()).isEqualTo(Verdict.STALL);
    Finding pinned = d.findings(Finding.Kind.PINNED_CARRIERS).get(0);
    assertThat(pinned.threads()).hasSize(2).allMatch(n -> n.startsWith("ForkJoinPool-1-worker-"));
    assertThat(pinned.message()).contains("all 2 of 2 carrier", "HangChild$SlowInit.<clinit>");
  }

  @Test
  void oneCarrierOfTwoPinnedIsOnlyANote() {
    List<String> lines =
        new ArrayList<>(Dumps.text("pinned-carriers-jdk25-l.txt").lines().toList());
    int second =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.startsWith("\"ForkJoinPool-1-worker-2\""))
                .findFirst()
                .orElseThrow());
    int end = second + 1;
    while (!lines.get(end).startsWith("\"")) {
      end++;
    }
    lines.subList(second + 1, end).clear(); // worker-2 no longer carries anything

    Diagnosis d = analyzer.analyze(ThreadDumpParser.hotSpotText().parse(String.join("\n", lines)));

    assertThat(d.findings(Finding.Kind.PINNED_CARRIERS))
        .singleElement()
        .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.HEALTHY));
  }

  private static ThreadDump dump(String... blocks) {
    return ThreadDumpParser.hotSpotText()
        .parse(
            "Full thread dump OpenJDK 64-Bit Server VM (17.0.1+12 mixed mode):\n\n"
                + String.join("\n", blocks)
                + "\nJNI global refs: 1, weak refs: 0\n");
  }
}
