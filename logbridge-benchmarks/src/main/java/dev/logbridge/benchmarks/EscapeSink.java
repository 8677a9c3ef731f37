package dev.logbridge.benchmarks;

/**
 * Where the "escape" floors put each event so that the JIT must allocate it: one slot per thread
 * (by thread id), 64 bytes apart, so that logging threads never write the same cache line. A
 * single shared field would measure cache-line ping-pong between the threads instead of the
 * framework (it did: 775 ns per call at 8 threads).
 *
 * <p>Thread-safety: any thread may call {@link #keep}; the slots are never read.
 */
final class EscapeSink {
  // 16 references (64 bytes with compressed oops, 128 without) between two threads' slots.
  private static final int SPACING = 16;
  private static final int THREADS = 64;

  private final Object[] slots = new Object[(THREADS + 2) * SPACING];

  void keep(Object event) {
    int thread = (int) (Thread.currentThread().getId() % THREADS);
    slots[(thread + 1) * SPACING] = event;
  }
}
