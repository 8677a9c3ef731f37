package dev.logbridge;

/**
 * A thread owned by logbridge (the pipeline thread, the shutdown hook). Records logged on such a
 * thread are never bridged: whatever it logs comes from the telemetry pipeline itself.
 *
 * <p>Always a daemon, so logbridge never keeps the JVM alive.
 */
class LogBridgeThread extends Thread {
  public LogBridgeThread(Runnable task, String name) {
    super(task, name);
    setDaemon(true);
  }
}
