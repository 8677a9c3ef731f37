package dev.logbridge.demo;

import dev.logbridge.BridgeStats;
import dev.logbridge.CutKind;
import dev.logbridge.DropReason;
import java.util.List;

/**
 * The {@code --json} report: one JSON object on one line, printed as the last line of stdout
 * after the text report, so that {@code ... --json | tail -n 1} is all a script needs. Field
 * names are snake_case; counts the demo cannot know (what an external collector received) are
 * {@code null}, not 0.
 *
 * <p>Thread-safety: stateless.
 */
final class JsonReport {
  private JsonReport() {}

  /** The report of a run that finished and was checked. */
  static String finished(RunResult run, List<ReportCheck> checks, String result, int exitCode) {
    JsonWriter json = new JsonWriter().beginObject();
    head(json, run.config(), result, exitCode);
    json.member("elapsed_ms", run.elapsedNanos() / 1_000_000);
    json.name("service")
        .beginObject()
        .member("requests", run.requests())
        .member("log_calls", run.logCalls())
        .endObject();
    LatencySnapshot latency = run.latency();
    json.name("log_call_latency_ns")
        .beginObject()
        .member("count", latency.count())
        .member("p50", latency.quantileNanos(0.50))
        .member("p99", latency.quantileNanos(0.99))
        .member("p99_9", latency.quantileNanos(0.999))
        .member("max", latency.maxNanos())
        .endObject();
    accounting(json, run.bridge(), run.flushedInTime());
    // Received: distinct log calls, matched by content; records and duplicates as counted.
    DeliveryTally.Counts delivered = run.delivered();
    Long received = delivered == null ? null : delivered.distinct();
    json.name("collector")
        .beginObject()
        .member("kind", run.config().external() ? "external" : "embedded")
        .member("received", received)
        .member(
            "records_received", run.collector() == null ? null : run.collector().recordsReceived())
        .member("duplicates", delivered == null ? null : delivered.duplicates())
        .member("unexpected", delivered == null ? null : delivered.unexpected())
        .member("watchdog_events_received", delivered == null ? null : delivered.diagnostics())
        .member(
            "lost_after_emit",
            delivered == null
                ? null
                : run.bridge().emitted() - delivered.distinct() - delivered.diagnostics())
        .endObject();
    SdkPipelineProbe.Losses sdk = run.sdk();
    json.name("sdk")
        .beginObject()
        .member("exported", sdk.exported())
        .member("batch_queue_full", sdk.queueFull())
        .member("export_failed", sdk.exportFailed())
        .member("still_queued", sdk.queued())
        .member("other_processor_drops", sdk.otherProcessorDrops())
        .endObject();
    json.name("checks").beginArray();
    for (ReportCheck check : checks) {
      json.beginObject()
          .member("name", check.name())
          .member("status", check.status())
          .member("detail", check.detail())
          .endObject();
    }
    json.endArray();
    json.name("watchdog")
        .beginObject()
        .member("stalled", false)
        .member("verdict", run.watchdogVerdict())
        .member("events", run.watchdogEvents())
        .endObject();
    return json.endObject().toString();
  }

  /**
   * The report of a run that had no accounting to check: the service froze ({@code STALL}, with
   * the watchdog's verdict), or the naive bridge happened not to freeze.
   */
  static String unchecked(
      DemoConfig config, String result, boolean stalled, String verdict, int exitCode) {
    JsonWriter json = new JsonWriter().beginObject();
    head(json, config, result, exitCode);
    json.name("watchdog")
        .beginObject()
        .member("stalled", stalled)
        .member("verdict", verdict)
        .endObject();
    return json.endObject().toString();
  }

  private static void head(JsonWriter json, DemoConfig config, String result, int exitCode) {
    json.member("result", result).member("exit_code", exitCode);
    json.name("settings")
        .beginObject()
        .member("framework", config.framework().toString())
        .member("bridge", config.bridge().toString())
        .member("collector", config.external() ? "external" : config.collector().toString())
        .member("endpoint", config.external() ? config.endpoint().toString() : null)
        .member("workers", config.workers())
        .member("threads", config.threads())
        .member("virtual_threads", config.virtualThreads())
        .member("duration_ms", config.duration().toMillis())
        .member("request_work_ms", config.requestWork().toMillis())
        .member("stall_window_ms", config.stallWindow().toMillis())
        .endObject();
  }

  private static void accounting(JsonWriter json, BridgeStats stats, boolean flushedInTime) {
    json.name("accounting")
        .beginObject()
        .member("accepted", stats.accepted())
        .member("emitted", stats.emitted())
        .member("dropped", stats.droppedAfterAcceptance())
        .member("pending", stats.pending())
        .member("blocked", stats.blocked())
        .member("flushed_in_time", flushedInTime);
    reasons(json, "dropped_by_reason", stats, true);
    reasons(json, "blocked_by_reason", stats, false);
    json.name("cuts_by_kind").beginObject();
    for (CutKind kind : CutKind.values()) {
      json.member(kind.metricName(), stats.cuts(kind));
    }
    json.endObject();
    json.endObject();
  }

  private static void reasons(
      JsonWriter json, String name, BridgeStats stats, boolean afterAcceptance) {
    json.name(name).beginObject();
    for (DropReason reason : DropReason.values()) {
      if (reason.isAfterAcceptance() == afterAcceptance) {
        json.member(reason.metricName(), stats.dropped(reason));
      }
    }
    json.endObject();
  }
}
