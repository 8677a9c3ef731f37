package dev.logbridge.doctor;

import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Diagnosis} as a readable report: the verdict and its exit code first, then findings, groups of
 * identical stacks, the wait-for graph and missing evidence.
 *
 * <p>Stateless and thread-safe.
 */
final class TextReport {
  private static final int FRAMES_PER_GROUP = 12;
  private static final int NAMES_PER_GROUP = 8;
  private static final int MAX_EDGES = 200;

  private TextReport() {}

  static String render(Diagnosis d) {
    StringBuilder sb = new StringBuilder();
    sb.append("VERDICT: ")
        .append(d.verdict())
        .append(" (exit ")
        .append(d.verdict().exitCode())
        .append(")\n");
    sb.append("  ").append(d.headline()).append("\n\n");
    if (!d.findings().isEmpty()) {
      sb.append("FINDINGS\n");
      int i = 1;
      for (Finding f : d.findings()) {
        sb.append(
            String.format(
                "%3d. [%s%s] %s%n",
                i++, f.kind(), f.verdict() == Verdict.HEALTHY ? ", note" : "", f.message()));
      }
      sb.append('\n');
    }
    if (!d.missingEvidence().isEmpty()) {
      sb.append("MISSING EVIDENCE\n");
      for (String m : d.missingEvidence()) {
        sb.append("  - ").append(m).append('\n');
      }
      sb.append('\n');
    }
    appendGroups(sb, d.groups(), d.threadCount());
    sb.append("WAIT-FOR GRAPH (").append(d.edges().size()).append(" edges)\n");
    // Edges with a known owner first: they are the graph; owner-less waits are listed after them,
    // up to a cap,
    // so that a dump of 10,000 idle workers stays readable (--json lists them all).
    int shown = 0;
    for (WaitEdge e : d.edges()) {
      if (e.owner() != null) {
        sb.append("  ").append(e).append('\n');
        shown++;
      }
    }
    for (WaitEdge e : d.edges()) {
      if (e.owner() == null && shown < MAX_EDGES) {
        sb.append("  ").append(e).append('\n');
        shown++;
      }
    }
    if (shown < d.edges().size()) {
      sb.append("  ... ")
          .append(d.edges().size() - shown)
          .append(" more waits with no known owner (see --json)\n");
    }
    if (!d.progress().isEmpty()) {
      sb.append("\nPROGRESS BETWEEN DUMPS\n");
      for (Map.Entry<String, Diagnosis.Progress> e : d.progress().entrySet()) {
        sb.append("  ").append(e.getValue()).append("  ").append(e.getKey()).append('\n');
      }
    }
    return sb.toString();
  }

  private static void appendGroups(StringBuilder sb, List<StackGroup> groups, int threadCount) {
    sb.append("THREAD GROUPS (")
        .append(threadCount)
        .append(" threads, ")
        .append(groups.size())
        .append(" distinct stacks)\n");
    for (StackGroup g : groups) {
      List<String> names = g.threadNames();
      sb.append(
          String.format(
              "  %3d x %s  %s%s%n",
              g.count(),
              g.state() == null ? "-" : g.state(),
              String.join(", ", names.subList(0, Math.min(NAMES_PER_GROUP, names.size()))),
              names.size() > NAMES_PER_GROUP ? ", ..." : ""));
      if (g.waitingFor() != null) {
        sb.append("        waiting for ").append(g.waitingFor()).append('\n');
      }
      List<StackFrame> frames = g.frames();
      for (int i = 0; i < Math.min(FRAMES_PER_GROUP, frames.size()); i++) {
        sb.append("        at ").append(frames.get(i)).append('\n');
      }
      if (frames.size() > FRAMES_PER_GROUP) {
        sb.append("        ... ").append(frames.size() - FRAMES_PER_GROUP).append(" more\n");
      }
    }
    sb.append('\n');
  }
}
