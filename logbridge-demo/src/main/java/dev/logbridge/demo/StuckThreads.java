package dev.logbridge.demo;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a thread dump in one screen: the threads waiting on a lock that has an owner, grouped
 * by lock, the owner of each lock, and what the owner itself waits for — in particular an owner
 * waiting on the very lock it holds, the re-entry self-deadlock of the seed incident.
 *
 * <p>A deliberately small analysis for the demo's fallback on virtual threads, where the
 * watchdog's samples cannot see the waiting threads; it needs a full dump with lock owners.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class StuckThreads {
  static final int NAMES_SHOWN = 6;
  static final int OWNER_FRAMES_SHOWN = 14;

  private final ThreadInfo[] threads;

  StuckThreads(ThreadInfo[] threads) {
    this.threads = threads.clone();
  }

  /** The explanation, headed by {@code headline}. */
  String explain(String headline) {
    Map<String, List<ThreadInfo>> waitersByLock = new LinkedHashMap<>();
    Map<Long, ThreadInfo> byId = new LinkedHashMap<>();
    for (ThreadInfo thread : threads) {
      if (thread == null) {
        continue;
      }
      byId.put(thread.getThreadId(), thread);
      if (thread.getLockInfo() != null && thread.getLockOwnerName() != null) {
        waitersByLock
            .computeIfAbsent(describe(thread.getLockInfo()), k -> new ArrayList<>())
            .add(thread);
      }
    }
    StringBuilder out = new StringBuilder(headline).append('\n');
    if (waitersByLock.isEmpty()) {
      return out.append(
              "  no thread waits on a lock with an owner; the threads may be busy or"
                  + " parked on something without an owner.\n")
          .toString();
    }
    for (Map.Entry<String, List<ThreadInfo>> group : waitersByLock.entrySet()) {
      List<ThreadInfo> waiters = group.getValue();
      ThreadInfo first = waiters.get(0);
      ThreadInfo owner = byId.get(first.getLockOwnerId());
      // The owner may be among the waiters (it waits for itself); it is described on its own.
      List<ThreadInfo> others = new ArrayList<>();
      for (ThreadInfo waiter : waiters) {
        if (waiter.getThreadId() != first.getLockOwnerId()) {
          others.add(waiter);
        }
      }
      out.append(
          String.format(
              "  %d thread(s) %s on %s, owned by \"%s\":%n",
              others.size(), first.getThreadState(), group.getKey(), first.getLockOwnerName()));
      out.append("    ").append(names(others)).append('\n');
      if (owner != null) {
        describeOwner(out, owner, group.getKey());
      }
    }
    return out.toString();
  }

  private void describeOwner(StringBuilder out, ThreadInfo owner, String lock) {
    boolean waitsForItself =
        owner.getLockInfo() != null
            && describe(owner.getLockInfo()).equals(lock)
            && owner.getLockOwnerId() == owner.getThreadId();
    if (waitsForItself) {
      out.append(
          String.format(
              "  lock owner \"%s\" is itself %s on the lock it holds: it waits"
                  + " for itself (re-entry into a non-reentrant lock), so nobody will ever release it.%n",
              owner.getThreadName(), owner.getThreadState()));
    } else {
      out.append(
          String.format(
              "  lock owner \"%s\" is %s%s%n",
              owner.getThreadName(),
              owner.getThreadState(),
              owner.getLockInfo() == null ? "" : " on " + describe(owner.getLockInfo())));
    }
    out.append("  its stack (innermost first; lock internals hidden, logging frames folded):\n");
    appendStack(out, owner.getStackTrace());
  }

  /**
   * Prints the owner's stack: JDK lock internals skipped, runs of Logback and SLF4J frames folded
   * into one line, and a method that appears again deeper in the stack marked as re-entered.
   */
  private static void appendStack(StringBuilder out, StackTraceElement[] stack) {
    int lines = 0;
    int folded = 0;
    java.util.Set<String> marked = new java.util.HashSet<>();
    for (int i = 0; i < stack.length && lines < OWNER_FRAMES_SHOWN; i++) {
      String type = stack[i].getClassName();
      if (type.startsWith("java.util.concurrent.locks.") || type.startsWith("jdk.internal.")) {
        continue;
      }
      if (type.startsWith("ch.qos.logback.") || type.startsWith("org.slf4j.")) {
        folded++;
        continue;
      }
      if (folded > 0) {
        out.append("      (").append(folded).append(" Logback/SLF4J frames)\n");
        folded = 0;
        lines++;
      }
      out.append("    at ").append(stack[i]);
      if (appearsDeeper(stack, i)
          && marked.add(stack[i].getClassName() + '.' + stack[i].getMethodName())) {
        out.append("   <-- re-entered: also deeper in this stack");
      }
      out.append('\n');
      lines++;
    }
    if (lines >= OWNER_FRAMES_SHOWN) {
      out.append("    ...\n");
    }
  }

  private static boolean appearsDeeper(StackTraceElement[] stack, int index) {
    StackTraceElement frame = stack[index];
    for (int j = index + 1; j < stack.length; j++) {
      if (stack[j].getClassName().equals(frame.getClassName())
          && stack[j].getMethodName().equals(frame.getMethodName())) {
        return true;
      }
    }
    return false;
  }

  private static String names(List<ThreadInfo> waiters) {
    StringBuilder names = new StringBuilder();
    int shown = Math.min(waiters.size(), NAMES_SHOWN);
    for (int i = 0; i < shown; i++) {
      names.append(i == 0 ? "" : ", ").append(waiters.get(i).getThreadName());
    }
    if (waiters.size() > shown) {
      names.append(", and ").append(waiters.size() - shown).append(" more");
    }
    return names.toString();
  }

  private static String describe(LockInfo lock) {
    return lock.getClassName() + '@' + Integer.toHexString(lock.getIdentityHashCode());
  }
}
