package com.example.greetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import dev.logbridge.spring.boot.LoggingSystemUnderTest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the example service on a random port with the embedded OTLP receiver as its collector,
 * drives it with a real HTTP client, closes it, and checks at the receiver, by content, what
 * logbridge delivered: startup lines from before the OpenTelemetry SDK bean existed, request
 * logs in the server span's trace with their MDC and key-values, the shutdown lines, each
 * record once; and logbridge's counters in {@code /actuator/metrics}.
 */
class ExampleApplicationTest {
  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final LoggingSystemUnderTest LOGGING =
      LoggingSystemUnderTest.current("example.logging");
  private static final Pattern MEASUREMENT = Pattern.compile("\"value\":([0-9.E+-]+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OtlpReceiver collector;

  @BeforeEach
  void startCollector() {
    collector = OtlpReceiver.builder().host("127.0.0.1").build().start();
  }

  @AfterEach
  void stopCollector() {
    // No reset of logbridge between tests: each test runs the application anew in this JVM,
    // as a DevTools restart does, and its startup lines must reach its own collector.
    collector.close();
  }

  @Test
  @Timeout(120)
  void startupRequestAndShutdownLogsArriveOnceWithTheirContext() throws Exception {
    String startingThread = Thread.currentThread().getName();
    ConfigurableApplicationContext app = start();
    Instant startedAt = Instant.now();
    int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

    Map<String, String> traceIdByName = new LinkedHashMap<>();
    for (String name : List.of("ada", "grace", "alan")) {
      String traceId = randomHex(32);
      HttpResponse<String> response = get(port, "/greet/" + name,
          "00-" + traceId + "-" + randomHex(16) + "-01");
      assertThat(response.statusCode()).isEqualTo(200);
      // The server span continued the caller's trace: the controller saw this trace id.
      assertThat(response.body()).contains("\"traceId\":\"" + traceId + "\"");
      traceIdByName.put(name, traceId);
    }
    assertThat(metric(port, "logbridge.records.accepted")).isPositive();
    assertThat(metric(port, "logbridge.records.emitted")).isPositive();
    assertThat(metric(port, "logbridge.records.dropped?tag=reason:queue_full")).isZero();
    assertThat(get(port, "/actuator/health/logbridge", null).body()).contains("\"UP\"");
    // Spring Boot's SDK exports through logbridge's processor, not the SDK's batch processor.
    assertThat(app.getBeansOfType(BatchLogRecordProcessor.class)).isEmpty();
    assertThat(app.getBean(SdkLoggerProvider.class).toString())
        .contains("PipelineBatchProcessor").doesNotContain("BatchLogRecordProcessor");

    app.close();

    List<ReceivedLogRecord> records = awaitBodies(
        "context closing: ContextClosedEvent received",
        "context closing: @PreDestroy of ShutdownLogger");

    ReceivedLogRecord starting = single(records, b -> b.startsWith("Starting ExampleApplication"));
    assertThat(starting.scopeName()).isEqualTo(ExampleApplication.class.getName());
    assertThat(starting.attributes()).containsEntry("thread.name", startingThread);
    assertThat(starting.timestamp()).isBefore(startedAt);
    assertThat(starting.traceId()).as("no span at startup").isIn("", null);
    single(records, b -> b.startsWith("Tomcat initialized with port"));

    traceIdByName.forEach((name, traceId) -> {
      ReceivedLogRecord greeting = single(records, b -> b.equals("greeting " + name));
      assertThat(greeting.traceId()).isEqualTo(traceId);
      assertThat(greeting.spanId()).isNotEmpty();
      assertThat(greeting.scopeName()).isEqualTo(GreetingController.class.getName());
      assertThat(greeting.attributes()).containsEntry("customer", name);
      long length = ("Hello, " + name + "!").length();
      if (LOGGING == LoggingSystemUnderTest.LOGBACK) {
        // Typed: logbridge keeps SLF4J key-values' types.
        assertThat(greeting.attributes())
            .containsEntry("greeting.length", length)
            .containsEntry("greeting.polite", true);
      } else {
        // log4j-slf4j2-impl turns SLF4J key-values into context data, which holds strings.
        assertThat(greeting.attributes())
            .containsEntry("greeting.length", String.valueOf(length))
            .containsEntry("greeting.polite", "true");
      }
    });

    assertNoRecordTwice(records);
  }

  @Test
  @Timeout(120)
  void anAppenderDeclaredInTheLoggingConfigurationIsTheOnlyOne() throws Exception {
    ConfigurableApplicationContext app = start("--logging.config=" + declaredConfig());
    assertThat(LOGGING.logbridgeAppenderNames()).containsExactly("OTEL");
    int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    String traceId = randomHex(32);
    assertThat(get(port, "/greet/edsger", "00-" + traceId + "-" + randomHex(16) + "-01")
        .statusCode()).isEqualTo(200);

    app.close();

    List<ReceivedLogRecord> records = awaitBodies(
        "greeting edsger", "context closing: @PreDestroy of ShutdownLogger");
    assertThat(single(records, b -> b.equals("greeting edsger")).traceId()).isEqualTo(traceId);
    single(records, b -> b.startsWith("Starting ExampleApplication"));
    assertNoRecordTwice(records);
  }

  @Test
  @Timeout(120)
  void withoutADeclarationTheStarterAttachesExactlyOne() {
    // (Each test runs the application anew, and Spring Boot re-initialises logging each time.)
    ConfigurableApplicationContext app = start();
    try {
      assertThat(LOGGING.logbridgeAppenderNames()).containsExactly("LOGBRIDGE_SPRING_BOOT");
    } finally {
      app.close();
    }
  }

  private ConfigurableApplicationContext start(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--management.otlp.logging.endpoint=" + collector.endpoint()));
    args.addAll(List.of(extraArgs));
    return new SpringApplicationBuilder(ExampleApplication.class)
        .main(ExampleApplication.class) // as when run from its own main(), not the test runner
        .run(args.toArray(new String[0]));
  }

  /** Waits until every one of {@code bodies} has arrived; returns all records received. */
  private List<ReceivedLogRecord> awaitBodies(String... bodies) {
    return await().atMost(DELIVERY).until(collector::records,
        records -> records.stream().map(ReceivedLogRecord::body).collect(Collectors.toSet())
            .containsAll(List.of(bodies)));
  }

  private static ReceivedLogRecord single(List<ReceivedLogRecord> records,
      java.util.function.Predicate<String> body) {
    List<ReceivedLogRecord> matching = new ArrayList<>();
    for (ReceivedLogRecord record : records) {
      if (record.body() != null && body.test(record.body())) {
        matching.add(record);
      }
    }
    assertThat(matching).as("records matching among %s bodies", records.size()).hasSize(1);
    return matching.get(0);
  }

  /** A record is its time, thread, logger and body: two equal ones were exported twice. */
  static void assertNoRecordTwice(List<ReceivedLogRecord> records) {
    Function<ReceivedLogRecord, String> identity = r -> r.timeUnixNano() + "|"
        + r.attributes().get("thread.name") + "|" + r.scopeName() + "|" + r.body();
    Map<String, Long> counts = records.stream()
        .collect(Collectors.groupingBy(identity, Collectors.counting()));
    assertThat(counts).allSatisfy((record, count) -> assertThat(count).as(record).isEqualTo(1));
  }

  private double metric(int port, String nameAndQuery) throws Exception {
    String body = get(port, "/actuator/metrics/" + nameAndQuery, null).body();
    Matcher value = MEASUREMENT.matcher(body);
    assertThat(value.find()).as(body).isTrue();
    return Double.parseDouble(value.group(1));
  }

  private HttpResponse<String> get(int port, String path, String traceparent) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String randomHex(int digits) {
    StringBuilder hex = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
    }
    return hex.toString();
  }

  /** A configuration that declares a logbridge appender named OTEL on the root logger. */
  private static String declaredConfig() {
    return LOGGING == LoggingSystemUnderTest.LOGBACK
        ? "classpath:logback-declared.xml" : "classpath:log4j2-declared.xml";
  }
}
