package dev.logbridge.spring.boot;

import dev.logbridge.Bridge;
import dev.logbridge.BridgeStats;
import dev.logbridge.DropReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What logbridge's health indicators report, independent of the Spring Boot version's health
 * API: whether records were lost since the previous check, and the counts behind it.
 *
 * <p>Lost means accepted and then dropped (queue full, shutdown, overflow before an
 * OpenTelemetry instance, emit error, SDK shut down), plus records that logged during
 * logbridge's own capture ({@code recursion}) or could not be captured ({@code
 * capture_error}). Records refused on purpose ({@code self_origin}, {@code forwarded}) are not
 * losses.
 *
 * <p>Thread-safety: thread-safe; concurrent checks each see a consistent before/after pair.
 */
final class LossWatch {
  private final Bridge bridge;
  // Written and read by health checks (any thread): the loss count at the previous check.
  private final AtomicLong lostAtLastCheck;

  LossWatch(Bridge bridge) {
    this.bridge = bridge;
    this.lostAtLastCheck = new AtomicLong(lost(bridge.stats()));
  }

  /** One check: the records lost since the previous check, and the details to show. */
  Check check() {
    BridgeStats stats = bridge.stats();
    long lost = lost(stats);
    long lostSinceLastCheck = Math.max(0, lost - lostAtLastCheck.getAndSet(lost));
    Map<String, Object> details = new LinkedHashMap<>();
    if (lostSinceLastCheck > 0) {
      details.put("lostSinceLastCheck", lostSinceLastCheck);
    }
    details.put("installed", bridge.isInstalled());
    details.put("accepted", stats.accepted());
    details.put("emitted", stats.emitted());
    details.put("pending", stats.pending());
    details.put("lost", lost);
    stats
        .droppedByReason()
        .forEach(
            (reason, count) -> {
              if (count > 0) {
                details.put("dropped." + reason.metricName(), count);
              }
            });
    return new Check(lostSinceLastCheck > 0, details);
  }

  static long lost(BridgeStats stats) {
    return stats.droppedAfterAcceptance()
        + stats.dropped(DropReason.RECURSION)
        + stats.dropped(DropReason.CAPTURE_ERROR);
  }

  /** The outcome of one check. */
  static final class Check {
    final boolean losing;
    final Map<String, Object> details;

    Check(boolean losing, Map<String, Object> details) {
      this.losing = losing;
      this.details = details;
    }
  }
}
