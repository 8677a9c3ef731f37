package example.orders;

import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Application code for stall tests, outside {@code dev.logbridge} on purpose: the doctor counts
 * frames under {@code dev.logbridge} as "inside logging", which would make a test's own threads
 * look like a stall in logging.
 *
 * <p>Thread-safety: thread-safe; the lock is the instance's monitor.
 */
public final class Inventory {
  /** Holds this inventory's monitor until {@code release} opens, after {@code holding} counts down. */
  public Runnable holdUntil(CountDownLatch holding, CountDownLatch release) {
    return () -> {
      synchronized (this) {
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** Takes the monitor, then logs. */
  public Runnable update() {
    return () -> {
      synchronized (this) {
        LoggerFactory.getLogger("com.example.Orders").info("got the lock");
      }
    };
  }
}
