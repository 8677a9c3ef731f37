package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 10,000-thread dump, as text and as JSON, with a cycle, a hot lock and a wait chain among idle pool workers, is
 * read completely and diagnosed right. Its cost is measured by {@code DoctorAnalysisBenchmark} and by cold command
 * line runs (README), not here.
 */
@ExtendWith(DumpThreadsOnTimeout.class)
class LargeDumpTest {
  private static final int THREADS = SyntheticDumps.THREADS;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tenThousandThreadsOfTextAreAllReadAndTheDeadlockIsFound() {
    Diagnosis d = analyse(SyntheticDumps.text());

    assertThat(d.threadCount()).isEqualTo(THREADS);
    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings())
        .extracting(Finding::kind)
        .contains(Finding.Kind.DEADLOCK, Finding.Kind.HOT_LOCK, Finding.Kind.WAIT_CHAIN);
    assertThat(d.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.HOT_LOCK)
        .singleElement()
        .satisfies(
            f -> assertThat(f.threads()).hasSize(500).startsWith("hot-waiter-0", "hot-waiter-1"));
    // Idle workers share one body of text; each must still be a thread of its own with its stack
    // and lock.
    assertThat(d.groups().get(0).count()).isEqualTo(THREADS - 505);
    assertThat(d.groups().get(0).threadNames())
        .startsWith("pool-1-thread-505", "pool-1-thread-506");
    assertThat(d.groups().get(0).frames()).hasSize(7);
    assertThat(d.edges())
        .filteredOn(e -> e.waiter().equals("pool-1-thread-9999"))
        .singleElement()
        .satisfies(e -> assertThat(e.lock().id()).isEqualTo("0x0f"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tenThousandThreadsOfJsonAreAllReadAndTheDeadlockIsFound() {
    Diagnosis d = analyse(SyntheticDumps.json());

    assertThat(d.threadCount()).isEqualTo(THREADS);
    assertThat(d.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(d.findings())
        .extracting(Finding::kind)
        .contains(Finding.Kind.DEADLOCK, Finding.Kind.HOT_LOCK);
    assertThat(d.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.DEADLOCK)
        .singleElement()
        .satisfies(f -> assertThat(f.threads()).containsExactly("cycle-a", "cycle-b"));
    assertThat(d.groups().get(0).count()).isEqualTo(THREADS - 503);
  }

  private static Diagnosis analyse(String text) {
    return Analyzer.defaults().analyze(ThreadDumpParser.autoDetect().parse(text));
  }
}
