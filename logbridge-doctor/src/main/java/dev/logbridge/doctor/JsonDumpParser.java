package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON written by {@code jcmd <pid> Thread.dump_to_file -format=json} on JDK 21 and later: every
 * platform and virtual thread, with states and locks from JDK 25 and park-blocker owners from formatVersion 2.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonDumpParser implements ThreadDumpParser {
  static final JsonDumpParser INSTANCE = new JsonDumpParser();

  private JsonDumpParser() {}

  @Override
  public ThreadDump parse(String text) {
    return parse(text, Map.of());
  }

  /**
   * Parses a dump and adds lock owners known from elsewhere (ThreadMXBean's {@code lockOwnerId} for a waiter),
   * by waiter thread id, where the dump itself does not name one.
   */
  ThreadDump parse(String text, Map<Long, Long> knownOwners) {
    return parse(MiniJson.parse(text), knownOwners);
  }

  /** Reads an already parsed JSON document. */
  ThreadDump parse(Object root, Map<Long, Long> knownOwners) {
    Map<?, ?> dump = root instanceof Map ? asMap(((Map<?, ?>) root).get("threadDump")) : null;
    if (dump == null || !(dump.get("threadContainers") instanceof List)) {
      throw new ThreadDumpFormatException(
          "JSON input is not a Thread.dump_to_file dump: expected {\"threadDump\": {\"threadContainers\": [...]}}");
    }
    long formatVersion = number(dump.get("formatVersion"), 1);
    List<DumpedThread.Builder> builders = new ArrayList<>();
    Map<Long, String> namesById = new HashMap<>();
    Map<DumpedThread.Builder, Long> parkOwners = new HashMap<>();
    boolean statesKnown = false;
    StackInterner stacks = new StackInterner();
    for (Object c : (List<?>) dump.get("threadContainers")) {
      Map<?, ?> container = asMap(c);
      if (container == null || !(container.get("threads") instanceof List)) {
        continue;
      }
      for (Object t : (List<?>) container.get("threads")) {
        Map<?, ?> thread = asMap(t);
        if (thread == null) {
          continue;
        }
        DumpedThread.Builder b = thread(thread, parkOwners, stacks);
        statesKnown |= thread.get("state") != null;
        namesById.put(b.id(), b.name());
        builders.add(b);
      }
    }
    List<DumpedThread> threads = new ArrayList<>();
    for (DumpedThread.Builder b : builders) {
      Long owner = parkOwners.get(b);
      if (owner == null) {
        owner = knownOwners.get(b.id());
      }
      if (owner != null && namesById.containsKey(owner)) {
        b.reportedLockOwner(namesById.get(owner));
      }
      threads.add(b.build(stacks));
    }
    // formatVersion 2 names the exclusive owner of every AQS park blocker, so "no owner" is then a
    // fact.
    return new ThreadDump(
        ThreadDump.Source.JSON,
        string(dump.get("runtimeVersion")),
        threads,
        formatVersion >= 2,
        statesKnown,
        List.of());
  }

  private static DumpedThread.Builder thread(
      Map<?, ?> thread, Map<DumpedThread.Builder, Long> parkOwners, StackInterner stacks) {
    long id = number(thread.get("tid"), -1);
    boolean virtual = Boolean.TRUE.equals(thread.get("virtual"));
    String name = string(thread.get("name"));
    if (name.isEmpty()) {
      name = (virtual ? "virtual#" : "#") + id;
    }
    DumpedThread.Builder b = DumpedThread.builder(name).id(id).virtual(virtual);
    String state = string(thread.get("state"));
    if (!state.isEmpty()) {
      try {
        b.state(Thread.State.valueOf(state));
      } catch (IllegalArgumentException unknownState) {
        // A newer JDK's state name: keep the thread, without a state.
      }
    }
    if (thread.get("stack") instanceof List) {
      b.frames(stacks.frames((List<?>) thread.get("stack")));
    }
    if (thread.get("blockedOn") instanceof String) {
      b.blockedOn(LockRef.ofIdentity((String) thread.get("blockedOn")));
    }
    if (thread.get("waitingOn") instanceof String) {
      b.waitingOn(LockRef.ofIdentity((String) thread.get("waitingOn")));
    }
    Map<?, ?> parkBlocker = asMap(thread.get("parkBlocker"));
    if (parkBlocker != null && parkBlocker.get("object") instanceof String) {
      b.parkedOn(LockRef.ofIdentity((String) parkBlocker.get("object")));
      Object owner =
          parkBlocker.containsKey("owner")
              ? parkBlocker.get("owner")
              : parkBlocker.get("exclusiveOwnerThreadId");
      if (owner != null) {
        parkOwners.put(b, number(owner, -1));
      }
    }
    if (thread.get("monitorsOwned") instanceof List) {
      for (Object entry : (List<?>) thread.get("monitorsOwned")) {
        Map<?, ?> m = asMap(entry);
        if (m != null && m.get("locks") instanceof List) {
          int depth = (int) number(m.get("depth"), -1);
          for (Object lock : (List<?>) m.get("locks")) {
            if (lock instanceof String) { // null means an eliminated lock
              b.held(LockRef.ofIdentity((String) lock), depth);
            }
          }
        }
      }
    }
    return b;
  }

  private static Map<?, ?> asMap(Object o) {
    return o instanceof Map ? (Map<?, ?>) o : null;
  }

  private static String string(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  // JDK 21-25 write numbers as strings; formatVersion 2 writes them as numbers. Accept both.
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
