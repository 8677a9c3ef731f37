package dev.logbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandOffStackTest {
  @AfterEach
  void tearDown() {
    HandOffStack.clear();
  }

  @Test
  void aForwardedCopyIsClaimedOnceByTheOtherRoleOnly() {
    HandOffStack.upstreamCaptured("app", "m");

    assertThat(HandOffStack.claimDownstream("app", "m")).isFalse();
    assertThat(HandOffStack.claimUpstream("app", "other")).isFalse();
    assertThat(HandOffStack.claimUpstream("other", "m")).isFalse();
    assertThat(HandOffStack.claimUpstream("app", "m")).isTrue();
    assertThat(HandOffStack.claimUpstream("app", "m")).isFalse();
  }

  @Test
  void aHandOffNestedInsideAnotherLeavesTheOuterFingerprintForItsCopy() {
    // An appender in the target framework logged back into JUL while the outer copy was on its
    // way: the echo's hand-off starts and ends inside the outer one's.
    HandOffStack.upstreamCaptured("app", "m");
    HandOffStack.upstreamCaptured("app", "echo: m");

    assertThat(HandOffStack.claimUpstream("app", "echo: m")).isTrue();
    assertThat(HandOffStack.claimUpstream("app", "m")).isTrue();
  }

  @Test
  void nestedDownstreamCapturesAreClaimedInnermostFirst() {
    HandOffStack.downstreamCaptured("app", "m");
    HandOffStack.downstreamCaptured("app", "echo: m");

    assertThat(HandOffStack.claimDownstream("app", "echo: m")).isTrue();
    assertThat(HandOffStack.claimDownstream("app", "m")).isTrue();
    assertThat(HandOffStack.claimDownstream("app", "m")).isFalse();
  }

  @Test
  void onlyTheNewestFingerprintIsCompared() {
    HandOffStack.upstreamCaptured("app", "stale");
    HandOffStack.upstreamCaptured("app", "m");

    assertThat(HandOffStack.claimUpstream("app", "stale")).isFalse();
  }

  @Test
  void clearForgetsEveryFingerprint() {
    HandOffStack.upstreamCaptured("app", "a");
    HandOffStack.upstreamCaptured("app", "b");
    HandOffStack.clear();

    assertThat(HandOffStack.claimUpstream("app", "b")).isFalse();
    assertThat(HandOffStack.claimUpstream("app", "a")).isFalse();
  }

  @Test
  void beyondItsDepthTheStackForgetsTheOldest() {
    for (int i = 0; i <= HandOffStack.DEPTH; i++) {
      HandOffStack.upstreamCaptured("app", "m" + i);
    }

    for (int i = HandOffStack.DEPTH; i >= 1; i--) {
      assertThat(HandOffStack.claimUpstream("app", "m" + i)).isTrue();
    }
    assertThat(HandOffStack.claimUpstream("app", "m0")).as("forgotten").isFalse();
  }

  @Test
  void nullNamesAndBodiesMatchTheirEquals() {
    HandOffStack.downstreamCaptured(null, null);

    assertThat(HandOffStack.claimDownstream("", null)).isTrue();
  }

  @Test
  void eachThreadHasItsOwnFingerprints() throws InterruptedException {
    HandOffStack.upstreamCaptured("app", "m");
    boolean[] claimedElsewhere = new boolean[1];
    Thread other = new Thread(() -> claimedElsewhere[0] = HandOffStack.claimUpstream("app", "m"));
    other.start();
    other.join();

    assertThat(claimedElsewhere[0]).isFalse();
    assertThat(HandOffStack.claimUpstream("app", "m")).isTrue();
  }
}
