package dev.logbridge.logback;

import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * Tells whether a Logback event's thread name is a given thread's. Logback records only the
 * name of the thread that logged; comparing it with the running thread is how the adapter
 * decides whether it runs on the logging thread (and may take that thread's id and context).
 *
 * <p>Thread-safety: stateless.
 */
final class LogbackThreads {
  private LogbackThreads() {}

  /**
   * Whether {@code eventThreadName} is the name Logback gives {@code thread}: its own name, or
   * for a thread without one, Logback's {@code virtual-<id>} / {@code unnamed-<id>}. Allocates
   * nothing.
   */
  static boolean isNameOf(String eventThreadName, Thread thread) {
    if (eventThreadName == null) {
      return false;
    }
    String name = thread.getName();
    if (!name.isEmpty()) {
      return eventThreadName.equals(name); // usually the same instance: a reference check
    }
    String prefix =
        eventThreadName.startsWith(LoggingEvent.VIRTUAL_THREAD_NAME_PREFIX)
            ? LoggingEvent.VIRTUAL_THREAD_NAME_PREFIX
            : LoggingEvent.REGULAR_UNNAMED_THREAD_PREFIX;
    return eventThreadName.startsWith(prefix)
        && endsWithDecimal(eventThreadName, prefix.length(), thread.getId());
  }

  /** Whether {@code text} from {@code start} on is exactly the decimal digits of {@code id}. */
  private static boolean endsWithDecimal(String text, int start, long id) {
    if (id < 0) {
      return false;
    }
    int at = text.length();
    long rest = id;
    do {
      if (--at < start || text.charAt(at) != (char) ('0' + rest % 10)) {
        return false;
      }
      rest /= 10;
    } while (rest != 0);
    return at == start;
  }
}
