package dev.logbridge.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every started pipeline until its thread ends, so that a provider shutting down can drain them
 * first ({@link PipelineHooks#drainLiveBeforeProviderShutdown}). The set lives here rather than in
 * the engine ({@code dev.logbridge.Pipeline}, package-private) so that {@code dev.logbridge.sdk}
 * reaches it through this package without this package depending on the root one: the engine
 * registers itself, the hook only iterates.
 *
 * <p>Not API: may change without notice.
 *
 * <p>Thread-safety: thread-safe (a concurrent set).
 */
public final class LivePipelines {
  /** A started pipeline, as the drain before a provider's shutdown sees it. */
  public interface Member {
    /**
     * Hands the queued records to OpenTelemetry, waiting until {@code deadlineNanos} ({@link
     * System#nanoTime()}) at most; true if drained (or nothing to drain) in time.
     */
    boolean drainBeforeProviderShutdown(long deadlineNanos);
  }

  private static final Set<Member> LIVE = ConcurrentHashMap.newKeySet();

  private LivePipelines() {}

  /** Registers a pipeline as it starts. */
  public static void add(Member pipeline) {
    LIVE.add(pipeline);
  }

  /** Forgets a pipeline as its thread ends. */
  public static void remove(Member pipeline) {
    LIVE.remove(pipeline);
  }

  static boolean drainBeforeProviderShutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean drained = true;
    for (Member pipeline : LIVE) {
      drained &= pipeline.drainBeforeProviderShutdown(deadline);
    }
    return drained;
  }
}
