package dev.logbridge.doctor;

/**
 * Synthetic 10,000-thread dumps, as {@code jstack -l} text and as a JDK 25 {@code
 * Thread.dump_to_file -format=json} file: a two-thread lock cycle, a hot lock with 500 waiters, a
 * wait chain ending in an untimed wait (text only) and idle pool workers. One builder for {@code
 * LargeDumpTest}, which checks they are read and diagnosed right, and for the benchmarks'
 * {@code DoctorAnalysisBenchmark}, which times them; shipped in this module's test jar (this class
 * only).
 *
 * <p>Thread-safety: stateless.
 */
public final class SyntheticDumps {
  /** Threads in each dump. */
  public static final int THREADS = 10_000;

  private SyntheticDumps() {}

  /** {@code jstack -l} text: a cycle, a hot lock with 500 waiters, a chain to an untimed wait, idle workers. */
  public static String text() {
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
  public static String json() {
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
