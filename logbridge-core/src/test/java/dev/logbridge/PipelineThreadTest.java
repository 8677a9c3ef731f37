package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PipelineThreadTest {
  private final ByteArrayOutputStream statusOut = new ByteArrayOutputStream();
  private final StatusChannel status =
      new StatusChannel(
          Duration.ofSeconds(1),
          System::nanoTime,
          new PrintStream(statusOut, true, StandardCharsets.UTF_8));

  @Test
  void idleTasksRunOnceEachContainedAndTheEarliestWakeUpWins() throws Exception {
    List<String> ran = new ArrayList<>();
    AtomicReference<Long> next = new AtomicReference<>();
    PipelineThread.IdleTask late =
        (now, stopping) -> {
          ran.add("late " + stopping);
          return 5_000;
        };
    PipelineThread.IdleTask broken =
        (now, stopping) -> {
          throw new IllegalStateException("task bug");
        };
    PipelineThread.IdleTask early =
        (now, stopping) -> {
          ran.add("early " + stopping);
          return 1_000;
        };
    AtomicReference<PipelineThread> self = new AtomicReference<>();
    PipelineThread thread =
        new PipelineThread(
            () -> {
              PipelineThread current = PipelineThread.current();
              self.set(current);
              current.addIdleTask(late);
              current.addIdleTask(broken);
              current.addIdleTask(early);
              current.addIdleTask(late); // registered once only
              next.set(current.runIdleTasks(0, false));
              current.runIdleTasks(0, true);
            },
            "test-pipeline",
            status);

    thread.start();
    thread.join(10_000);

    assertThat(self.get()).isSameAs(thread);
    assertThat(ran).containsExactly("late false", "early false", "late true", "early true");
    assertThat(next.get()).isEqualTo(1_000);
    assertThat(statusOut.toString(StandardCharsets.UTF_8)).contains("task bug");
  }

  @Test
  void aTaskThatIsDoneIsForgotten() throws Exception {
    List<Integer> counts = new ArrayList<>();
    PipelineThread thread =
        new PipelineThread(
            () -> {
              PipelineThread current = PipelineThread.current();
              current.addIdleTask((now, stopping) -> PipelineThread.IdleTask.DONE);
              current.addIdleTask((now, stopping) -> Long.MAX_VALUE);
              counts.add(current.idleTaskCount());
              assertThat(current.runIdleTasks(0, false)).isEqualTo(Long.MAX_VALUE);
              counts.add(current.idleTaskCount());
            },
            "test-pipeline",
            status);

    thread.start();
    thread.join(10_000);

    assertThat(counts).containsExactly(2, 1);
  }

  @Test
  void onlyThePipelineThreadItselfRegistersIdleTasksAndOtherThreadsAreNotPipelines() {
    PipelineThread thread = new PipelineThread(() -> {}, "test-pipeline", status);

    assertThat(PipelineThread.current()).isNull();
    assertThatThrownBy(() -> thread.addIdleTask((now, stopping) -> Long.MAX_VALUE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pipeline thread only");
  }
}
