package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Spring Boot's {@code /actuator/threaddump} (JSON, and the text/plain form Boot 3 also serves) and OpenJ9
 * javacores: detected automatically, read with their locks and owners, and diagnosed like HotSpot dumps. The inputs
 * are written by hand in each format's exact shape (see src/test/resources/dumps).
 */
class SpringBootAndOpenJ9Test {

  @Test
  void springBootJsonIsDetectedAndItsMonitorAndReentrantLockCycleIsADeadlock() {
    ThreadDump dump = Dumps.parse("spring-boot-deadlock.json");

    assertThat(dump.source()).isEqualTo(ThreadDump.Source.SPRING_BOOT_JSON);
    assertThat(dump.runtimeVersion()).isEqualTo("17.0.15");
    assertThat(dump.synchronizerOwnersKnown()).isTrue();
    DumpedThread one = dump.thread("http-nio-8080-exec-1");
    assertThat(one.id()).isEqualTo(41);
    assertThat(one.state()).isEqualTo(Thread.State.WAITING);
    assertThat(one.parkedOn().id())
        .isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync@5a6b7c8d");
    assertThat(one.heldMonitors())
        .extracting(LockRef::id)
        .containsExactly("com.example.orders.OrderService@1b2c3d4e");
    assertThat(one.frames().get(0).toString())
        .isEqualTo("jdk.internal.misc.Unsafe.park(Native Method)");
    assertThat(dump.thread("http-nio-8080-exec-2").ownedSynchronizers())
        .extracting(LockRef::id)
        .containsExactly("java.util.concurrent.locks.ReentrantLock$NonfairSync@5a6b7c8d");

    Diagnosis d = Analyzer.defaults().analyze(dump);

    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    Finding cycle = d.findings().get(0);
    assertThat(cycle.kind()).isEqualTo(Finding.Kind.DEADLOCK);
    assertThat(cycle.threads())
        .containsExactlyInAnyOrder("http-nio-8080-exec-1", "http-nio-8080-exec-2");
    assertThat(cycle.chain())
        .anySatisfy(
            e -> {
              assertThat(e.waiter()).isEqualTo("http-nio-8080-exec-2");
              assertThat(e.waiterFrame()).isEqualTo("OrderService.reserve");
              assertThat(e.owner()).isEqualTo("http-nio-8080-exec-1");
              assertThat(e.ownerLockedAt()).isEqualTo("StockLedger.reconcile");
            });
  }

  @Test
  void healthySpringBootJsonWithSortedKeysIsHealthy() {
    ThreadDump dump = Dumps.parse("spring-boot-healthy.json");
    Diagnosis d = Analyzer.defaults().analyze(dump);

    assertThat(dump.threads()).hasSize(5);
    assertThat(d.verdict()).as(d.toText()).isEqualTo(Verdict.HEALTHY);
    assertThat(d.missingEvidence()).isEmpty();
    assertThat(d.groups().get(0).count()).isEqualTo(3);
  }

  @Test
  void springBootsTextPlainDumpNamesOwnersOnTheWaitersLine() {
    ThreadDump dump = Dumps.parse("spring-boot-deadlock.txt");

    assertThat(dump.source()).isEqualTo(ThreadDump.Source.HOTSPOT_TEXT);
    assertThat(dump.partial()).isFalse();
    assertThat(dump.thread("http-nio-8080-exec-1").id()).isEqualTo(41);
    assertThat(dump.thread("http-nio-8080-exec-1").parkedOn().id()).isEqualTo("5a6b7c8d");
    assertThat(dump.thread("http-nio-8080-exec-1").reportedLockOwner())
        .isEqualTo("http-nio-8080-exec-2");

    Diagnosis d = Analyzer.defaults().analyze(dump);

    assertThat(d.verdict()).as(d.toText()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings().get(0).threads())
        .containsExactlyInAnyOrder("http-nio-8080-exec-1", "http-nio-8080-exec-2");
    assertThat(d.missingEvidence()).isEmpty();
  }

  @Test
  void openJ9JavacoreDeadlockIsReadFromItsThreadRecordsAndMatchesTheJvmsReport() {
    ThreadDump dump = Dumps.parse("openj9-deadlock-javacore.txt");

    assertThat(dump.source()).isEqualTo(ThreadDump.Source.OPENJ9_JAVACORE);
    assertThat(dump.featureVersion()).isEqualTo(17);
    assertThat(dump.threads())
        .extracting(DumpedThread::name)
        .containsExactly("main", "orders-worker-1", "orders-worker-2");
    assertThat(dump.thread("main").state())
        .as("CW in Thread.sleep")
        .isEqualTo(Thread.State.TIMED_WAITING);
    DumpedThread one = dump.thread("orders-worker-1");
    assertThat(one.id()).isEqualTo(0x12);
    assertThat(one.state()).isEqualTo(Thread.State.WAITING);
    assertThat(one.parkedOn().className())
        .isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync");
    assertThat(one.reportedLockOwner()).isEqualTo("orders-worker-2");
    assertThat(one.heldMonitors())
        .extracting(LockRef::id)
        .containsExactly("com.example.orders.OrderService@0x00000000FFF2E4A8");
    assertThat(one.frames())
        .extracting(StackFrame::toString)
        .contains(
            "com.example.stock.StockLedger.debit" + "(StockLedger.java:77)",
            "java.lang.Thread.run(Thread.java:857)");
    DumpedThread two = dump.thread("orders-worker-2");
    assertThat(two.blockedOn().id())
        .isEqualTo("com.example.orders.OrderService@0x00000000FFF2E4A8");
    assertThat(dump.jvmReportedDeadlocks())
        .containsExactly(java.util.List.of("orders-worker-2", "orders-worker-1"));

    Diagnosis d = Analyzer.defaults().analyze(dump);

    assertThat(d.verdict()).as(d.toText()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings().get(0).chain())
        .anySatisfy(
            e -> {
              assertThat(e.waiter()).isEqualTo("orders-worker-2");
              assertThat(e.owner()).isEqualTo("orders-worker-1");
              assertThat(e.ownerLockedAt()).isEqualTo("OrderService.place");
            });
    assertThat(d.missingEvidence()).isEmpty();
  }

  @Test
  void healthyOpenJ9JavacoreIsHealthy() {
    ThreadDump dump = Dumps.parse("openj9-healthy-javacore.txt");
    Diagnosis d = Analyzer.defaults().analyze(dump);

    assertThat(dump.threads()).hasSize(4);
    assertThat(dump.thread("Common-Cleaner").waitingOn().id())
        .isEqualTo("java.lang.ref.ReferenceQueue@0x00000000FFE26A10");
    assertThat(dump.thread("Common-Cleaner").heldMonitors()).as("released by wait()").isEmpty();
    assertThat(d.verdict()).as(d.toText()).isEqualTo(Verdict.HEALTHY);
    assertThat(d.missingEvidence()).isEmpty();
  }

  @Test
  void aJavacorePasteWithoutItsThreadsSectionIsNeverHealthy() {
    String paste = Dumps.text("openj9-healthy-javacore.txt");
    paste = paste.substring(paste.indexOf("3XMTHREADINFO      \"pool-1-thread-1\""));

    Diagnosis d = Analyzer.defaults().analyze(ThreadDumpParser.autoDetect().parse(paste));

    assertThat(d.verdict()).isEqualTo(Verdict.CANNOT_TELL);
  }
}
