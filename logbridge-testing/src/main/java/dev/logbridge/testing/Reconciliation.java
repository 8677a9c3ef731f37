package dev.logbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.BridgeStats;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles the log calls a test made with what an exporter or collector received, matched by
 * content, plus the records the bridge says it dropped: the independent check behind the
 * promise "never loses silently".
 *
 * <p>{@link BridgeStats#isBalanced()} cannot fail (its {@code pending} is computed from the other
 * counters), so it is no evidence. This class counts instead: every call carries a unique body;
 * the bodies that arrived are matched against the bodies sent; a body that arrived twice is a
 * duplicate, a body nobody sent is unexpected. The calls reconcile when nothing is duplicated or
 * unexpected and {@code distinct bodies received + dropped after acceptance + pending = calls},
 * where {@code pending} is a count the test made itself (records still in the queue, see {@code
 * Bridge.queueSize()}), zero by default. The drop counters are the bridge's; the rest is not.
 *
 * <p>Thread-safety: immutable.
 *
 * @since 0.1
 */
public final class Reconciliation {
  private final long calls;
  private final long received;
  private final long distinct;
  private final long duplicates;
  private final long unexpected;
  private final long dropped;
  private final long pending;
  private final String drops;

  private Reconciliation(
      long calls,
      long received,
      long distinct,
      long duplicates,
      long unexpected,
      long dropped,
      long pending,
      String drops) {
    this.calls = calls;
    this.received = received;
    this.distinct = distinct;
    this.duplicates = duplicates;
    this.unexpected = unexpected;
    this.dropped = dropped;
    this.pending = pending;
    this.drops = drops;
  }

  /**
   * Matches {@code received} bodies against {@code sent} bodies (each call's body, all distinct)
   * and adds the drops after acceptance that {@code stats} reports.
   */
  public static Reconciliation of(
      Collection<String> sent, Collection<String> received, BridgeStats stats) {
    Set<String> expected = new HashSet<>(sent);
    if (expected.size() != sent.size()) {
      throw new IllegalArgumentException("every call must carry a distinct body");
    }
    Map<String, Integer> arrivals = new HashMap<>();
    long unexpected = 0;
    for (String body : received) {
      if (body != null && expected.contains(body)) {
        arrivals.merge(body, 1, Integer::sum);
      } else {
        unexpected++;
      }
    }
    long duplicates = 0;
    for (int n : arrivals.values()) {
      duplicates += n - 1;
    }
    return new Reconciliation(
        sent.size(),
        received.size(),
        arrivals.size(),
        duplicates,
        unexpected,
        stats.droppedAfterAcceptance(),
        0,
        dropsOf(stats));
  }

  /**
   * A reconciliation from counts made elsewhere (for example by {@link BodyTally}): {@code
   * distinct} bodies arrived at least once, {@code duplicates} extra copies, {@code unexpected}
   * bodies nobody sent.
   */
  public static Reconciliation ofCounts(
      long calls, long distinct, long duplicates, long unexpected, BridgeStats stats) {
    return new Reconciliation(
        calls,
        distinct + duplicates + unexpected,
        distinct,
        duplicates,
        unexpected,
        stats.droppedAfterAcceptance(),
        0,
        dropsOf(stats));
  }

  private static String dropsOf(BridgeStats stats) {
    StringBuilder out = new StringBuilder();
    stats
        .droppedByReason()
        .forEach(
            (reason, n) -> {
              if (reason.isAfterAcceptance() && n > 0) {
                out.append(' ').append(reason.metricName()).append('=').append(n);
              }
            });
    return out.toString();
  }

  /** The same reconciliation with {@code pending} records counted by the test as still queued. */
  public Reconciliation withPending(long pending) {
    return new Reconciliation(
        calls, received, distinct, duplicates, unexpected, dropped, pending, drops);
  }

  public long calls() {
    return calls;
  }

  /** Bodies sent that arrived at least once. */
  public long distinct() {
    return distinct;
  }

  /** Extra copies of bodies that arrived more than once. */
  public long duplicates() {
    return duplicates;
  }

  /** Received bodies that no call sent. */
  public long unexpected() {
    return unexpected;
  }

  /** Dropped after acceptance, by the bridge's counters. */
  public long dropped() {
    return dropped;
  }

  /** Calls neither received, dropped nor counted pending: lost silently if positive. */
  public long unaccounted() {
    return calls - distinct - dropped - pending;
  }

  /** Whether every call is accounted for exactly once. */
  public boolean reconciles() {
    return duplicates == 0 && unexpected == 0 && unaccounted() == 0;
  }

  /** Fails the test, describing the counts, unless {@link #reconciles()}. */
  public Reconciliation assertReconciled() {
    assertThat(reconciles()).as(describe()).isTrue();
    return this;
  }

  /** A one-line description, for example {@code calls=10 received=8 ... unaccounted=0}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "calls=%d received=%d distinct=%d duplicates=%d unexpected=%d dropped=%d%s pending=%d"
            + " unaccounted=%d",
        calls,
        received,
        distinct,
        duplicates,
        unexpected,
        dropped,
        drops,
        pending,
        unaccounted());
  }

  @Override
  public String toString() {
    return describe();
  }
}
