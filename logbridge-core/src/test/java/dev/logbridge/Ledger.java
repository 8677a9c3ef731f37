package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Core's copy of the test kit's {@code Reconciliation} (core cannot depend on the kit): checks
 * that the calls a test made equal the distinct bodies an exporter received, plus the drops the
 * bridge counted, plus a pending count the test made itself, with no body received twice and
 * none unsent. {@link BridgeStats#isBalanced()} cannot fail, so it is no evidence.
 */
final class Ledger {
  private Ledger() {}

  /** The bodies "prefix0".."prefix(n-1)". */
  static List<String> bodies(String prefix, int n) {
    List<String> bodies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bodies.add(prefix + i);
    }
    return bodies;
  }

  static List<String> bodiesOf(List<LogRecordData> logs) {
    List<String> bodies = new ArrayList<>(logs.size());
    for (LogRecordData log : logs) {
      bodies.add(log.getBodyValue() == null ? null : log.getBodyValue().asString());
    }
    return bodies;
  }

  /** Asserts {@code sent = distinct received + dropped after acceptance + pending}, by content. */
  static void assertAccounted(
      Collection<String> sent, Collection<String> received, BridgeStats stats, long pending) {
    Set<String> expected = new HashSet<>(sent);
    assertThat(expected).as("every call needs a distinct body").hasSameSizeAs(sent);
    Map<String, Integer> arrivals = new HashMap<>();
    long unexpected = 0;
    for (String body : received) {
      if (expected.contains(body)) {
        arrivals.merge(body, 1, Integer::sum);
      } else {
        unexpected++;
      }
    }
    long duplicates = received.size() - unexpected - arrivals.size();
    String description =
        String.format(
            "calls=%d received=%d distinct=%d duplicates=%d"
                + " unexpected=%d pending(counted)=%d stats: %s",
            sent.size(),
            received.size(),
            arrivals.size(),
            duplicates,
            unexpected,
            pending,
            stats.summary());
    assertThat(duplicates).as(description).isZero();
    assertThat(unexpected).as(description).isZero();
    assertThat(arrivals.size() + stats.droppedAfterAcceptance() + pending)
        .as(description)
        .isEqualTo(sent.size());
  }
}
