package dev.logbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import dev.logbridge.reliability.AgentProcess.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application ({@link JavaAgentMain}) in a JVM of its own with the OpenTelemetry Java agent
 * attached and exporting to the embedded receiver on 127.0.0.1, counted by content at the
 * receiver: each record logged arrives exactly once, those logged inside the span carry its
 * trace id, and none carries the agent's MDC keys ({@code trace_id}, {@code span_id}, {@code
 * trace_flags}) as attributes. With the agent's defaults its own bridge exports and logbridge
 * steps aside, saying so with the flag; with that flag, logbridge exports.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JavaAgentTest {
  private static final Pattern TRACE_ID = Pattern.compile("trace_id=([0-9a-f]{32})");
  private static final List<String> AGENT_MDC_KEYS = List.of("trace_id", "span_id", "trace_flags");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"logback", "jul", "log4j2", JavaAgentMain.JUL_TO_SLF4J})
  void withTheAgentsDefaultsItsBridgeExportsEachRecordOnceAndLogbridgeStepsAside(String frontend)
      throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      Run run = runWithAgent(receiver, frontend, List.of());

      assertEachRecordOnceWithTheSpansTraceId(receiver, run);
      assertThat(run.accepted()).as("logbridge bridged nothing").isZero();
      // What the adapter left to the agent is counted, as no loss.
      assertThat(run.handedToAgent())
          .as(run.stdout)
          .isGreaterThanOrEqualTo(JavaAgentMain.OUTSIDE + JavaAgentMain.INSIDE);
      assertThat(run.stderr).contains("steps aside").contains(agentBridgeOff(frontend));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"logback", "jul", "log4j2", JavaAgentMain.JUL_TO_SLF4J})
  void withTheAgentsBridgeOffLogbridgeExportsEachRecordOnceWithoutTheAgentsMdcKeys(String frontend)
      throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      Run run = runWithAgent(receiver, frontend, agentBridgesOff(frontend));

      List<ReceivedLogRecord> records = assertEachRecordOnceWithTheSpansTraceId(receiver, run);
      assertThat(run.accepted())
          .as(run.stdout)
          .isEqualTo(JavaAgentMain.OUTSIDE + JavaAgentMain.INSIDE);
      if (!frontend.equals("jul")) {
        // The application's own MDC / ThreadContext entry is still captured; only the agent's
        // keys are left out.
        assertThat(records)
            .filteredOn(r -> r.body().startsWith("inside-span-"))
            .allSatisfy(r -> assertThat(r.attributes()).containsEntry("user", "alice"));
      }
      assertThat(run.stderr).doesNotContain("steps aside");
    }
  }

  /**
   * With jul-to-slf4j, JUL records reach Logback: the agent's JUL bridge must be off too, or it
   * exports them beside logbridge. The Logback appender says so at start, naming the flag; with
   * both flags each record arrives once (the case above).
   */
  @Test
  void withJulToSlf4jAndOnlyTheAgentsLogbackBridgeOffLogbridgeNamesTheJulFlag() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      Run run =
          runWithAgent(receiver, JavaAgentMain.JUL_TO_SLF4J, List.of(agentBridgeOff("logback")));

      assertThat(run.stderr)
          .contains("exported twice")
          .contains("-Dotel.instrumentation.java-util-logging.enabled=false");
    }
  }

  /** An agent switched off bridges nothing, so logbridge does not step aside for it. */
  @Test
  void anAgentSwitchedOffIsNoReasonToStepAside() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.builder().build().start()) {
      Run run = runWithAgent(receiver, "logback", List.of("-Dotel.javaagent.enabled=false"));

      assertThat(run.accepted())
          .as(run.stdout)
          .isEqualTo(JavaAgentMain.OUTSIDE + JavaAgentMain.INSIDE);
      assertThat(run.stderr).doesNotContain("steps aside");
    }
  }

  /** The agent flags that turn its own bridges for {@code frontend} off. */
  private static List<String> agentBridgesOff(String frontend) {
    return frontend.equals(JavaAgentMain.JUL_TO_SLF4J)
        ? List.of(agentBridgeOff("logback"), agentBridgeOff("jul"))
        : List.of(agentBridgeOff(frontend));
  }

  /** The agent flag that turns its own bridge for {@code frontend} off. */
  private static String agentBridgeOff(String frontend) {
    String instrumentation =
        Map.of(
                "logback",
                "logback-appender",
                "jul",
                "java-util-logging",
                "log4j2",
                "log4j-appender",
                JavaAgentMain.JUL_TO_SLF4J,
                "logback-appender")
            .get(frontend);
    return "-Dotel.instrumentation." + instrumentation + ".enabled=false";
  }

  /** Each logged body exactly once; trace ids as logged; no agent MDC key as an attribute. */
  private static List<ReceivedLogRecord> assertEachRecordOnceWithTheSpansTraceId(
      OtlpReceiver receiver, Run run) {
    Matcher traceId = TRACE_ID.matcher(run.stdout);
    assertThat(traceId.find()).as("the span's trace id on stdout:%n%s", run.stdout).isTrue();
    List<ReceivedLogRecord> records =
        receiver.records().stream()
            .filter(r -> r.scopeName().equals(JavaAgentMain.LOGGER))
            .collect(Collectors.toList());
    List<String> expected =
        Stream.concat(
                IntStream.range(0, JavaAgentMain.OUTSIDE).mapToObj(i -> "outside-span-" + i),
                IntStream.range(0, JavaAgentMain.INSIDE).mapToObj(i -> "inside-span-" + i))
            .collect(Collectors.toList());
    assertThat(records)
        .as("stdout:%n%s%nstderr:%n%s", run.stdout, run.stderr)
        .extracting(ReceivedLogRecord::body)
        .containsExactlyInAnyOrderElementsOf(expected);
    Map<String, String> traceIds =
        records.stream()
            .collect(
                Collectors.toMap(
                    ReceivedLogRecord::body, r -> String.valueOf(r.traceId()), (a, b) -> a));
    for (String body : expected) {
      if (body.startsWith("inside-span-")) {
        assertThat(traceIds.get(body)).as(body).isEqualTo(traceId.group(1));
      } else {
        assertThat(traceIds.get(body)).as(body).matches("(null|0*)");
      }
    }
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(r.attributes())
                    .doesNotContainKeys(AGENT_MDC_KEYS.toArray(new String[0])));
    return records;
  }

  private Run runWithAgent(OtlpReceiver receiver, String frontend, List<String> agentFlags)
      throws Exception {
    return AgentProcess.run(dir, receiver, agentFlags, JavaAgentMain.class, 120, frontend);
  }
}
