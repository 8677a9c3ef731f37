package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.LogBridge;
import dev.logbridge.logback.LogBridgeAppender;
import dev.logbridge.reliability.Reliability.AppLogger;
import dev.logbridge.reliability.Reliability.ChildResult;
import dev.logbridge.reliability.Reliability.Frontend;
import dev.logbridge.testing.BlockingLogRecordExporter;
import dev.logbridge.testing.Reconciliation;
import dev.logbridge.testing.TestOpenTelemetry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Virtual threads: 10,000 of them log on JDK 25 (a child JVM on the test class path) while the
 * collector is stalled, half of them from inside the application's own {@code synchronized}
 * block. None may freeze, and JFR must record no {@code jdk.VirtualThreadPinned} event with a
 * logbridge frame. JDK 21–23, where {@code synchronized} itself pins, cannot run here; the static
 * rule that no class on the caller path uses {@code synchronized} stands in for it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VirtualThreadsTest {
  private static final int VIRTUAL_THREADS = 10_000;
  private static final int RECORDS_EACH = 10;

  /** Blocks in its static initializer: a virtual thread doing so pins even on JDK 25. */
  static final class PinsInClassInit {
    static {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }

    static void touch() {}
  }

  /**
   * The child, on JDK 25: JFR recording pinned events with no threshold, the collector stalled
   * (the exporter blocks the pipeline thread), 10,000 virtual threads logging, and one
   * deliberate pin (class initialisation) that proves the recording sees pins.
   */
  public static final class Storm {
    public static void main(String[] args) throws Exception {
      Path jfr = Path.of(args[1]);
      try (Recording recording = new Recording()) {
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        Frontend frontend = Reliability.frontend(args[0]);
        BlockingLogRecordExporter stalled = new BlockingLogRecordExporter(Duration.ofSeconds(60));
        TestOpenTelemetry otel = TestOpenTelemetry.withExporters(stalled);
        frontend.configure(Map.of());
        LogBridge.install(otel.sdk());
        AppLogger app = frontend.logger("com.example.Storm");
        app.info("first");
        if (!stalled.awaitBlocked(Duration.ofSeconds(20))) {
          throw new IllegalStateException("the exporter never stalled");
        }
        Object[] appLocks = new Object[16];
        for (int i = 0; i < appLocks.length; i++) {
          appLocks[i] = new Object();
        }
        AtomicInteger completed = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService executor =
            (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        executor.submit(PinsInClassInit::touch);
        for (int v = 0; v < VIRTUAL_THREADS; v++) {
          int id = v;
          executor.submit(
              () -> {
                for (int i = 0; i < RECORDS_EACH; i++) {
                  if (id % 2 == 0) {
                    synchronized (appLocks[id % appLocks.length]) {
                      app.info("vt" + id + "-" + i);
                    }
                  } else {
                    app.info("vt" + id + "-" + i);
                  }
                }
                completed.incrementAndGet();
              });
        }
        executor.shutdown();
        boolean finished = executor.awaitTermination(60, TimeUnit.SECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        recording.stop();
        recording.dump(jfr);
        System.out.println("finished=" + finished);
        System.out.println("completed=" + completed.get());
        System.out.println("elapsed_ms=" + elapsedMillis);
        System.out.println("stats=" + LogBridge.stats().summary());
        countPins(jfr);
        stalled.release();
        // Once the collector is back: every call ("first" and each "vt<id>-<i>") arrived at the
        // exporter once, by content, or was counted as dropped.
        System.out.println("flushed=" + LogBridge.flush(Duration.ofSeconds(30)));
        List<String> calls = new ArrayList<>(VIRTUAL_THREADS * RECORDS_EACH + 1);
        calls.add("first");
        for (int v = 0; v < VIRTUAL_THREADS; v++) {
          for (int i = 0; i < RECORDS_EACH; i++) {
            calls.add("vt" + v + "-" + i);
          }
        }
        Reconciliation delivered = Reconciliation.of(calls, otel.bodies(), LogBridge.stats());
        System.out.println("reconciled=" + delivered.reconciles());
        System.out.println("delivery=" + delivered.describe());
      }
    }

    private static void countPins(Path jfr) throws IOException {
      int total = 0;
      int logbridge = 0;
      int control = 0;
      List<String> examples = new ArrayList<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
        if (!event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
          continue;
        }
        total++;
        List<String> frames =
            event.getStackTrace() == null
                ? List.of()
                : event.getStackTrace().getFrames().stream()
                    .map(Storm::frameName)
                    .collect(Collectors.toList());
        if (frames.stream().anyMatch(f -> f.contains("PinsInClassInit"))) {
          control++;
        }
        if (frames.stream().anyMatch(Storm::isLogbridgeLibraryFrame)) {
          logbridge++;
          examples.add(String.join(" <- ", frames));
        }
      }
      System.out.println("pinned_total=" + total);
      System.out.println("pinned_control=" + control);
      System.out.println("pinned_logbridge=" + logbridge);
      examples.stream().limit(3).forEach(e -> System.out.println("pinned_example=" + e));
    }

    private static String frameName(RecordedFrame frame) {
      return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** A frame of logbridge itself, not of this scenario's code. */
    private static boolean isLogbridgeLibraryFrame(String frame) {
      return frame.startsWith("dev.logbridge.") && !frame.startsWith("dev.logbridge.reliability.");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.logbridge.reliability.Reliability#frontends")
  void tenThousandVirtualThreadsLogWithTheCollectorStalledWithoutFreezingOrPinning(
      Frontend frontend, @TempDir Path dir) throws Exception {
    String home = System.getProperty("logbridge.jdk25.home", "");
    boolean present = !home.isEmpty() && Files.isExecutable(Path.of(home, "bin", "java"));
    if (!present) {
      System.out.println(
          "SKIPPED virtual threads on JDK 25: no java at logbridge.jdk25.home='" + home + "'");
    }
    Assumptions.assumeTrue(present, "no JDK 25 at logbridge.jdk25.home='" + home + "'");

    ChildResult child =
        Reliability.runChild(
            Path.of(home),
            dir,
            Duration.ofSeconds(100),
            List.of(),
            Storm.class,
            frontend.name(),
            dir.resolve("pinning.jfr").toString());

    assertThat(child.exited).as(child.toString()).isTrue();
    assertThat(child.value("finished")).as(child.toString()).isEqualTo("true");
    assertThat(child.value("completed")).isEqualTo(String.valueOf(VIRTUAL_THREADS));
    assertThat(child.value("reconciled")).as(child.value("delivery")).isEqualTo("true");
    assertThat(child.value("pinned_control"))
        .as("the recording sees pins: " + child)
        .isNotEqualTo("0");
    assertThat(child.value("pinned_logbridge")).as(child.toString()).isEqualTo("0");
    Reliability.report(
        "10,000 virtual threads, collector stalled, JDK 25 (" + frontend.name() + ")",
        VIRTUAL_THREADS + " VTs x " + RECORDS_EACH + " records, deadline 60 s",
        null,
        null,
        "elapsed="
            + child.value("elapsed_ms")
            + "ms pinned_total="
            + child.value("pinned_total")
            + " pinned_logbridge="
            + child.value("pinned_logbridge")
            + " pinned_control="
            + child.value("pinned_control")
            + " "
            + child.value("stats")
            + " | "
            + child.value("delivery"));
  }

  /**
   * No class of the three adapters, nor of core, uses {@code synchronized}: read from the
   * compiled classes this module actually runs (jar or directory), disassembled with javap.
   */
  @Test
  void noClassOnTheCallerPathSynchronizes() throws IOException, URISyntaxException {
    for (Class<?> anchor :
        List.of(
            LogBridgeAppender.class,
            dev.logbridge.jul.LogBridgeHandler.class,
            dev.logbridge.log4j2.LogBridgeAppender.class,
            LogBridge.class)) {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      String packagePath = anchor.getPackageName().replace('.', '/') + "/";
      List<String> classNames = classNames(location, packagePath);
      assertThat(classNames).as("classes of " + anchor.getPackageName()).isNotEmpty();

      ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
      StringWriter out = new StringWriter();
      List<String> javapArgs = new ArrayList<>(List.of("-c", "-p", "-cp", location.toString()));
      javapArgs.addAll(classNames);
      int exit =
          javap.run(new PrintWriter(out), new PrintWriter(out), javapArgs.toArray(new String[0]));

      assertThat(exit).as(out.toString()).isZero();
      List<String> offending =
          out.toString()
              .lines()
              .filter(l -> l.contains("monitorenter") || l.matches(".*\\bsynchronized\\b.*\\(.*"))
              .collect(Collectors.toList());
      assertThat(offending).as("synchronized in " + location).isEmpty();
      Reliability.report(
          "no synchronized: " + anchor.getPackageName(),
          location.getFileName().toString(),
          null,
          null,
          classNames.size() + " classes checked");
    }
  }

  /** Class names under {@code packagePath} (and its subpackages) in a jar or a directory. */
  private static List<String> classNames(Path location, String packagePath) throws IOException {
    Stream<String> entries;
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        entries =
            files
                .map(p -> location.relativize(p).toString().replace('\\', '/'))
                .collect(Collectors.toList())
                .stream();
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        entries = jar.stream().map(e -> e.getName()).collect(Collectors.toList()).stream();
      }
    }
    return entries
        .filter(
            n ->
                n.startsWith(packagePath)
                    && n.endsWith(".class")
                    && !n.endsWith("module-info.class"))
        .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
        .sorted()
        .collect(Collectors.toList());
  }
}
