package dev.logbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time the whole process used between two readings, split by who used it: the Java threads
 * by name (callers, logbridge's pipeline thread, the SDK's batch worker, the exporter's HTTP
 * client, the embedded receiver, others) and the rest of the process (GC, JIT compilers, the VM:
 * process CPU minus every Java thread's). Reads {@code OperatingSystemMXBean.getProcessCpuTime}
 * and {@link ThreadMXBean#getThreadCpuTime} per live thread; a thread that started after the
 * first reading counts from zero; one that ended before the second would count as "not a Java
 * thread", so the callers, which end with the load, are added from their own reading.
 *
 * <p>Thread-safety: a reading is immutable; take readings from one thread.
 */
final class CpuLedger {
  /** Who used CPU, by thread-name prefix; the first match wins, in this order. */
  enum Part {
    CALLERS("paced-load-"),
    PIPELINE("logbridge-pipeline"),
    SDK_WORKER("BatchLogRecordProcessor"),
    EXPORTER_HTTP("HttpClient-"),
    RECEIVER("logbridge-receiver", "HTTP-Dispatcher"),
    OTHER_JAVA(),
    NOT_JAVA_THREADS();

    private final String[] prefixes;

    Part(String... prefixes) {
      this.prefixes = prefixes;
    }

    static Part of(String threadName) {
      for (Part part : values()) {
        for (String prefix : part.prefixes) {
          if (threadName.startsWith(prefix)) {
            return part;
          }
        }
      }
      return OTHER_JAVA;
    }
  }

  private final long processNanos;
  private final Map<Long, Long> threadNanos;
  private final Map<Long, String> threadNames;

  private CpuLedger(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> names) {
    this.processNanos = processNanos;
    this.threadNanos = threadNanos;
    this.threadNames = names;
  }

  /** The process's and every live Java thread's CPU time now. */
  static CpuLedger read() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue; // ended since the ids were read
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new CpuLedger(processCpuNanos(), cpu, names);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  /**
   * CPU used from {@code earlier} to this reading, in nanoseconds, by part (all parts listed);
   * {@code endedCallers} is what caller threads that ended in between used.
   */
  Map<Part, Long> since(CpuLedger earlier, long endedCallers) {
    Map<Part, Long> byPart = new LinkedHashMap<>();
    for (Part part : Part.values()) {
      byPart.put(part, 0L);
    }
    long javaThreads = 0;
    for (Map.Entry<Long, Long> thread : threadNanos.entrySet()) {
      long used = thread.getValue() - earlier.threadNanos.getOrDefault(thread.getKey(), 0L);
      byPart.merge(Part.of(threadNames.get(thread.getKey())), used, Long::sum);
      javaThreads += used;
    }
    byPart.merge(Part.CALLERS, endedCallers, Long::sum);
    javaThreads += endedCallers;
    long process = processNanos - earlier.processNanos;
    byPart.put(Part.NOT_JAVA_THREADS, Math.max(0, process - javaThreads));
    return byPart;
  }

  /** Process CPU from {@code earlier} to this reading, in nanoseconds. */
  long processSince(CpuLedger earlier) {
    return processNanos - earlier.processNanos;
  }
}
