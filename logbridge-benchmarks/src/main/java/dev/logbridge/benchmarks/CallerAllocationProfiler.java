package dev.logbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the bytes allocated <em>on the benchmark's own threads</em> per
 * operation, {@code caller.alloc.norm} in B/op, and the CPU time those threads spent per
 * operation, {@code caller.cpu.norm} in ns/op.
 *
 * <p>JMH's {@code -prof gc} divides all allocation in the JVM by the operation count. For a log
 * bridge that mixes two things: what the calling thread allocates, and what the bridge's
 * background thread (logbridge's pipeline, the SDK's batch worker) allocates to export the
 * records that got through. The target is about the first, so this profiler reads each
 * JMH worker thread's allocation counter ({@code com.sun.management.ThreadMXBean}) before and
 * after every iteration and divides the sum by the iteration's operations. Use both: {@code -prof
 * gc -prof dev.logbridge.benchmarks.CallerAllocationProfiler}.
 *
 * <p>JMH's ns/op is wall time: on two vCPUs shared with a bridge's background threads, a calling
 * thread is sometimes off the CPU in the middle of a call, and that time counts. {@code
 * caller.cpu.norm} is the time the calling threads actually ran ({@code getThreadCpuTime}) per
 * operation: the call's cost without the waiting for a CPU. Comparing the two says how much of a
 * contended figure is the call and how much is the scheduler.
 *
 * <p>Worker threads are recognised by JMH's naming ({@code <benchmark>-jmh-worker-<n>}). A worker
 * first seen after an iteration began (JMH starts them lazily) counts from zero, which includes
 * its setup; that only happens in the first warm-up iteration.
 *
 * <p>Thread-safety: JMH calls it from one thread.
 */
public final class CallerAllocationProfiler implements InternalProfiler {
  private static final String WORKER_MARK = "-jmh-worker-";

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  // Allocated bytes and CPU nanoseconds of each worker thread (by id) when the current
  // iteration began.
  private final Map<Long, Long> before = new HashMap<>();
  private final Map<Long, Long> cpuBefore = new HashMap<>();

  @Override
  public String getDescription() {
    return "Bytes allocated and CPU time per operation on the benchmark's own (calling) threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    before.clear();
    cpuBefore.clear();
    for (Thread worker : workers()) {
      before.put(worker.getId(), threads.getThreadAllocatedBytes(worker.getId()));
      cpuBefore.put(worker.getId(), threads.getThreadCpuTime(worker.getId()));
    }
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long allocated = 0;
    long cpuNanos = 0;
    for (Thread worker : workers()) {
      long now = threads.getThreadAllocatedBytes(worker.getId());
      if (now >= 0) {
        allocated += now - before.getOrDefault(worker.getId(), 0L);
      }
      long cpuNow = threads.getThreadCpuTime(worker.getId());
      if (cpuNow >= 0) {
        cpuNanos += cpuNow - cpuBefore.getOrDefault(worker.getId(), 0L);
      }
    }
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) allocated / ops;
    double cpuPerOp = ops == 0 ? Double.NaN : (double) cpuNanos / ops;
    return List.of(
        new ScalarResult("caller.alloc.norm", perOp, "B/op", AggregationPolicy.AVG),
        new ScalarResult("caller.cpu.norm", cpuPerOp, "ns/op", AggregationPolicy.AVG));
  }

  private static List<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().contains(WORKER_MARK))
        .toList();
  }
}
