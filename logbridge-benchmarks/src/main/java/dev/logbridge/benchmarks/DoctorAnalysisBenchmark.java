package dev.logbridge.benchmarks;

import dev.logbridge.doctor.Analyzer;
import dev.logbridge.doctor.Diagnosis;
import dev.logbridge.doctor.ThreadDump;
import dev.logbridge.doctor.ThreadDumpParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What logbridge-doctor's {@code analyze} spends on a 10,000-thread dump: parsing ({@code parse}) and parsing plus
 * the whole analysis ({@code parseAndAnalyse}), for {@code jstack -l} text and for the JDK's JSON dump. The dump
 * holds a two-thread deadlock, a hot lock with 500 waiters and idle pool workers (the same shape as the doctor's
 * {@code LargeDumpTest}). Baseline: {@code copyText}, one pass over the dump's characters (what any parser pays).
 *
 * <p>Warm (steady state): <pre>java -jar logbridge-benchmarks/target/benchmarks.jar DoctorAnalysisBenchmark</pre>
 * First call in a fresh JVM, which is what a command line run pays (class loading, interpreter, JIT), over 10 forks:
 * <pre>java -jar logbridge-benchmarks/target/benchmarks.jar DoctorAnalysisBenchmark.parseAndAnalyse -bm ss -wi 0 -i 1 -f 10</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DoctorAnalysisBenchmark {
  private static final int THREADS = 10_000;

  @Param({"text", "json"})
  public String format;

  private String dump;

  @Setup
  public void setUp() {
    dump = format.equals("json") ? jsonDump() : textDump();
  }

  @Benchmark
  public ThreadDump parse() {
    return ThreadDumpParser.autoDetect().parse(dump);
  }

  @Benchmark
  public Diagnosis parseAndAnalyse() {
    Diagnosis d = Analyzer.defaults().analyze(ThreadDumpParser.autoDetect().parse(dump));
    if (d.threadCount() != THREADS) {
      throw new IllegalStateException("read " + d.threadCount() + " threads of " + THREADS);
    }
    return d;
  }

  @Benchmark
  public char[] copyText() {
    return dump.toCharArray();
  }

  /** jstack -l text: a cycle, a hot lock with 500 waiters, idle pool workers. */
  static String textDump() {
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
    while (n < THREADS) {
      sb.append("\"pool-1-thread-")
          .append(n)
          .append("\" #")
          .append(n + 10)
          .append(" daemon prio=5 os_prio=0 cpu=0.10ms elapsed=9.00s tid=0x00007f00b0017f10")
          .append(" nid=0x2a waiting on condition  [0x00007f00bb2fe000]\n")
          .append("   java.lang.Thread.State: WAITING (parking)\n")
          .append("\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)\n")
          .append("\t- parking to wait for  <0x000000069d05da50> (a java.util.concurrent.locks.")
          .append("AbstractQueuedSynchronizer$ConditionObject)\n")
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

  /** Thread.dump_to_file -format=json (JDK 25 shape) with the same threads. */
  static String jsonDump() {
    StringBuilder sb =
        new StringBuilder("{\"threadDump\": {\"processId\": \"4242\",")
            .append(" \"time\": \"2026-01-01T00:00:00Z\", \"runtimeVersion\": \"25.0.3+9-LTS\",")
            .append(
                " \"threadContainers\": [{\"container\": \"<root>\", \"parent\": null, \"owner\": null,")
            .append(" \"threads\": [\n");
    int n = 0;
    jsonThread(sb, n++, "cycle-a", "\"blockedOn\": \"com.example.B@b\"", "com.example.A@a");
    jsonThread(sb, n++, "cycle-b", "\"blockedOn\": \"com.example.A@a\"", "com.example.B@b");
    jsonThread(sb, n++, "hot-owner", null, "com.example.Sink@c");
    for (int i = 0; i < 500; i++) {
      jsonThread(sb, n++, "hot-waiter-" + i, "\"blockedOn\": \"com.example.Sink@c\"", null);
    }
    while (n < THREADS) {
      sb.append(",\n  {\"tid\": \"")
          .append(n + 10)
          .append("\", \"time\": \"2026-01-01T00:00:00.")
          .append(n)
          .append("Z\", \"name\": \"pool-1-thread-")
          .append(n)
          .append("\", \"state\": \"WAITING\",")
          .append(" \"parkBlocker\": {\"object\": ")
          .append(
              "\"java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@5f147e47\"},")
          .append(" \"stack\": [\"java.base\\/jdk.internal.misc.Unsafe.park(Native Method)\",")
          .append(
              " \"java.base\\/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)\",")
          .append(
              " \"java.base\\/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)\",")
          .append(
              " \"java.base\\/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)\",")
          .append(
              " \"java.base\\/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1130)\",")
          .append(" \"java.base\\/java.lang.Thread.run(Thread.java:1474)\"]}");
      n++;
    }
    return sb.append("\n], \"threadCount\": \"").append(THREADS).append("\"}]}}\n").toString();
  }

  private static void jsonThread(StringBuilder sb, int n, String name, String wait, String owned) {
    sb.append(n == 0 ? "  " : ",\n  ")
        .append("{\"tid\": \"")
        .append(n + 10)
        .append("\", \"name\": \"")
        .append(name)
        .append("\", \"state\": \"")
        .append(wait == null ? "RUNNABLE" : "BLOCKED")
        .append("\", ");
    if (wait != null) {
      sb.append(wait).append(", ");
    }
    sb.append("\"stack\": [\"com.example.Work.step")
        .append(n % 7)
        .append("(Work.java:")
        .append(n % 97)
        .append(")\", \"com.example.Work.run(Work.java:1)\"]");
    if (owned != null) {
      sb.append(", \"monitorsOwned\": [{\"depth\": 0, \"locks\": [\"")
          .append(owned)
          .append("\"]}]");
    }
    sb.append('}');
  }
}
