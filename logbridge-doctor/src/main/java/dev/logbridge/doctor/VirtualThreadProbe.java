package dev.logbridge.doctor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Takes a JSON thread dump of this process with {@code HotSpotDiagnosticMXBean.dumpThreads} (JDK 21+), which, unlike
 * ThreadMXBean, lists every virtual thread, mounted or not, with its stack (and, from JDK 25, its state and locks).
 *
 * <p>The stall watchdog uses it only when a platform-thread sample is inconclusive: a long waiter whose lock owner
 * is not a platform thread (a virtual thread), or a monitor waiter with no visible owner. The dump costs tens of
 * milliseconds with many threads, so the watchdog rate-limits it.
 *
 * <p>Reached through reflection, so the doctor still compiles for, and runs on, JDK 17. Thread-safe.
 */
final class VirtualThreadProbe {
  private final PlatformManagedObject bean;
  private final Method dumpThreads;
  private final Object jsonFormat;

  private VirtualThreadProbe(PlatformManagedObject bean, Method dumpThreads, Object jsonFormat) {
    this.bean = bean;
    this.dumpThreads = dumpThreads;
    this.jsonFormat = jsonFormat;
  }

  /** A probe, or {@code null} on a JVM without {@code HotSpotDiagnosticMXBean.dumpThreads} (before JDK 21). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static VirtualThreadProbe create() {
    try {
      Class<? extends PlatformManagedObject> type =
          (Class<? extends PlatformManagedObject>)
              Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
      Class<? extends Enum> format =
          (Class<? extends Enum>)
              Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
      Method dump = type.getMethod("dumpThreads", String.class, format);
      return new VirtualThreadProbe(
          ManagementFactory.getPlatformMXBean(type), dump, Enum.valueOf(format, "JSON"));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Dumps every thread as JSON and parses it, adding the owners ThreadMXBean reported (waiter id to owner id)
   * that the JSON format does not carry.
   *
   * @throws IOException when the dump cannot be written or read
   */
  ThreadDump dump(Map<Long, Long> knownOwners) throws IOException {
    Path dir = Files.createTempDirectory("logbridge-threads");
    Path file = dir.resolve("threads.json"); // dumpThreads refuses an existing file
    try {
      dumpThreads.invoke(bean, file.toString(), jsonFormat);
      String json = Files.readString(file, StandardCharsets.UTF_8);
      return JsonDumpParser.INSTANCE.parse(json, knownOwners);
    } catch (ReflectiveOperationException e) {
      throw new IOException("HotSpotDiagnosticMXBean.dumpThreads failed: " + e.getCause(), e);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
