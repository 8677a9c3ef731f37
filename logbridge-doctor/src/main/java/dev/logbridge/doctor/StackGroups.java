package dev.logbridge.doctor;

import java.util.ArrayList;
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
        Map<String, List<DumpedThread>> byKey = new LinkedHashMap<>();
        for (DumpedThread t : dump.threads()) {
            byKey.computeIfAbsent(t.stackKey(), k -> new ArrayList<>()).add(t);
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
}
