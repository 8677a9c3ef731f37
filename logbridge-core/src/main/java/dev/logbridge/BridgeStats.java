package dev.logbridge;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable snapshot of the bridge's accounting.
 *
 * <p>Definitions:
 *
 * <ul>
 *   <li><b>accepted</b>: records that passed the re-entry guard and the origin filter and were
 *       captured — or met a full queue or a shut-down bridge, which counts them at once as
 *       dropped, with or without a capture — that is, records the bridge took responsibility
 *       for. Records blocked as {@link
 *       DropReason#RECURSION}, {@link DropReason#SELF_ORIGIN} or {@link DropReason#CAPTURE_ERROR}
 *       are counted separately and are not part of it.
 *   <li><b>emitted</b>: accepted records handed to an OpenTelemetry {@code Logger} whose {@code
 *       emit()} returned normally.
 *   <li><b>pending</b>: accepted records not yet emitted or dropped: queued, waiting for an
 *       OpenTelemetry instance, or in the batch the pipeline thread is emitting.
 * </ul>
 *
 * <p>Also outside the identity: {@link #handedToAgent()}, the records an adapter left to the
 * OpenTelemetry Java agent's own bridge for its framework (which exports them), never accepted
 * and not a loss.
 *
 * <p>Beside logbridge's own counts, {@link #lostAfterEmit()} shows what the SDK lost after
 * logbridge handed records on, when the SDK can tell (behind {@code PipelineBatchProcessor}: its
 * failed exports).
 *
 * <p>Every snapshot satisfies {@code accepted = emitted + queue_full + shutdown +
 * pre_install_overflow + emit_error + pending}: see {@link #isBalanced()}. The snapshot reads the
 * outcome counters before the accepted counter, so {@code pending} is never negative.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class BridgeStats {
  private final long accepted;
  private final long emitted;
  private final long pending;
  private final long[] droppedByReason;
  private final long[] cutsByKind;
  private final int queueCapacity;
  private final long lostAfterEmit;
  private final long handedToAgent;

  /** Creates a snapshot; used by the bridge. Arrays are indexed by enum ordinal and copied. */
  public BridgeStats(
      long accepted, long emitted, long[] droppedByReason, long[] cutsByKind, int queueCapacity) {
    this(accepted, emitted, droppedByReason, cutsByKind, queueCapacity, -1);
  }

  /** As above, with what the SDK lost after emit ({@code -1}: not known). */
  public BridgeStats(
      long accepted,
      long emitted,
      long[] droppedByReason,
      long[] cutsByKind,
      int queueCapacity,
      long lostAfterEmit) {
    this(accepted, emitted, droppedByReason, cutsByKind, queueCapacity, lostAfterEmit, 0);
  }

  /** As above, with the records left to the OpenTelemetry Java agent's bridge. */
  public BridgeStats(
      long accepted,
      long emitted,
      long[] droppedByReason,
      long[] cutsByKind,
      int queueCapacity,
      long lostAfterEmit,
      long handedToAgent) {
    if (droppedByReason.length != DropReason.values().length
        || cutsByKind.length != CutKind.values().length) {
      throw new IllegalArgumentException("counter arrays must match DropReason and CutKind");
    }
    this.accepted = accepted;
    this.emitted = emitted;
    this.droppedByReason = droppedByReason.clone();
    this.cutsByKind = cutsByKind.clone();
    this.queueCapacity = queueCapacity;
    this.lostAfterEmit = lostAfterEmit;
    this.handedToAgent = handedToAgent;
    long droppedAfterAcceptance = 0;
    for (DropReason reason : DropReason.values()) {
      if (reason.isAfterAcceptance()) {
        droppedAfterAcceptance += droppedByReason[reason.ordinal()];
      }
    }
    this.pending = accepted - emitted - droppedAfterAcceptance;
  }

  /** Records the bridge took responsibility for (see the class description). */
  public long accepted() {
    return accepted;
  }

  /** Accepted records whose OpenTelemetry {@code emit()} returned normally. */
  public long emitted() {
    return emitted;
  }

  /** Accepted records neither emitted nor dropped yet. */
  public long pending() {
    return pending;
  }

  /**
   * Emitted records the OpenTelemetry SDK lost afterwards (failed exports), as far as the SDK
   * tells: counted behind {@code PipelineBatchProcessor}; -1 when not known (the SDK's own batch
   * processor counts its losses only into metrics). Not part of the identity: these records were
   * emitted.
   */
  public long lostAfterEmit() {
    return lostAfterEmit;
  }

  /**
   * Records an adapter did not bridge because the OpenTelemetry Java agent's own bridge for its
   * framework is on and exports them (see {@code AgentCoexistence}). Not accepted, and not a
   * loss: not part of the identity, nor of {@link #hasLosses()}.
   */
  public long handedToAgent() {
    return handedToAgent;
  }

  /** Records dropped or blocked for {@code reason}. */
  public long dropped(DropReason reason) {
    return droppedByReason[reason.ordinal()];
  }

  /** All accepted records that were dropped, whatever the reason. */
  public long droppedAfterAcceptance() {
    long sum = 0;
    for (DropReason reason : DropReason.values()) {
      if (reason.isAfterAcceptance()) {
        sum += dropped(reason);
      }
    }
    return sum;
  }

  /** Records that were blocked before acceptance (recursion, self origin, capture errors). */
  public long blocked() {
    long sum = 0;
    for (DropReason reason : DropReason.values()) {
      if (!reason.isAfterAcceptance()) {
        sum += dropped(reason);
      }
    }
    return sum;
  }

  /** How many times a limit of {@code kind} shortened or replaced part of a record. */
  public long cuts(CutKind kind) {
    return cutsByKind[kind.ordinal()];
  }

  /** The capacity of the bridge's queue. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Dropped counts by reason, as a new map. */
  public Map<DropReason, Long> droppedByReason() {
    Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      map.put(reason, dropped(reason));
    }
    return map;
  }

  /** Whether {@code accepted = emitted + dropped after acceptance + pending} and pending ≥ 0. */
  public boolean isBalanced() {
    return pending >= 0 && accepted == emitted + droppedAfterAcceptance() + pending;
  }

  /**
   * Whether any record was dropped or blocked. Forwarded copies do not count: their original was
   * accepted.
   */
  public boolean hasLosses() {
    return droppedAfterAcceptance() + blocked() - dropped(DropReason.FORWARDED) > 0;
  }

  /** A one-line accounting summary, for example for the shutdown status message. */
  public String summary() {
    StringBuilder line = new StringBuilder(160);
    line.append("accepted=")
        .append(accepted)
        .append(" emitted=")
        .append(emitted)
        .append(" pending=")
        .append(pending);
    for (DropReason reason : DropReason.values()) {
      line.append(' ').append(reason.metricName()).append('=').append(dropped(reason));
    }
    long cuts = Arrays.stream(cutsByKind).sum();
    line.append(" cuts=").append(cuts);
    if (lostAfterEmit >= 0) {
      line.append(" lost_after_emit=").append(lostAfterEmit);
    }
    if (handedToAgent > 0) {
      line.append(" handed_to_agent=").append(handedToAgent);
    }
    return line.toString();
  }

  @Override
  public String toString() {
    return "BridgeStats{" + summary() + '}';
  }
}
