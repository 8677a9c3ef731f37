package dev.logbridge.doctor;

import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Diagnosis} as one JSON object with the same content as the text report, for scripts and CI.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonReport {
  private JsonReport() {}

  static String render(Diagnosis d) {
    StringBuilder sb = new StringBuilder("{");
    field(sb, "verdict", d.verdict().name()).append(',');
    sb.append("\"exitCode\":").append(d.verdict().exitCode()).append(',');
    field(sb, "headline", d.headline()).append(',');
    sb.append("\"threadCount\":").append(d.threadCount()).append(',');
    field(sb, "source", d.source().name()).append(',');
    sb.append("\"findings\":[");
    for (int i = 0; i < d.findings().size(); i++) {
      Finding f = d.findings().get(i);
      sb.append(i == 0 ? "{" : ",{");
      field(sb, "kind", f.kind().name()).append(',');
      field(sb, "verdict", f.verdict().name()).append(',');
      field(sb, "message", f.message()).append(',');
      strings(sb, "threads", f.threads()).append(',');
      field(sb, "lock", f.lock() == null ? null : f.lock().id()).append(',');
      field(sb, "lockClass", f.lock() == null ? null : f.lock().className()).append(',');
      field(sb, "owner", f.owner()).append(',');
      field(sb, "ownerFrame", f.ownerFrame()).append(',');
      field(sb, "primitive", f.primitive()).append(',');
      field(sb, "likelyCause", f.likelyCause()).append(',');
      field(sb, "loggingFrame", f.loggingFrame()).append(',');
      sb.append("\"inLogging\":").append(f.inLogging()).append(',');
      sb.append("\"chain\":[");
      for (int j = 0; j < f.chain().size(); j++) {
        edge(sb.append(j == 0 ? "" : ","), f.chain().get(j));
      }
      sb.append("]}");
    }
    sb.append("],");
    strings(sb, "missingEvidence", d.missingEvidence()).append(',');
    sb.append("\"groups\":[");
    for (int i = 0; i < d.groups().size(); i++) {
      StackGroup g = d.groups().get(i);
      sb.append(i == 0 ? "{" : ",{");
      sb.append("\"count\":").append(g.count()).append(',');
      field(sb, "state", g.state() == null ? null : g.state().name()).append(',');
      strings(sb, "threads", g.threadNames()).append(',');
      sb.append("\"frames\":[");
      for (int j = 0; j < g.frames().size(); j++) {
        sb.append(j == 0 ? "" : ",").append(JsonStrings.quote(g.frames().get(j).toString()));
      }
      sb.append("]}");
    }
    sb.append("],\"edges\":[");
    for (int i = 0; i < d.edges().size(); i++) {
      edge(sb.append(i == 0 ? "" : ","), d.edges().get(i));
    }
    sb.append("],\"progress\":{");
    int i = 0;
    for (Map.Entry<String, Diagnosis.Progress> e : d.progress().entrySet()) {
      sb.append(i++ == 0 ? "" : ",");
      field(sb, e.getKey(), e.getValue().name());
    }
    return sb.append("}}").toString();
  }

  /** One wait-for edge: waiter and where it waits, lock, owner, where the owner took the lock and where it is. */
  private static void edge(StringBuilder sb, WaitEdge e) {
    sb.append('{');
    field(sb, "waiter", e.waiter()).append(',');
    field(sb, "waiterFrame", e.waiterFrame()).append(',');
    field(sb, "lock", e.lock() == null ? null : e.lock().id()).append(',');
    field(sb, "lockClass", e.lock() == null ? null : e.lock().className()).append(',');
    field(sb, "owner", e.owner()).append(',');
    field(sb, "ownerLockedAt", e.ownerLockedAt()).append(',');
    field(sb, "ownerFrame", e.ownerFrame()).append(',');
    field(sb, "kind", e.kind().name()).append('}');
  }

  private static StringBuilder field(StringBuilder sb, String name, String value) {
    return sb.append(JsonStrings.quote(name))
        .append(':')
        .append(value == null ? "null" : JsonStrings.quote(value));
  }

  private static StringBuilder strings(StringBuilder sb, String name, List<String> values) {
    sb.append(JsonStrings.quote(name)).append(":[");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(JsonStrings.quote(values.get(i)));
    }
    return sb.append(']');
  }
}
