package dev.logbridge.benchmarks;

import dev.logbridge.doctor.StallWatchdog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one sample of logbridge-doctor's {@link StallWatchdog} ({@code sampleOnce()}), which
 * the watchdog's thread pays once per interval: multiply by samples per second for its overhead.
 *
 * <p>Shapes ({@code shape}): {@code idle-N} starts a pool of N worker threads idle in {@code
 * getTask} (each is a tracked wait, classified once as idle by design, then only compared);
 * {@code blocked-20} starts one holder keeping a monitor and 20 threads BLOCKED on it, so every
 * sample finds a stall: it fetches stacks for the 21 threads, runs the analyser and compares the
 * incident with the one already reported (the listener is told once). The JVM's and JMH's own
 * threads (about 15) come on top.
 *
 * <p>Baseline: {@code threadInfoFloor} is the one {@code ThreadMXBean.getThreadInfo(ids, 0)} call
 * every sample starts with; {@code sampleOnce} minus the floor is the watchdog's own work.
 *
 * <pre>java -jar logbridge-benchmarks/target/benchmarks.jar StallWatchdogBenchmark -wi 2 -i 3 -r 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StallWatchdogBenchmark {
  @Param({"idle-20", "idle-200", "idle-1000", "idle-2000", "blocked-20"})
  public String shape;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final AtomicLong reports = new AtomicLong();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> started = new ArrayList<>();
  private ThreadPoolExecutor pool;
  private StallWatchdog watchdog;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    int count = Integer.parseInt(shape.substring(shape.indexOf('-') + 1));
    if (shape.startsWith("idle")) {
      pool =
          new ThreadPoolExecutor(
              count,
              count,
              1,
              TimeUnit.HOURS,
              new LinkedBlockingQueue<>(),
              task -> {
                // Small stacks: 2,000 idle threads need no more.
                Thread t = new Thread(null, task, "idle-worker", 256 * 1024);
                t.setDaemon(true);
                return t;
              });
      pool.prestartAllCoreThreads();
    } else {
      startBlocked(count);
    }
    // A 1 ms threshold: every wait is "long" from the second sample on, so warm-up reaches the
    // steady state (idle waits classified, the stall reported) and measurement sees only that.
    watchdog =
        StallWatchdog.builder()
            .threshold(Duration.ofMillis(1))
            .minThreads(3)
            .listener(d -> reports.incrementAndGet())
            .build();
    watchdog.sampleOnce();
    TimeUnit.MILLISECONDS.sleep(5);
    watchdog.sampleOnce();
  }

  private void startBlocked(int count) throws InterruptedException {
    Object monitor = new Object();
    CountDownLatch holding = new CountDownLatch(1);
    start(
        "holder",
        () -> {
          synchronized (monitor) {
            holding.countDown();
            awaitRelease();
          }
        });
    if (!holding.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the holder did not take the monitor");
    }
    for (int i = 0; i < count; i++) {
      start(
          "blocked-" + i,
          () -> {
            synchronized (monitor) {
              monitor.hashCode();
            }
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (started.stream().skip(1).anyMatch(t -> t.getState() != Thread.State.BLOCKED)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the blocked threads did not block");
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  private void start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    started.add(t);
    t.start();
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    release.countDown();
    for (Thread t : started) {
      t.join(10_000);
    }
    if (pool != null) {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    System.out.printf(
        "%n%s: %d stall report(s), %d samples%n", shape, reports.get(), watchdog.samples());
  }

  @Benchmark
  public Object sampleOnce() {
    return watchdog.sampleOnce();
  }

  @Benchmark
  public ThreadInfo[] threadInfoFloor() {
    return threads.getThreadInfo(threads.getAllThreadIds(), 0);
  }
}
