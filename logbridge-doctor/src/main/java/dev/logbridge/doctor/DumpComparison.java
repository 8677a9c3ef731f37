package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two dumps of one process taken a short interval apart: a thread with the same state, stack and awaited
 * lock in both is stuck; anything else is progressing. A stall whose key threads progressed is slow, not stuck.
 *
 * <p>Threads are matched by id and name, never by address: addresses and identity hashes are only meaningful
 * within one dump. Stateless and thread-safe.
 */
final class DumpComparison {
  private static final java.util.Set<String> NON_REENTRANT_WAITS =
      java.util.Set.of(
          Primitive.READ_WRITE_LOCK.displayName(), Primitive.STAMPED_LOCK.displayName());

  private DumpComparison() {}

  static Diagnosis compare(ThreadDump earlier, ThreadDump later, Diagnosis laterDiagnosis) {
    Map<String, DumpedThread> before = new HashMap<>();
    for (DumpedThread t : earlier.threads()) {
      before.putIfAbsent(key(t), t);
    }
    Map<String, Diagnosis.Progress> progress = new LinkedHashMap<>();
    for (DumpedThread t : later.threads()) {
      DumpedThread old = before.get(key(t));
      if (old != null) {
        boolean same =
            old.stackKey().equals(t.stackKey()) && sameLock(old.acquiring(), t.acquiring());
        progress.put(t.name(), same ? Diagnosis.Progress.STUCK : Diagnosis.Progress.PROGRESSING);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : laterDiagnosis.findings()) {
      findings.add(reassess(f, progress));
    }
    return new Diagnosis(
        findings,
        laterDiagnosis.groups(),
        laterDiagnosis.edges(),
        laterDiagnosis.missingEvidence(),
        progress,
        laterDiagnosis.threadCount(),
        laterDiagnosis.source());
  }

  private static Finding reassess(Finding f, Map<String, Diagnosis.Progress> progress) {
    if (f.verdict() == Verdict.HEALTHY
        && f.kind() == Finding.Kind.OWNERLESS_WAIT
        && NON_REENTRANT_WAITS.contains(f.primitive())
        && f.threads().stream().allMatch(n -> progress.get(n) == Diagnosis.Progress.STUCK)) {
      // One thread may be enough here: a write-lock wait with no exclusive owner that never moves
      // is what a
      // read-to-write upgrade (or a StampedLock taken twice) looks like. A dump cannot prove the
      // self-hold.
      return f.reassessed(Verdict.STALL, "unchanged across both dumps: likely waiting for itself");
    }
    if (f.verdict() != Verdict.STALL) {
      return f; // cycles cannot progress; other notes stay notes
    }
    if (f.kind() == Finding.Kind.HOT_LOCK
        && progress.get(f.owner()) == Diagnosis.Progress.PROGRESSING) {
      return f.reassessed(
          Verdict.HEALTHY,
          "but the owner `" + f.owner() + "` moved between the two dumps: slow, not stuck");
    }
    long stuck =
        f.threads().stream().filter(n -> progress.get(n) == Diagnosis.Progress.STUCK).count();
    if (stuck == 0) {
      return f.reassessed(
          Verdict.HEALTHY,
          "but none of these threads is stuck across the two dumps: slow, not stuck");
    }
    return f.reassessed(Verdict.STALL, stuck + " of them unchanged across both dumps");
  }

  // Lock addresses can move between dumps (GC compaction), so only the presence and class must
  // match.
  private static boolean sameLock(LockRef a, LockRef b) {
    return a == null ? b == null : b != null && a.className().equals(b.className());
  }

  private static String key(DumpedThread t) {
    return t.id() + "/" + t.name();
  }
}
