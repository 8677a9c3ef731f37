package dev.logbridge;

import io.opentelemetry.context.Context;
import java.util.concurrent.CountDownLatch;

/** Captures and thread helpers for the tests of the ring and of returned captures. */
final class TestCaptures {
  private TestCaptures() {}

  /** A begun capture whose timestamp is {@code stamp}, to tell records apart. */
  static CaptureSlot stamped(CaptureSupport support, long stamp) {
    CaptureSlot capture = new CaptureSlot(support).begin("com.example", Context.root(), 1L);
    capture.timestamp(stamp);
    return capture;
  }

  /** Waits for {@code latch}; an interrupt ends the wait and stays set. */
  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
