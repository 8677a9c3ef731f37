package dev.logbridge.demo;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The JUL root logger's handlers, replaced for a run and restored after it. The root carries the
 * JDK's {@code ConsoleHandler} by default: left there, every record (the service's, the SDK's own
 * warnings) would also be printed, and only the bridge under test may receive them.
 *
 * <p>Thread-safety: not thread-safe; the run's thread replaces and restores.
 */
final class JulRootHandlers implements AutoCloseable {
  private final Logger root;
  private final Handler[] saved;
  private final Handler replacement;

  private JulRootHandlers(Logger root, Handler[] saved, Handler replacement) {
    this.root = root;
    this.saved = saved;
    this.replacement = replacement;
  }

  /** Removes the root's handlers and adds {@code replacement} as its only one. */
  static JulRootHandlers replaceWith(Handler replacement) {
    Logger root = LogManager.getLogManager().getLogger("");
    Handler[] saved = root.getHandlers();
    for (Handler handler : saved) {
      root.removeHandler(handler);
    }
    root.addHandler(replacement);
    return new JulRootHandlers(root, saved, replacement);
  }

  /** Removes and closes the replacement, and puts the saved handlers back. */
  @Override
  public void close() {
    root.removeHandler(replacement);
    replacement.close();
    for (Handler handler : saved) {
      root.addHandler(handler);
    }
  }
}
