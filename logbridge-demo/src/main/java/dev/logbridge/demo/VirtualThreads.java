package dev.logbridge.demo;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Creates virtual threads on JDK 21 and newer, through reflection because the demo is compiled
 * for Java 17.
 *
 * <p>Thread-safety: thread-safe.
 */
final class VirtualThreads {
  private VirtualThreads() {}

  /** Whether this JVM can create virtual threads. */
  static boolean available() {
    return Runtime.version().feature() >= 21;
  }

  /** The message for users who ask for virtual threads on an older JDK. */
  static String unavailableMessage() {
    return "--virtual-threads needs JDK 21 or newer; this is JDK "
        + Runtime.version().feature()
        + ". Run again without --virtual-threads, or with a newer java.";
  }

  /** An unstarted virtual thread named {@code name}, or empty if this JVM has none. */
  static Optional<Thread> unstarted(String name, Runnable task) {
    if (!available()) {
      return Optional.empty();
    }
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      // Look the methods up on the public interface: the builder's class is JDK-internal.
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      builder = builderType.getMethod("name", String.class).invoke(builder, name);
      Method unstarted = builderType.getMethod("unstarted", Runnable.class);
      return Optional.of((Thread) unstarted.invoke(builder, task));
    } catch (ReflectiveOperationException e) {
      return Optional.empty();
    }
  }
}
