package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a dump's threads by identical state and stack, largest group first, the way a person scans twenty
 * identical workers.
 *
 * <p>Stateless and thread-safe.
 */
final class StackGroups {
  private StackGroups() {}

  static List<StackGroup> of(ThreadDump dump) {
    // Parsers share equal stacks (StackInterner), so threads are first grouped by stack identity
    // and state,
    // and the string key is built once per such group rather than once per thread.
    Map<SameStack, List<DumpedThread>> byStack = new LinkedHashMap<>();
    for (DumpedThread t : dump.threads()) {
      byStack.computeIfAbsent(new SameStack(t), k -> new ArrayList<>()).add(t);
    }
    Map<String, List<DumpedThread>> byKey = new LinkedHashMap<>();
    boolean merged = false;
    for (List<DumpedThread> same : byStack.values()) {
      List<DumpedThread> group = byKey.get(same.get(0).stackKey());
      if (group == null) {
        byKey.put(same.get(0).stackKey(), same);
      } else {
        group.addAll(same); // stacks that differ only in hidden-class names
        merged = true;
      }
    }
    if (merged) {
      Map<DumpedThread, Integer> position = new IdentityHashMap<>();
      for (DumpedThread t : dump.threads()) {
        position.put(t, position.size());
      }
      for (List<DumpedThread> members : byKey.values()) {
        members.sort(Comparator.comparing(position::get)); // dump order within a group
      }
    }
    List<StackGroup> groups = new ArrayList<>();
    for (List<DumpedThread> members : byKey.values()) {
      List<String> names = new ArrayList<>();
      for (DumpedThread t : members) {
        names.add(t.name());
      }
      DumpedThread first = members.get(0);
      LockRef waitingFor = first.acquiring() != null ? first.acquiring() : first.waitingOn();
      groups.add(new StackGroup(first.state(), names, first.frames(), waitingFor));
    }
    // Stable sort: equal counts keep dump order.
    groups.sort((a, b) -> Integer.compare(b.count(), a.count()));
    return groups;
  }

  /** A thread's state and the identity of its stack list. */
  private static final class SameStack {
    private final Thread.State state;
    private final List<StackFrame> frames;

    SameStack(DumpedThread t) {
      this.state = t.state();
      this.frames = t.frames();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SameStack
          && ((SameStack) o).frames == frames
          && ((SameStack) o).state == state;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(frames) * 31 + (state == null ? 0 : state.ordinal());
    }
  }
}
