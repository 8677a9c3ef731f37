package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 10,000-thread dump, as text and as JSON, with a cycle, a hot lock and a wait chain among idle pool workers, is
 * read completely and diagnosed right. Its cost is measured by {@code DoctorAnalysisBenchmark} and by cold command
 * line runs (README), not here.
 */
@ExtendWith(DumpThreadsOnTimeout.class)
class LargeDumpTest {
  private static final int THREADS = 10_000;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tenThousandThreadsOfTextAreAllReadAndTheDeadlockIsFound() {
    Diagnosis d = analyse(bigTextDump());

    assertThat(d.threadCount()).isEqualTo(THREADS);
    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings())
        .extracting(Finding::kind)
        .contains(Finding.Kind.DEADLOCK, Finding.Kind.HOT_LOCK, Finding.Kind.WAIT_CHAIN);
    assertThat(d.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.HOT_LOCK)
        .singleElement()
        .satisfies(
            f -> assertThat(f.threads()).hasSize(500).startsWith("hot-waiter-0", "hot-waiter-1"));
    // Idle workers share one body of text; each must still be a thread of its own with its stack
    // and lock.
    assertThat(d.groups().get(0).count()).isEqualTo(THREADS - 505);
    assertThat(d.groups().get(0).threadNames())
        .startsWith("pool-1-thread-505", "pool-1-thread-506");
    assertThat(d.groups().get(0).frames()).hasSize(7);
    assertThat(d.edges())
        .filteredOn(e -> e.waiter().equals("pool-1-thread-9999"))
        .singleElement()
        .satisfies(e -> assertThat(e.lock().id()).isEqualTo("0x0f"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tenThousandThreadsOfJsonAreAllReadAndTheDeadlockIsFound() {
    Diagnosis d = analyse(bigJsonDump());

    assertThat(d.threadCount()).isEqualTo(THREADS);
    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings())
        .extracting(Finding::kind)
        .contains(Finding.Kind.DEADLOCK, Finding.Kind.HOT_LOCK);
    assertThat(d.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.DEADLOCK)
        .singleElement()
        .satisfies(f -> assertThat(f.threads()).containsExactly("cycle-a", "cycle-b"));
    assertThat(d.groups().get(0).count()).isEqualTo(THREADS - 503);
  }

  private static Diagnosis analyse(String text) {
    return Analyzer.defaults().analyze(ThreadDumpParser.autoDetect().parse(text));
  }

  /** {@code jstack -l} text: a cycle, a hot lock with 500 waiters, a chain to an untimed wait, idle workers. */
  static String bigTextDump() {
    StringBuilder sb =
        new StringBuilder("Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode):\n\n");
    int n = 0;
    thread(
        sb,
        n++,
        "cycle-a",
        "BLOCKED (on object monitor)",
        "- waiting to lock <0x0b> (a com.example.B)",
        "- locked <0x0a> (a com.example.A)");
    thread(
        sb,
        n++,
        "cycle-b",
        "BLOCKED (on object monitor)",
        "- waiting to lock <0x0a> (a com.example.A)",
        "- locked <0x0b> (a com.example.B)");
    thread(sb, n++, "hot-owner", "RUNNABLE", "- locked <0x0c> (a com.example.Sink)");
    for (int i = 0; i < 500; i++) {
      thread(
          sb,
          n++,
          "hot-waiter-" + i,
          "BLOCKED (on object monitor)",
          "- waiting to lock <0x0c> (a com.example.Sink)");
    }
    thread(
        sb,
        n++,
        "chain-root",
        "WAITING (parking)",
        "- parking to wait for  <0x0e> (a java.util.concurrent.CountDownLatch$Sync)",
        "- locked <0x0d> (a com.example.Registry)");
    thread(
        sb,
        n++,
        "chain-waiter",
        "BLOCKED (on object monitor)",
        "- waiting to lock <0x0d> (a com.example.Registry)");
    while (n < THREADS) {
      sb.append('"')
          .append("pool-1-thread-")
          .append(n)
          .append("\" #")
          .append(n + 10)
          .append(
              " daemon prio=5 os_prio=0 cpu=0.10ms elapsed=9.00s tid=0x1 nid=0x2 waiting on condition  [0x3]\n")
          .append("   java.lang.Thread.State: WAITING (parking)\n")
          .append("\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n")
          .append(
              "\t- parking to wait for  <0x0f> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)\n")
          .append(
              "\tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:341)\n")
          .append(
              "\tat java.util.concurrent.LinkedBlockingQueue.take(java.base@17.0.15/LinkedBlockingQueue.java:435)\n")
          .append(
              "\tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.15/ThreadPoolExecutor.java:1062)\n")
          .append(
              "\tat java.util.concurrent.ThreadPoolExecutor.runWorker(java.base@17.0.15/ThreadPoolExecutor.java:1122)\n")
          .append(
              "\tat java.util.concurrent.ThreadPoolExecutor$Worker.run(java.base@17.0.15/ThreadPoolExecutor.java:635)\n")
          .append("\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)\n\n")
          .append("   Locked ownable synchronizers:\n\t- None\n\n");
      n++;
    }
    return sb.append("JNI global refs: 10, weak refs: 0\n").toString();
  }

  private static void thread(StringBuilder sb, int n, String name, String state, String... locks) {
    sb.append('"')
        .append(name)
        .append("\" #")
        .append(n + 10)
        .append(" prio=5 os_prio=0 cpu=1.00ms elapsed=9.00s tid=0x1 nid=0x2 x  [0x3]\n")
        .append("   java.lang.Thread.State: ")
        .append(state)
        .append('\n')
        .append("\tat com.example.Work.step")
        .append(n % 7)
        .append("(Work.java:")
        .append(n % 97)
        .append(")\n");
    for (String l : locks) {
      sb.append('\t').append(l).append('\n');
    }
    sb.append(
        "\tat com.example.Work.run(Work.java:1)\n\n   Locked ownable synchronizers:\n\t- None\n\n");
  }

  /** {@code Thread.dump_to_file -format=json} (JDK 25 shape): a cycle, a hot lock with 500 waiters, idle workers. */
  static String bigJsonDump() {
    StringBuilder sb =
        new StringBuilder(
            "{\n  \"threadDump\": {\n    \"processId\": \"4242\",\n"
                + "    \"time\": \"2026-01-01T00:00:00Z\",\n    \"runtimeVersion\": \"25.0.3+9-LTS\",\n"
                + "    \"threadContainers\": [\n      {\n        \"container\": \"<root>\",\n        \"parent\": null,\n"
                + "        \"owner\": null,\n        \"threads\": [\n");
    int n = 0;
    jsonThread(
        sb, n++, "cycle-a", "BLOCKED", "\"blockedOn\": \"com.example.B@b\"", "com.example.A@a");
    jsonThread(
        sb, n++, "cycle-b", "BLOCKED", "\"blockedOn\": \"com.example.A@a\"", "com.example.B@b");
    jsonThread(sb, n++, "hot-owner", "RUNNABLE", null, "com.example.Sink@c");
    for (int i = 0; i < 500; i++) {
      jsonThread(
          sb, n++, "hot-waiter-" + i, "BLOCKED", "\"blockedOn\": \"com.example.Sink@c\"", null);
    }
    while (n < THREADS) {
      sb.append(",\n")
          .append("          {\n            \"tid\": \"")
          .append(n + 10)
          .append("\",\n            \"time\": \"2026-01-01T00:00:00.")
          .append(n)
          .append("Z\",\n            \"name\": \"pool-1-thread-")
          .append(n)
          .append(
              "\",\n            \"state\": \"WAITING\",\n            \"parkBlocker\": {\n"
                  + "              \"object\": \"java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@f\"\n"
                  + "            },\n            \"stack\": [\n"
                  + "              \"java.base\\/jdk.internal.misc.Unsafe.park(Native Method)\",\n"
                  + "              \"java.base\\/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)\",\n"
                  + "              \"java.base\\/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)\",\n"
                  + "              \"java.base\\/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)\",\n"
                  + "              \"java.base\\/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1130)\",\n"
                  + "              \"java.base\\/java.lang.Thread.run(Thread.java:1474)\"\n"
                  + "            ]\n          }");
      n++;
    }
    return sb.append("\n        ],\n        \"threadCount\": \"")
        .append(THREADS)
        .append("\"\n      }\n    ]\n  }\n}\n")
        .toString();
  }

  private static void jsonThread(
      StringBuilder sb, int n, String name, String state, String wait, String owned) {
    sb.append(n == 0 ? "" : ",\n")
        .append("          {\n            \"tid\": \"")
        .append(n + 10)
        .append("\",\n            \"name\": \"")
        .append(name)
        .append("\",\n            \"state\": \"")
        .append(state)
        .append("\",\n");
    if (wait != null) {
      sb.append("            ").append(wait).append(",\n");
    }
    sb.append("            \"stack\": [\n              \"com.example.Work.step")
        .append(n % 7)
        .append("(Work.java:")
        .append(n % 97)
        .append(")\",\n              \"com.example.Work.run(Work.java:1)\"\n" + "            ]");
    if (owned != null) {
      sb.append(
              ",\n            \"monitorsOwned\": [\n              {\n                \"depth\": 0,\n"
                  + "                \"locks\": [\n                  \"")
          .append(owned)
          .append("\"\n                ]\n" + "              }\n            ]");
    }
    sb.append("\n          }");
  }
}
