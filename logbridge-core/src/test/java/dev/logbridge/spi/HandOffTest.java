package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandOffTest {
  @AfterEach
  void tearDown() {
    HandOff.clear();
  }

  @Test
  void aForwardedCopyIsClaimedOnceByTheOtherRoleOnly() {
    HandOff.upstreamCaptured("app", "m");

    assertThat(HandOff.claimDownstream("app", "m")).isFalse();
    assertThat(HandOff.claimUpstream("app", "other")).isFalse();
    assertThat(HandOff.claimUpstream("other", "m")).isFalse();
    assertThat(HandOff.claimUpstream("app", "m")).isTrue();
    assertThat(HandOff.claimUpstream("app", "m")).isFalse();
  }

  @Test
  void aHandOffNestedInsideAnotherLeavesTheOuterFingerprintForItsCopy() {
    // An appender in the target framework logged back into JUL while the outer copy was on its
    // way: the echo's hand-off starts and ends inside the outer one's.
    HandOff.upstreamCaptured("app", "m");
    HandOff.upstreamCaptured("app", "echo: m");

    assertThat(HandOff.claimUpstream("app", "echo: m")).isTrue();
    assertThat(HandOff.claimUpstream("app", "m")).isTrue();
  }

  @Test
  void nestedDownstreamCapturesAreClaimedInnermostFirst() {
    HandOff.downstreamCaptured("app", "m");
    HandOff.downstreamCaptured("app", "echo: m");

    assertThat(HandOff.claimDownstream("app", "echo: m")).isTrue();
    assertThat(HandOff.claimDownstream("app", "m")).isTrue();
    assertThat(HandOff.claimDownstream("app", "m")).isFalse();
  }

  @Test
  void onlyTheNewestFingerprintIsCompared() {
    HandOff.upstreamCaptured("app", "stale");
    HandOff.upstreamCaptured("app", "m");

    assertThat(HandOff.claimUpstream("app", "stale")).isFalse();
  }

  @Test
  void clearForgetsEveryFingerprint() {
    HandOff.upstreamCaptured("app", "a");
    HandOff.upstreamCaptured("app", "b");
    HandOff.clear();

    assertThat(HandOff.claimUpstream("app", "b")).isFalse();
    assertThat(HandOff.claimUpstream("app", "a")).isFalse();
  }

  @Test
  void beyondItsDepthTheStackForgetsTheOldest() {
    for (int i = 0; i <= HandOff.DEPTH; i++) {
      HandOff.upstreamCaptured("app", "m" + i);
    }

    for (int i = HandOff.DEPTH; i >= 1; i--) {
      assertThat(HandOff.claimUpstream("app", "m" + i)).isTrue();
    }
    assertThat(HandOff.claimUpstream("app", "m0")).as("forgotten").isFalse();
  }

  @Test
  void nullNamesAndBodiesMatchTheirEquals() {
    HandOff.downstreamCaptured(null, null);

    assertThat(HandOff.claimDownstream("", null)).isTrue();
  }

  @Test
  void eachThreadHasItsOwnFingerprints() throws InterruptedException {
    HandOff.upstreamCaptured("app", "m");
    boolean[] claimedElsewhere = new boolean[1];
    Thread other = new Thread(() -> claimedElsewhere[0] = HandOff.claimUpstream("app", "m"));
    other.start();
    other.join();

    assertThat(claimedElsewhere[0]).isFalse();
    assertThat(HandOff.claimUpstream("app", "m")).isTrue();
  }
}
