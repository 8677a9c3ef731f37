package dev.logbridge;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bridge's counters: accepted, emitted, drops by reason and cuts by kind.
 *
 * <p>Counters are {@link LongAdder}s: any thread increments without contention on a shared cache
 * line. {@link #snapshot} reads every outcome counter before {@code accepted}; since a record is
 * counted as accepted before any outcome, the snapshot's pending count is never negative.
 *
 * <p>Thread-safety: thread-safe, lock-free.
 */
final class Accounting {
  private final LongAdder accepted = new LongAdder();
  private final LongAdder emitted = new LongAdder();
  private final LongAdder[] dropped = newAdders(DropReason.values().length);
  private final LongAdder[] cuts = newAdders(CutKind.values().length);
  // Outside the identity: records an adapter left to the OpenTelemetry Java agent's own bridge.
  private final LongAdder handedToAgent = new LongAdder();

  public void accepted() {
    accepted.increment();
  }

  public void emitted(long count) {
    emitted.add(count);
  }

  public void dropped(DropReason reason) {
    dropped[reason.ordinal()].increment();
  }

  public void dropped(DropReason reason, long count) {
    dropped[reason.ordinal()].add(count);
  }

  public void handedToAgent() {
    handedToAgent.increment();
  }

  public void cut(CutKind kind) {
    cuts[kind.ordinal()].increment();
  }

  public long droppedSoFar(DropReason reason) {
    return dropped[reason.ordinal()].sum();
  }

  public long cutsSoFar(CutKind kind) {
    return cuts[kind.ordinal()].sum();
  }

  public long acceptedSoFar() {
    return accepted.sum();
  }

  public long handedToAgentSoFar() {
    return handedToAgent.sum();
  }

  public long emittedSoFar() {
    return emitted.sum();
  }

  public BridgeStats snapshot(int queueCapacity) {
    return snapshot(queueCapacity, -1);
  }

  /** A snapshot with what the SDK lost after emit ({@code -1}: not known). */
  public BridgeStats snapshot(int queueCapacity, long lostAfterEmit) {
    long emittedNow = emitted.sum();
    long[] droppedNow = new long[dropped.length];
    for (int i = 0; i < dropped.length; i++) {
      droppedNow[i] = dropped[i].sum();
    }
    long[] cutsNow = new long[cuts.length];
    for (int i = 0; i < cuts.length; i++) {
      cutsNow[i] = cuts[i].sum();
    }
    // Read last: every outcome counted above was counted as accepted before it.
    long acceptedNow = accepted.sum();
    return new BridgeStats(
        acceptedNow,
        emittedNow,
        droppedNow,
        cutsNow,
        queueCapacity,
        lostAfterEmit,
        handedToAgent.sum());
  }

  private static LongAdder[] newAdders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
