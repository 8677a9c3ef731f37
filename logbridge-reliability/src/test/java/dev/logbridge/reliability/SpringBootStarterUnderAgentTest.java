package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.agentboot.AgentBootApplication;
import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import dev.logbridge.reliability.AgentProcess.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * logbridge-spring-boot-starter in a Spring Boot 3.5 application ({@link AgentBootApplication})
 * under the OpenTelemetry Java agent, in a JVM of its own exporting to the embedded receiver on
 * 127.0.0.1, counted by content at the receiver: every record, from "Starting ..." to the last
 * bean's {@code destroy()}, arrives exactly once, those inside the span with its trace id. With
 * the agent's defaults the agent bridges and the starter's appender steps aside, counting what
 * it leaves as {@code handed_to_agent}; with the agent's Logback and JUL bridges off (Spring
 * Boot routes JUL into Logback through jul-to-slf4j), logbridge bridges into the agent's SDK,
 * without the agent's MDC keys as attributes.
 *
 * <p>Each run takes about 10 s here; the bounds (120 s for the JVM, as {@link JavaAgentTest}'s)
 * are for a loaded machine, where Spring Boot's start under the agent slows down most.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SpringBootStarterUnderAgentTest {
  private static final Pattern TRACE_ID = Pattern.compile("trace_id=([0-9a-f]{32})");
  private static final Duration DELIVERY = Duration.ofSeconds(30);
  private static final String[] AGENT_MDC_KEYS = {"trace_id", "span_id", "trace_flags"};
  private static final String LOGBACK_OFF = "-Dotel.instrumentation.logback-appender.enabled=false";
  private static final String JUL_OFF = "-Dotel.instrumentation.java-util-logging.enabled=false";

  @TempDir Path dir;

  /**
   * The class path of an application on spring-boot-starter: this module's, without Log4j 2
   * (there for the other scenarios), which would take Spring's own logging (spring-jcl prefers
   * the Log4j API unless log4j-to-slf4j is present) away from Logback.
   */
  private static boolean springBootClassPath(String entry) {
    String name = Path.of(entry).getFileName().toString();
    return !name.startsWith("log4j-api-") && !name.startsWith("log4j-core-");
  }

  private Run runUnderAgent(OtlpReceiver receiver, List<String> agentFlags) throws Exception {
    return AgentProcess.run(
        dir,
        receiver,
        agentFlags,
        SpringBootStarterUnderAgentTest::springBootClassPath,
        AgentBootApplication.class,
        120);
  }

  @Test
  void withTheAgentsDefaultsTheAgentBridgesAndTheStarterStepsAside() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().host("127.0.0.1").build().start()) {
      Run run = runUnderAgent(receiver, List.of());

      List<ReceivedLogRecord> records = assertEachRecordOnce(receiver, run);
      assertThat(run.accepted()).as("logbridge bridged nothing").isZero();
      assertThat(run.handedToAgent())
          .as("what the appender left to the agent:%n%s", run.stdout)
          .isEqualTo(records.size());
      assertThat(run.stderr).contains("steps aside").contains(LOGBACK_OFF);
    }
  }

  @Test
  void withTheAgentsBridgesOffLogbridgeBridgesIntoTheAgentsSdk() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().host("127.0.0.1").build().start()) {
      Run run = runUnderAgent(receiver, List.of(LOGBACK_OFF, JUL_OFF));

      List<ReceivedLogRecord> records = assertEachRecordOnce(receiver, run);
      assertThat(run.accepted())
          .as("every record arrived through logbridge:%n%s", run.stdout)
          .isEqualTo(records.size());
      assertThat(run.stdout)
          .as("nothing handed to the agent (the summary shows only non-zero)")
          .doesNotContain("handed_to_agent=");
      assertThat(run.stdout).contains("installed=true");
      // The application's own MDC entry is captured; the agent's keys are not.
      assertThat(records)
          .filteredOn(r -> r.body().startsWith("inside-span-"))
          .allSatisfy(r -> assertThat(r.attributes()).containsEntry("user", "alice"));
      assertThat(run.stderr).doesNotContain("steps aside").doesNotContain("exported twice");
    }
  }

  /**
   * Every record the receiver holds has a body of its own (nothing twice), the application's are
   * all there, those in the span carry its trace id and the others none, and no record has the
   * agent's MDC keys as attributes. Returns every record received.
   */
  private static List<ReceivedLogRecord> assertEachRecordOnce(OtlpReceiver receiver, Run run) {
    Matcher traceId = TRACE_ID.matcher(run.stdout);
    assertThat(traceId.find()).as("the span's trace id on stdout:%n%s", run.stdout).isTrue();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < AgentBootApplication.OUTSIDE; i++) {
      expected.add("outside-span-" + i);
    }
    for (int i = 0; i < AgentBootApplication.INSIDE; i++) {
      expected.add("inside-span-" + i);
    }
    expected.add(AgentBootApplication.ON_CLOSE);
    expected.add(AgentBootApplication.ON_DESTROY);
    // The startup lines too; the agent flushes at exit, so all is there once the JVM is gone.
    List<ReceivedLogRecord> records = receiver.awaitRecords(expected.size() + 2, DELIVERY);
    String context = String.format("stdout:%n%s%nstderr:%n%s", run.stdout, run.stderr);

    Map<String, Long> counts =
        records.stream()
            .collect(Collectors.groupingBy(ReceivedLogRecord::body, Collectors.counting()));
    assertThat(counts)
        .as(context)
        .allSatisfy((body, count) -> assertThat(count).as(body).isEqualTo(1))
        .containsKeys(expected.toArray(new String[0]));
    assertThat(counts.keySet())
        .as(context)
        .anyMatch(b -> b.startsWith("Starting AgentBootApplication"))
        .anyMatch(b -> b.startsWith("Started AgentBootApplication"));

    Map<String, ReceivedLogRecord> byBody =
        records.stream().collect(Collectors.toMap(ReceivedLogRecord::body, Function.identity()));
    for (String body : expected) {
      ReceivedLogRecord record = byBody.get(body);
      assertThat(record.scopeName()).isEqualTo(AgentBootApplication.LOGGER);
      if (body.startsWith("inside-span-")) {
        assertThat(record.traceId()).as(body).isEqualTo(traceId.group(1));
      } else {
        assertThat(String.valueOf(record.traceId())).as(body).matches("(null|0*)");
      }
    }
    assertThat(records)
        .allSatisfy(
            r -> assertThat(r.attributes()).as(r.body()).doesNotContainKeys(AGENT_MDC_KEYS));
    return records;
  }
}
