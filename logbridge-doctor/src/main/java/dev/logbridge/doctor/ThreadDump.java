package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One snapshot of a process's threads, whatever format it came from, plus what that format can and cannot prove.
 *
 * <p>The evidence flags matter as much as the threads: a HotSpot dump without {@code -l} cannot show who holds a
 * {@code ReentrantLock}, and a JSON dump never can (before JDK-8365057), so the analyser answers "cannot tell"
 * instead of "healthy" when a question depends on missing evidence.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThreadDump {

  /** Where a dump came from. */
  public enum Source {
    /** {@code jstack} or {@code jcmd <pid> Thread.print}, with or without {@code -l}. */
    HOTSPOT_TEXT,
    /** {@code jcmd <pid> Thread.dump_to_file -format=json}. */
    JSON,
    /** {@code ThreadMXBean.getThreadInfo} inside the running process (the stall watchdog). */
    THREAD_MX_BEAN,
    /** Spring Boot's {@code /actuator/threaddump} JSON ({@code ThreadMXBean.dumpAllThreads} as JSON). */
    SPRING_BOOT_JSON,
    /** An OpenJ9 / IBM javacore ({@code kill -3}, {@code jcmd <pid> Dump.java}). */
    OPENJ9_JAVACORE
  }

  private final Source source;
  private final String runtimeVersion;
  private final List<DumpedThread> threads;
  private final boolean synchronizerOwnersKnown;
  private final boolean statesKnown;
  private final List<List<String>> jvmReportedDeadlocks;
  private final List<String> unreadParts;
  private final boolean partial;

  ThreadDump(
      Source source,
      String runtimeVersion,
      List<DumpedThread> threads,
      boolean synchronizerOwnersKnown,
      boolean statesKnown,
      List<List<String>> jvmReportedDeadlocks) {
    this(
        source,
        runtimeVersion,
        threads,
        synchronizerOwnersKnown,
        statesKnown,
        jvmReportedDeadlocks,
        List.of(),
        false);
  }

  ThreadDump(
      Source source,
      String runtimeVersion,
      List<DumpedThread> threads,
      boolean synchronizerOwnersKnown,
      boolean statesKnown,
      List<List<String>> jvmReportedDeadlocks,
      List<String> unreadParts,
      boolean partial) {
    this.unreadParts = List.copyOf(unreadParts);
    this.partial = partial;
    this.source = Objects.requireNonNull(source, "source");
    this.runtimeVersion = runtimeVersion == null ? "" : runtimeVersion;
    this.threads = List.copyOf(threads);
    this.synchronizerOwnersKnown = synchronizerOwnersKnown;
    this.statesKnown = statesKnown;
    List<List<String>> cycles = new ArrayList<>();
    for (List<String> c : jvmReportedDeadlocks) {
      cycles.add(List.copyOf(c));
    }
    this.jvmReportedDeadlocks = List.copyOf(cycles);
  }

  /** The format the dump was read from. */
  public Source source() {
    return source;
  }

  /** The JVM version the dump names, or an empty string when it names none. */
  public String runtimeVersion() {
    return runtimeVersion;
  }

  /** Every thread in the dump, in dump order. */
  public List<DumpedThread> threads() {
    return threads;
  }

  /**
   * Whether the dump lists every thread's ownable synchronizers ({@code Thread.print -l}), so that a j.u.c lock
   * that no thread lists is known to have no exclusive owner.
   */
  public boolean synchronizerOwnersKnown() {
    return synchronizerOwnersKnown;
  }

  /** Whether the dump carries thread states and locks at all (JDK 21 JSON dumps carry neither). */
  public boolean statesKnown() {
    return statesKnown;
  }

  /** The cycles the JVM itself reported ("Found one Java-level deadlock"), as thread names; often empty. */
  public List<List<String>> jvmReportedDeadlocks() {
    return jvmReportedDeadlocks;
  }

  /**
   * What the parser saw but could not read (a damaged thread header, frames without a header, a format it only
   * half knows), one sentence each; empty when every line was understood. A dump with unread parts is never
   * called healthy: the part that was not read may be the one that matters.
   */
  public List<String> unreadParts() {
    return unreadParts;
  }

  /**
   * Whether the input is known to show only some of the process's threads: a paste without the
   * {@code Full thread dump} header, or only the JVM's deadlock report.
   */
  public boolean partial() {
    return partial;
  }

  /**
   * The Java feature version the dump names (8 for {@code 1.8.0_181} or {@code 25.181-b13}, 17 for
   * {@code 17.0.15+6}), or 0 when it names none.
   */
  public int featureVersion() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(?:1\\.)?(\\d+)").matcher(runtimeVersion);
    if (!m.find()) {
      return 0;
    }
    int v = Integer.parseInt(m.group(1));
    // jstack -F on JDK 8 prints the HotSpot version ("25.181-b13"), not the Java one.
    return v == 25 && runtimeVersion.matches("25\\.\\d+-b\\d+.*") ? 8 : v;
  }

  /** The thread with this exact name, or {@code null}. */
  public DumpedThread thread(String name) {
    for (DumpedThread t : threads) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
