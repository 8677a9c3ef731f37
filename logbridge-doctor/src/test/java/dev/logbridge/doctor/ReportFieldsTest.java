package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each edge of a cycle names waiter, lock, owner and both frames, in text and in --json; advice fits the dump. */
class ReportFieldsTest {

  @Test
  void aDeadlockFindingCarriesItsLockOwnerAndFramesInJson() {
    Diagnosis d = Analyzer.defaults().analyze(Dumps.parse("sync-cycle-jdk17-l.txt"));
    Finding cycle = d.findings(Finding.Kind.DEADLOCK).get(0);

    assertThat(cycle.lock()).isNotNull();
    assertThat(cycle.owner()).isIn("mon-a", "mon-b");
    assertThat(cycle.ownerFrame()).isNotNull();
    assertThat(cycle.chain())
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.waiterFrame()).startsWith("HangChild.lambda$syncCycle$");
              assertThat(e.ownerLockedAt()).startsWith("HangChild.lambda$syncCycle$");
              assertThat(e.lock().className()).startsWith("example.hang.HangChild$Lock");
            });

    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) MiniJson.parse(d.toJson());
    @SuppressWarnings("unchecked")
    Map<String, Object> finding = ((List<Map<String, Object>>) json.get("findings")).get(0);
    assertThat(finding.get("kind")).isEqualTo("DEADLOCK");
    assertThat(finding.get("lock")).isNotNull();
    assertThat(finding.get("owner")).isNotNull();
    assertThat(finding.get("ownerFrame")).isNotNull();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> chain = (List<Map<String, Object>>) finding.get("chain");
    assertThat(chain)
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e)
                    .containsKeys(
                        "waiter",
                        "waiterFrame",
                        "lock",
                        "lockClass",
                        "owner",
                        "ownerLockedAt",
                        "ownerFrame")
                    .doesNotContainValue(null));
  }

  @Test
  void theOwnersFrameSkipsJdkParkFramesAndTheTextReportNamesEveryEdge() {
    Diagnosis d = Analyzer.defaults().analyze(Dumps.parse("lock-cycle-jdk17-l.txt"));
    Finding cycle = d.findings(Finding.Kind.DEADLOCK).get(0);

    assertThat(cycle.chain())
        .allSatisfy(
            e -> {
              assertThat(e.waiterFrame())
                  .doesNotStartWith("Unsafe.")
                  .doesNotStartWith("LockSupport.")
                  .doesNotStartWith("AbstractQueuedSynchronizer")
                  .doesNotStartWith("ReentrantLock");
              assertThat(e.ownerFrame())
                  .isNotNull()
                  .doesNotStartWith("Unsafe.")
                  .doesNotStartWith("LockSupport.");
            });
    assertThat(cycle.message())
        .contains("`rl-a` in `", "`rl-b` in `", "held by `rl-a`", "held by `rl-b`");
  }

  @Test
  void unknownMonitorOwnerAdviceFitsTheJdkOfTheDump() {
    String blocked =
        "\"waiter\" #12 prio=5 tid=0x1 nid=0x2 waiting for monitor entry  [0x3]\n"
            + "   java.lang.Thread.State: BLOCKED (on object monitor)\n"
            + "\tat com.example.Registry.lookup(Registry.java:5)\n"
            + "\t- waiting to lock <0x0a> (a com.example.Registry)\n";
    String jdk8 =
        "Full thread dump Java HotSpot(TM) 64-Bit Server VM (25.181-b13 mixed mode):\n\n" + blocked;
    String jdk25 =
        "Full thread dump OpenJDK 64-Bit Server VM (25.0.3+9-LTS mixed mode, sharing):\n\n"
            + blocked;

    Diagnosis old = Analyzer.defaults().analyze(ThreadDumpParser.hotSpotText().parse(jdk8));
    Diagnosis recent = Analyzer.defaults().analyze(ThreadDumpParser.hotSpotText().parse(jdk25));

    assertThat(old.verdict()).isEqualTo(Verdict.CANNOT_TELL);
    assertThat(String.join(" ", old.missingEvidence()))
        .doesNotContain("virtual")
        .contains("released");
    assertThat(String.join(" ", recent.missingEvidence())).contains("unmounted virtual thread");
  }
}
