package dev.logbridge.receiver;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of the receiver: serves OTLP/HTTP logs on 127.0.0.1 until interrupted.
 *
 * <p>Not thread-safe: one instance per run, filled in by picocli on the main thread.
 */
@Command(
    name = "logbridge-receiver",
    mixinStandardHelpOptions = true,
    version = "logbridge-receiver 0.1.0",
    sortOptions = false,
    description =
        "Receives OpenTelemetry logs over OTLP/HTTP (protobuf or JSON, POST /v1/logs) on"
            + " 127.0.0.1, keeps the newest records in memory, and can misbehave on purpose to test senders.")
public final class Main implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "4318",
      description = "TCP port on 127.0.0.1; 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Bind address; only 127.0.0.1 or localhost are allowed.")
  String host;

  @Option(
      names = "--max-records",
      defaultValue = "100000",
      description = "Records kept in memory, newest first (default: ${DEFAULT-VALUE}).")
  int maxRecords;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "16777216",
      description =
          "Largest request body, also after gunzip; beyond it 413 (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(
      names = "--threads",
      defaultValue = "4",
      description = "HTTP threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--jsonl",
      paramLabel = "FILE",
      description = "Append every record as one JSON line to FILE.")
  Path jsonl;

  @Option(
      names = "--print",
      description = "Print one line per record: time, severity, scope, body, trace id, attributes.")
  boolean print;

  @Option(
      names = "--delay",
      paramLabel = "MIN[..MAX]",
      description = "Answer after a fixed or random delay, e.g. 200ms or 100ms..2s.")
  String delay;

  @Option(
      names = "--error-status",
      paramLabel = "STATUS",
      description =
          "Answer STATUS (429, 503 with Retry-After, or 500) to --error-rate of requests.")
  Integer errorStatus;

  @Option(
      names = "--error-rate",
      paramLabel = "RATE",
      description =
          "Share 0..1 of requests answered with --error-status (default 1 when a status is given; status 503 when only a rate is).")
  Double errorRate;

  @Option(
      names = "--retry-after",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "Retry-After of 429 and 503 answers (default: ${DEFAULT-VALUE}).")
  String retryAfter;

  @Option(
      names = "--drop-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Share 0..1 of requests whose connection is closed without answer.")
  double dropRate;

  @Option(names = "--hang", description = "Hold every request unanswered until the receiver stops.")
  boolean hang;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the random fault choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  private final PrintStream out;
  private final CountDownLatch stop = new CountDownLatch(1);

  Main(PrintStream out) {
    this.out = out;
  }

  /** Runs the receiver until the process is interrupted (Ctrl-C). */
  public static void main(String[] args) {
    System.exit(commandLine(new Main(System.out)).execute(args));
  }

  static CommandLine commandLine(Main main) {
    return new CommandLine(main).setUsageHelpLongOptionsMaxWidth(28);
  }

  /** Returns the receiver the options describe, not started. */
  OtlpReceiver.Builder receiverBuilder() {
    OtlpReceiver.Builder builder =
        OtlpReceiver.builder()
            .host(host)
            .port(port)
            .maxRecords(maxRecords)
            .maxBodyBytes(maxBodyBytes)
            .threads(threads)
            .fault(fault());
    if (jsonl != null) {
      builder.jsonlOutput(jsonl);
    }
    if (print) {
      builder.print(out);
    }
    return builder;
  }

  /** Returns the fault the options describe. */
  Fault fault() {
    Fault.Builder fault =
        Fault.builder()
            .seed(seed)
            .drop(dropRate)
            .hang(hang)
            .retryAfter(Durations.parse(retryAfter));
    if (delay != null) {
      int range = delay.indexOf("..");
      Duration min = Durations.parse(range < 0 ? delay : delay.substring(0, range));
      Duration max = range < 0 ? min : Durations.parse(delay.substring(range + 2));
      fault.delay(min, max);
    }
    if (errorStatus != null || errorRate != null) {
      fault.error(errorStatus == null ? 503 : errorStatus, errorRate == null ? 1.0 : errorRate);
    }
    return fault.build();
  }

  @Override
  public Integer call() throws InterruptedException {
    OtlpReceiver.Builder builder;
    try {
      builder = receiverBuilder();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    OtlpReceiver receiver = builder.build().start();
    // The hook reports, because after Ctrl-C the JVM ends once hooks finish, main thread or not.
    Thread hook =
        new Thread(
            () -> {
              receiver.close();
              System.err.println("logbridge-receiver stopped: " + receiver.stats());
              stop.countDown();
            },
            "logbridge-receiver-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    System.err.println(
        "logbridge-receiver listening on "
            + receiver.endpoint()
            + (receiver.fault().isNone() ? "" : " with " + receiver.fault())
            + " (Ctrl-C to stop)");
    stop.await();
    return 0;
  }
}
