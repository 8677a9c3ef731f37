package example.hang;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A process with N threads to take the doctor's large real dumps from (README, "Cost"): a two-thread monitor
 * deadlock, 200 request threads (stacks 0-40 frames deep) blocked on a monitor held by a sleeping owner, 100 threads
 * parked on a held ReentrantLock, 200 in Object.wait, 200 sleeping, the rest idle workers of pools of 1,000. Prints
 * {@code READY <pid>} when every thread is in place, then waits to be dumped and killed.
 *
 * <pre>
 * java -Xss256k -cp logbridge-doctor/target/test-classes example.hang.ManyThreads 10000
 * jcmd PID Thread.print -l > tenk-jdk17-l.txt                                   (JDK 17)
 * jcmd PID Thread.dump_to_file -format=json /tmp/tenk-jdk25.json               (JDK 25)
 * </pre>
 */
public final class ManyThreads {
  private static final Object HOT = new Object();
  private static final Object A = new Object();
  private static final Object B = new Object();
  private static final Object WAITED = new Object();
  private static final ReentrantLock LEDGER = new ReentrantLock();

  private ManyThreads() {}

  public static void main(String[] args) throws InterruptedException {
    int total = Integer.parseInt(args[0]);
    CountDownLatch held = new CountDownLatch(4);
    start(
        "hot-owner",
        () -> {
          synchronized (HOT) {
            held.countDown();
            sleep(Long.MAX_VALUE);
          }
        });
    start(
        "rl-owner",
        () -> {
          LEDGER.lock();
          held.countDown();
          sleep(Long.MAX_VALUE);
        });
    CountDownLatch both = new CountDownLatch(2);
    start(
        "cycle-a",
        () -> {
          synchronized (A) {
            held.countDown();
            awaitQuietly(both);
            synchronized (B) {
              sleep(0);
            }
          }
        });
    start(
        "cycle-b",
        () -> {
          synchronized (B) {
            held.countDown();
            awaitQuietly(both);
            synchronized (A) {
              sleep(0);
            }
          }
        });
    held.await();
    both.countDown();
    both.countDown();
    int n = 4;
    for (int i = 0; i < 200; i++, n++) {
      int depth = i % 40;
      start(
          "http-nio-8080-exec-" + i,
          () ->
              deep(
                  depth,
                  () -> {
                    synchronized (HOT) {
                      sleep(0);
                    }
                  }));
    }
    for (int i = 0; i < 100; i++, n++) {
      int depth = i % 30;
      start(
          "rl-waiter-" + i,
          () ->
              deep(
                  depth,
                  () -> {
                    LEDGER.lock();
                    LEDGER.unlock();
                  }));
    }
    for (int i = 0; i < 200; i++, n++) {
      int depth = i % 20;
      start(
          "waiter-" + i,
          () ->
              deep(
                  depth,
                  () -> {
                    synchronized (WAITED) {
                      try {
                        WAITED.wait();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  }));
    }
    for (int i = 0; i < 200; i++, n++) {
      int depth = i % 20;
      start("sleeper-" + i, () -> deep(depth, () -> sleep(Long.MAX_VALUE)));
    }
    while (n < total) {
      int size = Math.min(1000, total - n);
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(size, size, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>());
      pool.setThreadFactory(
          r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
          });
      pool.prestartAllCoreThreads();
      n += size;
    }
    // Ready once every started thread has reached its wait (BLOCKED, WAITING or TIMED_WAITING).
    while (!allWaiting()) {
      Thread.onSpinWait();
    }
    System.out.println("READY " + ProcessHandle.current().pid());
    sleep(Long.MAX_VALUE);
  }

  private static boolean allWaiting() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("pool-") && t.getState() == Thread.State.RUNNABLE) {
        return false;
      }
    }
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if ((n.startsWith("http-")
              || n.startsWith("rl-waiter")
              || n.startsWith("waiter-")
              || n.startsWith("sleeper-")
              || n.startsWith("cycle-"))
          && t.getState() == Thread.State.RUNNABLE) {
        return false;
      }
    }
    return true;
  }

  private static void deep(int n, Runnable r) {
    if (n == 0) {
      r.run();
    } else {
      deep(n - 1, r);
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
