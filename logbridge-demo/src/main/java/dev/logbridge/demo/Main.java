package dev.logbridge.demo;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of the logbridge demo: a simulated multi-worker service logging hostile values
 * through logbridge into an embedded OTLP collector, with live progress and a final accounting.
 *
 * <p>Only {@link #main} exits the JVM; {@link #run} returns the exit code, so tests drive the
 * demo in-process with their own output stream.
 *
 * <p>Not thread-safe: one instance per run, filled in by picocli on the calling thread.
 */
@Command(
    name = "logbridge-demo",
    mixinStandardHelpOptions = true,
    version = "logbridge-demo 0.1.0",
    sortOptions = false,
    description = {
      "Runs a simulated service (workers x threads handling requests inside spans) that logs"
          + " the values which froze the seed incident's service (a date-time, a set, a request"
          + " object, a throwing toString(), a self-referencing map, exceptions) through SLF4J"
          + " and Logback (or java.util.logging, or Log4j 2) into OpenTelemetry, and shows that logbridge neither freezes, blocks"
          + " nor loses records silently.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run finished and every check logbridge owns passed",
      "1:an accounting check failed (a record lost without being counted)",
      "2:invalid option (such as an --endpoint that is not an http or https URL with a host), or one this build cannot honour (--bridge naive with jul or log4j2, virtual threads on JDK < 21)",
      "3:the service froze (expected with --bridge naive) and the stall report was printed"
    })
public final class Main implements Callable<Integer> {
  @Option(
      names = "--framework",
      defaultValue = "logback",
      paramLabel = "NAME",
      description =
          "Logging framework of the service: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Framework framework;

  @Option(
      names = "--bridge",
      defaultValue = "logbridge",
      paramLabel = "KIND",
      description =
          "logbridge, or naive: a bridge that locks while translating and warns through logging, reproducing the seed's freeze (default: ${DEFAULT-VALUE}).")
  BridgeKind bridge;

  @Option(
      names = "--collector",
      defaultValue = "healthy",
      paramLabel = "MODE",
      description =
          "Collector behaviour: healthy; down (accepts, never answers); slow (250 ms per export); flaky (30%% answered 503 with Retry-After) (default: ${DEFAULT-VALUE}).")
  CollectorMode collector;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "Export to this external OTLP/HTTP collector instead of the embedded one, e.g."
              + " http://127.0.0.1:4318 (/v1/logs is appended to a bare host:port); what it receives"
              + " is not checked, logbridge's own accounting is.")
  String endpoint;

  @Option(
      names = "--json",
      description =
          "After the text report, print the report as one JSON object on the last line of stdout.")
  boolean json;

  @Option(
      names = "--workers",
      defaultValue = "4",
      description = "Worker processes to simulate, 1..64 (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--threads",
      defaultValue = "5",
      description = "Threads per worker, 1..64 (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--duration",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description = "How long the service runs, 1s..10m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--request-work",
      defaultValue = "5ms",
      converter = DurationConverter.class,
      description =
          "Simulated work per request between its log calls, 0..1s (default: ${DEFAULT-VALUE}).")
  Duration requestWork;

  @Option(
      names = "--stall-after",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description =
          "Report a freeze when no request completes for this long, 1s..60s (default: ${DEFAULT-VALUE}).")
  Duration stallAfter;

  @Option(
      names = "--virtual-threads",
      description = "Run the service on virtual threads (JDK 21 or newer).")
  boolean virtualThreads;

  @Spec CommandSpec spec;

  private final PrintStream out;
  private final boolean terminal;

  Main(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Runs the demo and exits the JVM with its exit code. */
  public static void main(String[] args) {
    // A terminal gets one live progress line; pipes and files get a line per second.
    int code = run(System.out, System.err, System.console() != null, args);
    System.exit(code);
  }

  /** Runs the demo with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
  static int run(PrintStream out, PrintStream err, boolean terminal, String... args) {
    CommandLine commandLine =
        new CommandLine(new Main(out, terminal))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    check(workers >= 1 && workers <= 64, "--workers must be 1..64: " + workers);
    check(threads >= 1 && threads <= 64, "--threads must be 1..64: " + threads);
    check(
        !duration.isNegative()
            && duration.compareTo(Duration.ofSeconds(1)) >= 0
            && duration.compareTo(Duration.ofMinutes(10)) <= 0,
        "--duration must be 1s..10m: " + duration);
    check(
        !requestWork.isNegative() && requestWork.compareTo(Duration.ofSeconds(1)) <= 0,
        "--request-work must be 0..1s: " + requestWork);
    check(
        stallAfter.compareTo(Duration.ofSeconds(1)) >= 0
            && stallAfter.compareTo(Duration.ofSeconds(60)) <= 0,
        "--stall-after must be 1s..60s: " + stallAfter);
    URI logsUrl = null;
    if (endpoint != null) {
      try {
        logsUrl = ExternalEndpoint.logsUrl(endpoint);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      // The fault modes are the embedded collector's; an external one behaves as it does.
      check(
          collector == CollectorMode.HEALTHY,
          "--collector "
              + collector
              + " injects faults into the embedded collector; it cannot be"
              + " combined with --endpoint");
    }
    if (!framework.supports(bridge)) {
      return refuse(framework.unsupportedMessage(bridge));
    }
    if (virtualThreads && !VirtualThreads.available()) {
      return refuse(VirtualThreads.unavailableMessage());
    }
    DemoConfig config =
        new DemoConfig(
            framework,
            bridge,
            collector,
            logsUrl,
            workers,
            threads,
            duration,
            requestWork,
            stallAfter,
            virtualThreads,
            terminal,
            json);
    return new DemoRun(config, out).run();
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  private int refuse(String message) {
    spec.commandLine().getErr().println(message);
    return ExitCodes.USAGE;
  }
}
