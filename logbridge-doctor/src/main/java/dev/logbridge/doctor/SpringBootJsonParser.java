package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Spring Boot's {@code /actuator/threaddump} JSON: {@code {"threads": [ThreadInfo, ...]}}, each element
 * {@code ThreadMXBean.dumpAllThreads(true, true)}'s {@code ThreadInfo} as Jackson writes its getters
 * ({@code threadName}, {@code threadId}, {@code threadState}, {@code lockInfo}, {@code lockOwnerId},
 * {@code lockOwnerName}, {@code lockedMonitors} with {@code lockedStackDepth}, {@code lockedSynchronizers},
 * {@code stackTrace} of {@code StackTraceElement}s). Key order does not matter (Boot 4 writes them sorted).
 *
 * <p>Locks are named as {@code ThreadInfo.getLockName()} names them, {@code class@hex-identity-hash}, so that a
 * waiter's {@code lockInfo} and its owner's {@code lockedMonitors} match. Every thread lists its ownable
 * synchronizers, so a j.u.c lock no thread lists has no exclusive owner. Virtual threads are not in this dump.
 *
 * <p>Stateless and thread-safe.
 */
final class SpringBootJsonParser {
  private SpringBootJsonParser() {}

  /** Whether parsed JSON is a Spring Boot thread dump (a top-level {@code threads} array). */
  static boolean accepts(Object root) {
    return root instanceof Map
        && ((Map<?, ?>) root).get("threads") instanceof List
        && !((Map<?, ?>) root).containsKey("threadDump");
  }

  static ThreadDump parse(Object root) {
    if (!accepts(root)) {
      throw new ThreadDumpFormatException(
          "JSON input is not a Spring Boot thread dump: expected {\"threads\": [...]}");
    }
    StackInterner stacks = new StackInterner();
    List<DumpedThread> threads = new ArrayList<>();
    boolean synchronizersListed = false;
    for (Object element : (List<?>) ((Map<?, ?>) root).get("threads")) {
      if (!(element instanceof Map)) {
        continue;
      }
      Map<?, ?> info = (Map<?, ?>) element;
      String name = info.get("threadName") instanceof String ? (String) info.get("threadName") : "";
      long id = number(info.get("threadId"), -1);
      DumpedThread.Builder b = DumpedThread.builder(name.isEmpty() ? "#" + id : name).id(id);
      Thread.State state = state(info.get("threadState"));
      b.state(state);
      List<StackFrame> frames = new ArrayList<>();
      if (info.get("stackTrace") instanceof List) {
        for (Object e : (List<?>) info.get("stackTrace")) {
          if (e instanceof Map) {
            StackFrame f = stacks.frame(frameText((Map<?, ?>) e));
            frames.add(f);
            b.frame(f);
          }
        }
      }
      LockRef lock = lock(info.get("lockInfo"));
      if (lock == null && info.get("lockName") instanceof String) {
        lock = LockRef.ofIdentity((String) info.get("lockName"));
      }
      if (lock != null) {
        if (state == Thread.State.BLOCKED) {
          b.blockedOn(lock);
        } else if (inObjectWait(frames)) {
          b.waitingOn(lock);
        } else {
          b.parkedOn(lock);
        }
      }
      if (number(info.get("lockOwnerId"), -1) >= 0 && info.get("lockOwnerName") instanceof String) {
        b.reportedLockOwner((String) info.get("lockOwnerName"));
      }
      if (info.get("lockedMonitors") instanceof List) {
        for (Object m : (List<?>) info.get("lockedMonitors")) {
          LockRef held = lock(m);
          if (held != null) {
            b.held(held, (int) number(((Map<?, ?>) m).get("lockedStackDepth"), -1));
          }
        }
      }
      if (info.get("lockedSynchronizers") instanceof List) {
        synchronizersListed = true;
        b.knowsSynchronizers();
        for (Object s : (List<?>) info.get("lockedSynchronizers")) {
          LockRef owned = lock(s);
          if (owned != null) {
            b.ownsSynchronizer(owned);
          }
        }
      }
      threads.add(b.build(stacks));
    }
    if (threads.isEmpty()) {
      throw new ThreadDumpFormatException("the Spring Boot thread dump lists no threads");
    }
    return new ThreadDump(
        ThreadDump.Source.SPRING_BOOT_JSON,
        jdkVersion(root),
        threads,
        synchronizersListed,
        true,
        List.of());
  }

  /** The {@code moduleVersion} of the first {@code java.*} module frame: the JDK's version, or "". */
  private static String jdkVersion(Object root) {
    for (Object element : (List<?>) ((Map<?, ?>) root).get("threads")) {
      if (element instanceof Map && ((Map<?, ?>) element).get("stackTrace") instanceof List) {
        for (Object e : (List<?>) ((Map<?, ?>) element).get("stackTrace")) {
          if (e instanceof Map
              && String.valueOf(((Map<?, ?>) e).get("moduleName")).startsWith("java.")
              && ((Map<?, ?>) e).get("moduleVersion") instanceof String) {
            return (String) ((Map<?, ?>) e).get("moduleVersion");
          }
        }
      }
    }
    return "";
  }

  /** {@code StackTraceElement.toString()}'s shape without module: {@code class.method(File.java:12)}. */
  private static String frameText(Map<?, ?> e) {
    String cls = String.valueOf(e.get("className"));
    String method = String.valueOf(e.get("methodName"));
    String file = e.get("fileName") instanceof String ? (String) e.get("fileName") : null;
    long line = number(e.get("lineNumber"), -1);
    String location =
        Boolean.TRUE.equals(e.get("nativeMethod"))
            ? "Native Method"
            : file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
    return cls + "." + method + "(" + location + ")";
  }

  private static boolean inObjectWait(List<StackFrame> frames) {
    for (StackFrame f : frames) {
      if (f.className().equals("java.lang.Object") && f.methodName().startsWith("wait")) {
        return true;
      }
      if (!f.className().equals("java.lang.Object")) {
        return false;
      }
    }
    return false;
  }

  /** A {@code LockInfo} / {@code MonitorInfo} object as {@code class@hex-hash}, or {@code null}. */
  private static LockRef lock(Object o) {
    if (!(o instanceof Map) || !(((Map<?, ?>) o).get("className") instanceof String)) {
      return null;
    }
    String cls = (String) ((Map<?, ?>) o).get("className");
    long hash = number(((Map<?, ?>) o).get("identityHashCode"), 0);
    return new LockRef(cls + "@" + Integer.toHexString((int) hash), cls);
  }

  private static Thread.State state(Object o) {
    if (!(o instanceof String)) {
      return null;
    }
    try {
      return Thread.State.valueOf((String) o);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private static long number(Object o, long otherwise) {
    if (o instanceof Number) {
      return ((Number) o).longValue();
    }
    if (o instanceof String) {
      try {
        return Long.parseLong((String) o);
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }
}
