package dev.logbridge.doctor;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ThreadDump} from {@link ThreadInfo}s taken in-process, so the watchdog reuses the analyser.
 *
 * <p>ThreadMXBean names the owner of both a monitor and an exclusive j.u.c lock cheaply ({@code lockOwnerName}),
 * so no {@code lockedSynchronizers} heap walk is needed for owners. Stateless and thread-safe.
 */
final class ThreadInfoDumps {
  private ThreadInfoDumps() {}

  static ThreadDump of(List<ThreadInfo> infos) {
    List<DumpedThread> threads = new ArrayList<>();
    for (ThreadInfo info : infos) {
      threads.add(thread(info));
    }
    return new ThreadDump(
        ThreadDump.Source.THREAD_MX_BEAN,
        Runtime.version().toString(),
        threads,
        false,
        true,
        List.of());
  }

  private static DumpedThread thread(ThreadInfo info) {
    DumpedThread.Builder b =
        DumpedThread.builder(info.getThreadName())
            .id(info.getThreadId())
            .state(info.getThreadState());
    StackTraceElement[] stack = info.getStackTrace();
    for (StackTraceElement e : stack) {
      b.frame(StackFrame.of(e));
    }
    LockInfo lock = info.getLockInfo();
    if (lock != null) {
      LockRef ref = ref(lock);
      if (info.getThreadState() == Thread.State.BLOCKED) {
        b.blockedOn(ref);
      } else if (stack.length > 0
          && stack[0].getClassName().equals("java.lang.Object")
          && stack[0].getMethodName().startsWith("wait")) {
        b.waitingOn(ref);
      } else {
        b.parkedOn(ref);
      }
      if (info.getLockOwnerId() != -1) {
        b.reportedLockOwner(info.getLockOwnerName());
      }
    }
    MonitorInfo[] monitors = info.getLockedMonitors();
    if (monitors != null) {
      for (MonitorInfo m : monitors) {
        b.held(ref(m));
      }
    }
    return b.build();
  }

  private static LockRef ref(LockInfo lock) {
    return new LockRef(
        lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode()),
        lock.getClassName());
  }
}
