package example.hang;

import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * A child JVM that builds one real hang and prints {@code READY} on stdout once every participant is in its
 * final state, then stays hung until the parent destroys it.
 *
 * <p>It lives outside {@code dev.logbridge} on purpose: the doctor treats {@code dev.logbridge} frames as
 * logging frames, and only the logging scenario should look like logging. Not thread-safe; run as a main.
 */
public final class HangChild {

  /** A named monitor class, so the dump shows which lock is which. */
  static final class LockA {}

  /** A second named monitor class. */
  static final class LockB {}

  private HangChild() {}

  public static void main(String[] args) throws Throwable {
    String scenario = args[0];
    // Two carriers, so that two pinned virtual threads take them all (read when the scheduler
    // starts).
    System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
    System.setProperty("jdk.virtualThreadScheduler.maxPoolSize", "2");
    List<Thread> participants = new ArrayList<>();
    switch (scenario) {
      case "sync-cycle" -> syncCycle(participants);
      case "lock-cycle" -> lockCycle(participants);
      case "self-wait" -> selfWait(participants);
      case "semaphore-leak" -> semaphoreLeak(participants);
      case "logging-io" -> loggingBehindIo(participants);
      case "virtual-cycle" -> virtualCycle(participants);
      case "rw-upgrade" -> readToWriteUpgrade(participants);
      case "wait-chain" -> waitChain(participants);
      case "pool-starvation" -> poolStarvation(participants);
      case "producer-consumer" -> producerConsumer(participants);
      case "pinned-carriers" -> pinnedCarriers(participants);
      case "watchdog-virtual-owner" -> watchdogVirtualOwner(participants);
      case "watchdog-virtual-monitor-owner" -> watchdogVirtualMonitorOwner(participants);
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    awaitAllStuck(participants);
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    // Stay alive until the parent destroys us; the watchdog thread below is a safety net.
    Thread.sleep(TimeUnit.MINUTES.toMillis(2));
    System.exit(0);
  }

  private static void awaitAllStuck(List<Thread> participants) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      boolean all = participants.stream().allMatch(t -> isStuck(t));
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        System.out.println(
            "FAILED participants not stuck: "
                + participants.stream().map(t -> t.getName() + "=" + t.getState()).toList());
        System.exit(1);
      }
      // Polling the states of other threads; there is no event to wait for.
      Thread.sleep(10);
    }
  }

  private static boolean isStuck(Thread t) {
    Thread.State s = t.getState();
    if (s == Thread.State.BLOCKED || s == Thread.State.WAITING) {
      return true;
    }
    // The I/O owner is RUNNABLE inside a socket write; it is stuck once its stack shows the write.
    return s == Thread.State.RUNNABLE
        && Arrays.stream(t.getStackTrace())
            .anyMatch(
                f -> f.getMethodName().contains("write") && f.getClassName().contains("Socket"));
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void syncCycle(List<Thread> participants) {
    Object a = new LockA();
    Object b = new LockB();
    CountDownLatch bothHoldFirst = new CountDownLatch(2);
    participants.add(
        start(
            "mon-a",
            () -> {
              synchronized (a) {
                awaitQuietly(bothHoldFirst);
                synchronized (b) {
                  throw new AssertionError("unreachable");
                }
              }
            }));
    participants.add(
        start(
            "mon-b",
            () -> {
              synchronized (b) {
                awaitQuietly(bothHoldFirst);
                synchronized (a) {
                  throw new AssertionError("unreachable");
                }
              }
            }));
  }

  private static void lockCycle(List<Thread> participants) {
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch bothHoldFirst = new CountDownLatch(2);
    participants.add(
        start(
            "rl-a",
            () -> {
              a.lock();
              awaitQuietly(bothHoldFirst);
              b.lock();
            }));
    participants.add(
        start(
            "rl-b",
            () -> {
              b.lock();
              awaitQuietly(bothHoldFirst);
              a.lock();
            }));
  }

  private static void selfWait(List<Thread> participants) throws InterruptedException {
    Mutex mutex = new Mutex();
    CountDownLatch held = new CountDownLatch(1);
    Thread self =
        start(
            "self-waiter",
            () -> {
              mutex.lock();
              held.countDown();
              mutex.lock(); // the bug: a non-reentrant lock taken again on the same thread
            });
    participants.add(self);
    held.await();
    for (int i = 1; i <= 3; i++) {
      participants.add(start("queued-" + i, mutex::lock));
    }
  }

  private static void semaphoreLeak(List<Thread> participants) throws InterruptedException {
    Semaphore permits = new Semaphore(2);
    // Two "requests" take a permit and exit without releasing it: the leak.
    for (int i = 0; i < 2; i++) {
      Thread leaker = start("leaker-" + i, permits::acquireUninterruptibly);
      leaker.join();
    }
    for (int i = 1; i <= 5; i++) {
      participants.add(start("sem-waiter-" + i, permits::acquireUninterruptibly));
    }
  }

  private static void loggingBehindIo(List<Thread> participants) throws Exception {
    // A JUL StreamHandler (publish is synchronized on JDK 17) writing to a loopback peer that never
    // reads: the writer blocks in the socket write while holding the handler's monitor.
    ServerSocket server = new ServerSocket();
    server.setReceiveBufferSize(4096);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    Socket client = new Socket();
    client.setSendBufferSize(4096);
    client.connect(server.getLocalSocketAddress());
    Socket accepted = server.accept(); // kept open and never read
    OutputStream out = client.getOutputStream();
    StreamHandler handler = new StreamHandler(out, new SimpleFormatter());
    Logger logger = Logger.getLogger("example.hang.audit");
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    String huge = "x".repeat(16 * 1024 * 1024);
    Thread owner =
        start(
            "io-owner",
            () -> {
              logger.log(new LogRecord(Level.INFO, huge));
              handler.flush();
              throw new AssertionError("unreachable " + accepted);
            });
    participants.add(owner);
    while (!isStuck(owner)) {
      Thread.sleep(10);
    }
    for (int i = 1; i <= 20; i++) {
      int n = i;
      participants.add(start("worker-" + i, () -> logger.info("request " + n)));
    }
  }

  private static void readToWriteUpgrade(List<Thread> participants) {
    ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    participants.add(
        start(
            "upgrader",
            () -> {
              lock.readLock().lock();
              lock.writeLock().lock(); // never succeeds: this thread's own read hold blocks it
            }));
  }

  /** Virtual thread holds A and wants B; platform thread holds B and wants A. Needs JDK 21+ at run time. */
  private static void virtualCycle(List<Thread> participants) throws Throwable {
    Object a = new LockA();
    Object b = new LockB();
    CountDownLatch bothHoldFirst = new CountDownLatch(2);
    Runnable virtualBody =
        () -> {
          synchronized (a) {
            awaitQuietly(bothHoldFirst);
            synchronized (b) {
              throw new AssertionError("unreachable");
            }
          }
        };
    // Reflection keeps this class compilable for release 17.
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Object builder =
        lookup
            .findStatic(
                Thread.class,
                "ofVirtual",
                MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")))
            .invoke();
    Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
    MethodHandle name =
        lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
    MethodHandle startVirtual =
        lookup.findVirtual(
            Class.forName("java.lang.Thread$Builder"),
            "start",
            MethodType.methodType(Thread.class, Runnable.class));
    Object named = name.invoke(builder, "vt-a");
    participants.add((Thread) startVirtual.invoke(named, virtualBody));
    participants.add(
        start(
            "pt-b",
            () -> {
              synchronized (b) {
                awaitQuietly(bothHoldFirst);
                synchronized (a) {
                  throw new AssertionError("unreachable");
                }
              }
            }));
  }

  /**
   * A chain with one waiter per lock, ending at a thread that holds a monitor while it waits, with no timeout, for
   * a latch nobody counts down: chain-tail wants B held by chain-mid, which wants A held by chain-holder.
   */
  private static void waitChain(List<Thread> participants) throws InterruptedException {
    Object a = new LockA();
    Object b = new LockB();
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch held = new CountDownLatch(2);
    participants.add(
        start(
            "chain-holder",
            () -> {
              synchronized (a) {
                held.countDown();
                awaitForever(never);
              }
            }));
    participants.add(
        start(
            "chain-mid",
            () -> {
              synchronized (b) {
                held.countDown();
                awaitForever(held);
                synchronized (a) {
                  throw new AssertionError("unreachable");
                }
              }
            }));
    held.await();
    participants.add(
        start(
            "chain-tail",
            () -> {
              synchronized (b) {
                throw new AssertionError("unreachable");
              }
            }));
  }

  /** Every worker of a two-thread pool waits for a task it submitted to the same pool: the tasks never run. */
  private static void poolStarvation(List<Thread> participants) throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "starved-pool-" + n.incrementAndGet());
              t.setDaemon(true);
              workers.add(t);
              return t;
            });
    // Both outer tasks hold a worker before either submits its inner task: otherwise the first
    // inner task could take the pool's second thread and the starvation would not form.
    java.util.concurrent.CountDownLatch bothRunning = new java.util.concurrent.CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      pool.submit(
          () -> {
            bothRunning.countDown();
            bothRunning.await();
            Future<String> inner = pool.submit(() -> "never runs");
            return inner.get();
          });
    }
    while (workers.size() < 2) {
      Thread.sleep(10);
    }
    // Ready once both workers wait in Future.get, not merely somewhere (the latch, say).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!workers.stream().allMatch(HangChild::waitsInFutureGet)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    participants.addAll(workers);
  }

  private static boolean waitsInFutureGet(Thread t) {
    return t.getState() == Thread.State.WAITING
        && Arrays.stream(t.getStackTrace())
            .anyMatch(
                f ->
                    f.getClassName().equals("java.util.concurrent.FutureTask")
                        && f.getMethodName().equals("get"));
  }

  /** The monitor an asynchronous sink's consumer takes to write each record. */
  static final class SinkLock {}

  /**
   * A bounded queue between producers and one consumer, like an async appender: the consumer waits for the sink's
   * monitor, held by a producer that waits for room in the full queue, which only that consumer makes.
   */
  private static void producerConsumer(List<Thread> participants) throws InterruptedException {
    BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
    Object sink = new SinkLock();
    CountDownLatch sinkHeld = new CountDownLatch(1);
    participants.add(
        start(
            "producer-holding-sink",
            () -> {
              synchronized (sink) {
                sinkHeld.countDown();
                for (int i = 0; ; i++) {
                  putForever(queue, "record " + i);
                }
              }
            }));
    sinkHeld.await();
    participants.add(
        start(
            "async-consumer",
            () -> {
              while (true) {
                String record = takeForever(queue);
                synchronized (sink) {
                  System.out.println(record);
                }
              }
            }));
    for (int i = 1; i <= 2; i++) {
      // Loop: whichever record the consumer takes before it blocks, every producer ends up waiting
      // for room.
      participants.add(
          start(
              "producer-" + i,
              () -> {
                while (true) {
                  putForever(queue, "more");
                }
              }));
    }
  }

  /** Blocks in a static initialiser, which pins the virtual thread running it to its carrier (JDK 21-25). */
  static final class SlowInit {
    static final CountDownLatch NEVER = new CountDownLatch(1);
    static final CountDownLatch NEVER_TOO = new CountDownLatch(1);

    static {
      awaitForever(NEVER);
    }

    static void touch() {}
  }

  /** Counted down by OtherSlowInit's initialiser when it starts; kept outside that class on purpose. */
  static final CountDownLatch OTHER_INIT_STARTED = new CountDownLatch(1);

  /** A second class whose initialiser blocks, so that each pinned virtual thread waits in its own one. */
  static final class OtherSlowInit {
    static {
      OTHER_INIT_STARTED.countDown();
      awaitForever(SlowInit.NEVER_TOO); // waits for SlowInit's initialisation, which never ends
    }

    static void touch() {}
  }

  /** Two carriers, both pinned by virtual threads initialising SlowInit; a third virtual thread never runs. */
  private static void pinnedCarriers(List<Thread> participants) throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
    Object builder =
        lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
    MethodHandle name =
        lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
    MethodHandle startVirtual =
        lookup.findVirtual(
            Class.forName("java.lang.Thread$Builder"),
            "start",
            MethodType.methodType(Thread.class, Runnable.class));
    participants.add(
        (Thread) startVirtual.invoke(name.invoke(builder, "pinned-1"), (Runnable) SlowInit::touch));
    startVirtual.invoke(name.invoke(builder, "pinned-2"), (Runnable) OtherSlowInit::touch);
    // The second one is mounted once it runs OtherSlowInit's initialiser; it then waits for
    // SlowInit's.
    OTHER_INIT_STARTED
        .await(); // not a field of OtherSlowInit: reading that would wait for its initialiser
    startVirtual.invoke(
        name.invoke(builder, "starved-vt"), (Runnable) () -> System.out.println("ran"));
  }

  /**
   * A virtual thread holds a ReentrantLock and waits forever; three platform threads queue for the lock. The
   * in-process StallWatchdog must say what the virtual owner does, which ThreadMXBean cannot show (JDK 21+).
   */
  private static void watchdogVirtualOwner(List<Thread> participants) throws Throwable {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
    Object builder =
        lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
    MethodHandle name =
        lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
    MethodHandle startVirtual =
        lookup.findVirtual(
            Class.forName("java.lang.Thread$Builder"),
            "start",
            MethodType.methodType(Thread.class, Runnable.class));
    participants.add(
        (Thread)
            startVirtual.invoke(
                name.invoke(builder, "vt-holder"),
                (Runnable)
                    () -> {
                      lock.lock();
                      held.countDown();
                      awaitForever(never);
                    }));
    held.await();
    for (int i = 1; i <= 3; i++) {
      participants.add(start("lock-waiter-" + i, lock::lock));
    }
    dev.logbridge.doctor.StallWatchdog dog =
        dev.logbridge.doctor.StallWatchdog.builder()
            .interval(java.time.Duration.ofMillis(50))
            .threshold(java.time.Duration.ofMillis(200))
            .minThreads(3)
            .listener(
                d -> {
                  System.out.println("STALL-REPORT " + d.verdict() + " " + d.headline());
                  System.out.flush();
                })
            .build();
    dog.start();
  }

  /**
   * A virtual thread holds a monitor while it waits on a latch (JDK 24+ unmounts it, JEP 491), and three platform
   * threads block on that monitor; ThreadMXBean reports them RUNNABLE with no lock, so only the watchdog's JSON
   * dump can name the owner.
   */
  private static void watchdogVirtualMonitorOwner(List<Thread> participants) throws Throwable {
    Object monitor = new Object();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
    Object builder =
        lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
    MethodHandle name =
        lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
    MethodHandle startVirtual =
        lookup.findVirtual(
            Class.forName("java.lang.Thread$Builder"),
            "start",
            MethodType.methodType(Thread.class, Runnable.class));
    participants.add(
        (Thread)
            startVirtual.invoke(
                name.invoke(builder, "vt-monitor-holder"),
                (Runnable)
                    () -> {
                      synchronized (monitor) {
                        held.countDown();
                        awaitForever(never);
                      }
                    }));
    held.await();
    for (int i = 1; i <= 3; i++) {
      participants.add(
          start(
              "monitor-waiter-" + i,
              () -> {
                synchronized (monitor) {
                  held.countDown();
                }
              }));
    }
    dev.logbridge.doctor.StallWatchdog dog =
        dev.logbridge.doctor.StallWatchdog.builder()
            .interval(java.time.Duration.ofMillis(50))
            .threshold(java.time.Duration.ofMillis(200))
            .minThreads(3)
            .listener(
                d -> {
                  System.out.println("STALL-REPORT " + d.verdict() + " " + d.headline());
                  System.out.flush();
                })
            .build();
    dog.start();
  }

  private static void awaitForever(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // keep waiting: the scenario is a hang
      }
    }
  }

  private static void putForever(BlockingQueue<String> queue, String value) {
    try {
      queue.put(value);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String takeForever(BlockingQueue<String> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    latch.countDown();
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
