package dev.logbridge.benchmarks;

import dev.logbridge.doctor.Analyzer;
import dev.logbridge.doctor.Diagnosis;
import dev.logbridge.doctor.SyntheticDumps;
import dev.logbridge.doctor.ThreadDump;
import dev.logbridge.doctor.ThreadDumpParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What logbridge-doctor's {@code analyze} spends on a 10,000-thread dump: parsing ({@code parse}) and parsing plus
 * the whole analysis ({@code parseAndAnalyse}), for {@code jstack -l} text and for the JDK's JSON dump: the doctor's
 * {@link SyntheticDumps} (a two-thread deadlock, a hot lock with 500 waiters, in the text a two-thread wait chain,
 * idle pool workers), the dumps its {@code LargeDumpTest} checks. Figures before 2026-12-03's second session were
 * taken on a copy of the text dump without the wait chain (2 of 10,000 threads). Baseline: {@code copyText}, one pass over the dump's characters (what any parser pays).
 *
 * <p>Warm (steady state): <pre>java -jar logbridge-benchmarks/target/benchmarks.jar DoctorAnalysisBenchmark</pre>
 * First call in a fresh JVM, which is what a command line run pays (class loading, interpreter, JIT), over 10 forks:
 * <pre>java -jar logbridge-benchmarks/target/benchmarks.jar DoctorAnalysisBenchmark.parseAndAnalyse -bm ss -wi 0 -i 1 -f 10</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DoctorAnalysisBenchmark {
  private static final int THREADS = SyntheticDumps.THREADS;

  @Param({"text", "json"})
  public String format;

  private String dump;

  @Setup
  public void setUp() {
    dump = format.equals("json") ? SyntheticDumps.json() : SyntheticDumps.text();
  }

  @Benchmark
  public ThreadDump parse() {
    return ThreadDumpParser.autoDetect().parse(dump);
  }

  @Benchmark
  public Diagnosis parseAndAnalyse() {
    Diagnosis d = Analyzer.defaults().analyze(ThreadDumpParser.autoDetect().parse(dump));
    if (d.threadCount() != THREADS) {
      throw new IllegalStateException("read " + d.threadCount() + " threads of " + THREADS);
    }
    return d;
  }

  @Benchmark
  public char[] copyText() {
    return dump.toCharArray();
  }
}
