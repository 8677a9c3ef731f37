package dev.logbridge.benchmarks;

import dev.logbridge.receiver.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many records per second the embedded {@link OtlpReceiver} takes when fed directly, so an
 * end-to-end figure can be shown not to be the receiver's: {@code clients} threads POST one
 * pre-built {@code ExportLogsServiceRequest} of {@value #RECORDS_PER_REQUEST} records (the SDK's
 * default batch size, records shaped like the benchmarks') back-to-back with a JDK {@link
 * HttpClient} over HTTP/1.1 for the window (after an unmeasured warm-up of up to 2 s), and the
 * receiver's own count is divided by the window.
 *
 * <pre>java -cp logbridge-benchmarks/target/benchmarks.jar dev.logbridge.benchmarks.ReceiverCeiling [seconds]</pre>
 *
 * <p>{@link EndToEndThroughput} runs it first. Thread-safety: one measurement at a time.
 */
public final class ReceiverCeiling {
  static final int RECORDS_PER_REQUEST = 512;

  private ReceiverCeiling() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    try (OtlpReceiver receiver = OtlpReceiver.builder().port(0).maxRecords(1_000).build().start();
        Watchdog watchdog = Watchdog.arm(Duration.ofSeconds(seconds + 30L), "receiver ceiling")) {
      System.out.println(measure(receiver, 2, Duration.ofSeconds(seconds)));
    }
  }

  /** Feeds {@code receiver} for {@code window}; resets its counters first. */
  static String measure(OtlpReceiver receiver, int clients, Duration window)
      throws InterruptedException {
    byte[] body = request().toByteArray();
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(receiver.endpoint()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    // Unmeasured first: the receiver's parser and both ends' JIT warm up, connections open.
    feed(client, post, clients, Duration.ofMillis(Math.min(2_000, window.toMillis())));
    receiver.reset();
    long start = System.nanoTime();
    long failures = feed(client, post, clients, window);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long received = receiver.stats().recordsReceived();
    return String.format(
        "receiver ceiling: %,.0f records/s (%,d records in %.1f s, %d clients x "
            + "%d-record protobuf POSTs of %,d bytes, %d failed requests)",
        received / elapsed, received, elapsed, clients, RECORDS_PER_REQUEST, body.length, failures);
  }

  /** POSTs back-to-back from {@code clients} threads for {@code window}; returns failures. */
  private static long feed(HttpClient client, HttpRequest post, int clients, Duration window)
      throws InterruptedException {
    LongAdder failures = new LongAdder();
    long end = System.nanoTime() + window.toNanos();
    Thread[] threads = new Thread[clients];
    for (int i = 0; i < clients; i++) {
      threads[i] =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    if (client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode()
                        != 200) {
                      failures.increment();
                    }
                  } catch (Exception e) {
                    failures.increment();
                  }
                }
              },
              "receiver-ceiling-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    for (Thread thread : threads) {
      // A request has a 10 s timeout, so each thread ends within the window plus that.
      thread.join(window.toMillis() + 15_000);
    }
    return failures.sum();
  }

  private static ExportLogsServiceRequest request() {
    ScopeLogs.Builder scope =
        ScopeLogs.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("com.example.Checkout"));
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(now + i)
              .setObservedTimeUnixNano(now + i)
              .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
              .setSeverityText("INFO")
              .setBody(AnyValue.newBuilder().setStringValue("user alice did checkout"))
              .addAttributes(attribute("thread.name", "worker-" + (i % 4)))
              .addAttributes(attribute("request.id", "3f2a9c")));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
