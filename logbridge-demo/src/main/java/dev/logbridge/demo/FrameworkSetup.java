package dev.logbridge.demo;

/**
 * One logging framework wired to the bridge under test for the length of a run: the framework's
 * configuration and process-wide state are set on creation and restored by {@link #close()}.
 *
 * <p>Thread-safety: created and closed on the run's thread; {@link #serviceLog()} serves every
 * worker.
 */
interface FrameworkSetup extends AutoCloseable {
  /** logbridge's queue: room for a few seconds of the demo's rate while the collector is slow. */
  int QUEUE_CAPACITY = 65_536;

  /** The log calls the service makes through this framework. */
  ServiceLog serviceLog();

  /** How the bridge is attached, for the run's header. */
  String description();

  /** Where the OpenTelemetry SDK's own java.util.logging warnings go in this setup. */
  String sdkWarningsRoute();

  /** Stops the framework's appenders or handlers and restores what the run replaced. */
  @Override
  void close();
}
