package dev.logbridge.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyser's result for one dump (or a pair of dumps): a verdict first, then the findings that justify it,
 * the groups of identical stacks, the wait-for graph and what evidence was missing.
 *
 * <p>Immutable and thread-safe.
 */
public final class Diagnosis {

  /** Whether a thread moved between two dumps. */
  public enum Progress {
    /** Same state and stack in both dumps. */
    STUCK,
    /** Different state or stack: slow, but moving. */
    PROGRESSING
  }

  private final Verdict verdict;
  private final List<Finding> findings;
  private final List<StackGroup> groups;
  private final List<WaitEdge> edges;
  private final List<String> missingEvidence;
  private final Map<String, Progress> progress;
  private final int threadCount;
  private final ThreadDump.Source source;

  Diagnosis(
      List<Finding> findings,
      List<StackGroup> groups,
      List<WaitEdge> edges,
      List<String> missingEvidence,
      Map<String, Progress> progress,
      int threadCount,
      ThreadDump.Source source) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparing((Finding f) -> f.verdict())
            .reversed()
            .thenComparing(f -> -f.threads().size()));
    this.findings = List.copyOf(sorted);
    Verdict v = Verdict.HEALTHY;
    for (Finding f : sorted) {
      v = v.worst(f.verdict());
    }
    if (v == Verdict.HEALTHY && !missingEvidence.isEmpty()) {
      v = Verdict.CANNOT_TELL;
    }
    this.verdict = v;
    this.groups = List.copyOf(groups);
    this.edges = List.copyOf(edges);
    this.missingEvidence = List.copyOf(missingEvidence);
    this.progress = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(progress));
    this.threadCount = threadCount;
    this.source = source;
  }

  /** The overall verdict: the most severe finding, or "cannot tell" when evidence was missing. */
  public Verdict verdict() {
    return verdict;
  }

  /** One sentence summarising the verdict. */
  public String headline() {
    for (Finding f : findings) {
      if (f.verdict() == verdict && verdict != Verdict.HEALTHY) {
        return f.message();
      }
    }
    if (verdict == Verdict.CANNOT_TELL) {
      return "cannot tell: " + String.join("; ", missingEvidence);
    }
    return "no thread waits in a way that looks stuck (" + threadCount + " threads)";
  }

  /** The findings, most severe first. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings of one kind. */
  public List<Finding> findings(Finding.Kind kind) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.kind() == kind) {
        out.add(f);
      }
    }
    return out;
  }

  /** Threads grouped by identical stack and state, largest group first. */
  public List<StackGroup> groups() {
    return groups;
  }

  /** The wait-for graph: one edge per thread waiting to acquire a lock. */
  public List<WaitEdge> edges() {
    return edges;
  }

  /** What the dump could not show and why that stopped a verdict; empty when nothing was missing. */
  public List<String> missingEvidence() {
    return missingEvidence;
  }

  /** For a two-dump diagnosis, each thread seen in both dumps and whether it moved; empty for one dump. */
  public Map<String, Progress> progress() {
    return progress;
  }

  /** How many threads the (later) dump holds. */
  public int threadCount() {
    return threadCount;
  }

  /** The format of the (later) dump. */
  public ThreadDump.Source source() {
    return source;
  }

  /** A readable report: verdict first, then findings, groups, graph and missing evidence. */
  public String toText() {
    return TextReport.render(this);
  }

  /** The same report as a JSON object. */
  public String toJson() {
    return JsonReport.render(this);
  }
}
