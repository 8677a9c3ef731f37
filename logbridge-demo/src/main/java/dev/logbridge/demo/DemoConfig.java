package dev.logbridge.demo;

import java.net.URI;
import java.time.Duration;

/**
 * The settings of one demo run, as validated by {@link Main}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param framework the logging framework the service logs through
 * @param bridge the bridge that carries records into OpenTelemetry
 * @param collector how the embedded collector behaves
 * @param endpoint the external collector's logs URL ({@code --endpoint}), or null for the
 *     embedded one
 * @param workers simulated worker processes (thread groups)
 * @param threads threads per worker
 * @param duration how long the service runs
 * @param requestWork simulated work per request, between its log calls
 * @param stallWindow how long without progress counts as a freeze
 * @param virtualThreads whether the service threads are virtual (JDK 21+)
 * @param liveLine whether progress rewrites one line (a terminal) or prints a line per second
 * @param json whether the report ends with a JSON object ({@code --json})
 */
record DemoConfig(
    Framework framework,
    BridgeKind bridge,
    CollectorMode collector,
    URI endpoint,
    int workers,
    int threads,
    Duration duration,
    Duration requestWork,
    Duration stallWindow,
    boolean virtualThreads,
    boolean liveLine,
    boolean json) {

  /** Whether records go to an external collector, which the demo neither starts nor sees. */
  boolean external() {
    return endpoint != null;
  }
}
