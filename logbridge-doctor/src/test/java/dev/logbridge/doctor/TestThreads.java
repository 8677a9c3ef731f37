package dev.logbridge.doctor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * Prints this test JVM's threads when a deadline expires, so a hanging test explains itself.
 *
 * <p>Stateless and thread-safe.
 */
final class TestThreads {
  private TestThreads() {}

  static void printAll(String why) {
    StringBuilder sb =
        new StringBuilder("=== deadline expired: ").append(why).append(" — test JVM threads:\n");
    // No locked monitors or synchronizers: cheap, and enough to see where the test waits.
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      sb.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
      if (info.getLockName() != null) {
        sb.append(" on ")
            .append(info.getLockName())
            .append(" owned by ")
            .append(info.getLockOwnerName());
      }
      sb.append('\n');
      for (StackTraceElement e : info.getStackTrace()) {
        sb.append("\tat ").append(e).append('\n');
      }
    }
    System.out.println(sb);
  }
}
