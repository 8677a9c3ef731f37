package dev.logbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's smoke check of the benchmark module: one short iteration of each adapter benchmark runs to
 * completion in this JVM, and the caller-allocation profiler reports for each. It asserts that the benchmarks work, never how fast they are: timings
 * on a shared CI machine mean nothing, and figures come from {@code ./bench} on an idle one.
 */
@Timeout(180)
class BenchmarkSmokeTest {

  @Test
  void oneIterationOfEachAdapterBenchmarkRuns() throws RunnerException {
    Collection<RunResult> results =
        run(
            oneShortIteration(1)
                .include(
                    "(LogbackAppenderBenchmark|Log4jAppenderBenchmark|JulHandlerBenchmark)\\.info$")
                .param("appender", "logbridge")
                .param("handler", "logbridge")
                .param("captureMdc", "false")
                .param("captureContextData", "false")
                .addProfiler(CallerAllocationProfiler.class));

    assertThat(results).hasSize(3);
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.getPrimaryResult().getSampleCount()).isPositive();
              // Every framework allocates its event on the calling thread: the profiler must see
              // it.
              assertThat(r.getSecondaryResults().get("caller.alloc.norm").getScore()).isPositive();
              // And the calling threads ran: the profiler must see their CPU time.
              assertThat(r.getSecondaryResults().get("caller.cpu.norm").getScore()).isPositive();
            });
  }

  @Test
  void theAppendersOutsideTheDefaultListRun() throws RunnerException {
    // logbridge on its own processor, and the thin-append experiment (ThinAppenders).
    Collection<RunResult> results =
        run(
            oneShortIteration(1)
                .include("LogbackAppenderBenchmark\\.info$")
                .param(
                    "appender",
                    LogbackAppenderBenchmark.LOGBRIDGE_PIPELINE,
                    "escape-thin",
                    "logbridge-thin")
                .param("captureMdc", "false"));

    assertThat(results)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getSampleCount()).isPositive());
  }

  @Test
  void everyHandOffVariantRunsWithAndWithoutAConsumer() throws RunnerException {
    Collection<RunResult> results =
        run(oneShortIteration(2).include("HandOffBenchmark\\.handOff$"));

    assertThat(results).hasSize(9); // 3 hand-offs x consumer napping / spinning / none
    assertThat(results)
        .allSatisfy(r -> assertThat(r.getPrimaryResult().getSampleCount()).isPositive());
  }

  /** In this JVM, no warm-up, one 200 ms iteration: enough to show a benchmark runs. */
  private static ChainedOptionsBuilder oneShortIteration(int threads) {
    return new OptionsBuilder()
        .forks(0)
        .threads(threads)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200));
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
    return new Runner(options.build()).run();
  }
}
