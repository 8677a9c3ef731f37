package dev.logbridge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the doctor on thread dumps that people pasted into public issue trackers (src/test/resources/corpus: the
 * dump text only, with a sidecar naming its source, the cause its maintainers found, the expected verdict and
 * culprit) and scores it against what the JVM's own deadlock section in the same text says.
 *
 * <p>Each entry must reach its expected verdict and name every culprit, unless its sidecar records a
 * {@code known.gap}: then it must at least not be called healthy or rejected, and the gap is reported.
 */
class RealPasteCorpusTest {
  enum Score {
    RIGHT,
    PARTIAL,
    WRONG
  }

  private static final Map<Score, Integer> DOCTOR = new EnumMap<>(Score.class);
  private static final Map<Score, Integer> JSTACK = new EnumMap<>(Score.class);
  private static final List<String> ROWS = new ArrayList<>();

  static Stream<String> entries() {
    return text("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void theDoctorNamesTheCauseOfARealPaste(String entry) {
    Properties sidecar = sidecar(entry);
    Verdict expected = Verdict.valueOf(sidecar.getProperty("expected.verdict"));
    List<String> culprits = List.of(sidecar.getProperty("expected.culprit").split(","));
    String text = text(entry + ".txt");

    ThreadDump dump = null;
    Diagnosis diagnosis = null;
    try {
      dump = ThreadDumpParser.autoDetect().parse(text);
      diagnosis = Analyzer.defaults().analyze(dump);
    } catch (ThreadDumpFormatException rejected) {
      // scored as wrong below
    }
    Score doctor = score(diagnosis, expected, culprits);
    Score jstack = jstackScore(dump, text, expected, culprits);
    synchronized (ROWS) {
      DOCTOR.merge(doctor, 1, Integer::sum);
      JSTACK.merge(jstack, 1, Integer::sum);
      ROWS.add(
          String.format(
              "| %s | %s | %s | %s | %s |",
              entry,
              expected,
              diagnosis == null ? "rejected (exit 64)" : diagnosis.verdict(),
              doctor,
              jstack));
    }

    assertThat(diagnosis).as(entry + " was rejected").isNotNull();
    String gap = sidecar.getProperty("known.gap");
    if (gap == null) {
      assertThat(diagnosis.verdict()).as(entry + ": " + diagnosis.headline()).isEqualTo(expected);
      assertThat(decisive(diagnosis)).as(entry + " names its culprits").contains(culprits);
    } else {
      assertThat(doctor)
          .as(entry + " (known gap: " + gap + "): " + diagnosis.headline())
          .isNotEqualTo(Score.WRONG);
    }
  }

  /** The text a reader acts on: the findings that decide the verdict, the headline and the missing evidence. */
  private static String decisive(Diagnosis d) {
    StringBuilder sb = new StringBuilder(d.headline()).append('\n');
    for (Finding f : d.findings()) {
      if (f.verdict() == d.verdict() || d.verdict() == Verdict.CANNOT_TELL) {
        sb.append(f.message()).append('\n').append(String.join("\n", f.threads())).append('\n');
        if (f.lock() != null) {
          sb.append(f.lock().id()).append('\n');
        }
      }
    }
    return sb.append(String.join("\n", d.missingEvidence())).toString();
  }

  private static Score score(Diagnosis d, Verdict expected, List<String> culprits) {
    if (d == null || d.verdict() == Verdict.HEALTHY) {
      return Score.WRONG;
    }
    String decisive = decisive(d);
    boolean named = culprits.stream().allMatch(decisive::contains);
    return d.verdict() == expected && named ? Score.RIGHT : Score.PARTIAL;
  }

  /** What a reader of the JVM's own "Found one Java-level deadlock" section in the same text learns. */
  private static Score jstackScore(
      ThreadDump dump, String text, Verdict expected, List<String> culprits) {
    if (!text.contains("which is held by") || dump == null) {
      return Score.WRONG; // silent: the section is absent, so it names nothing
    }
    List<String> named = new ArrayList<>();
    dump.jvmReportedDeadlocks().forEach(named::addAll);
    return expected == Verdict.DEADLOCK && named.containsAll(culprits)
        ? Score.RIGHT
        : Score.PARTIAL;
  }

  @AfterAll
  static void printScoreTable() {
    ROWS.sort(null);
    System.out.println(
        "| paste | expected | doctor verdict | doctor | jstack's deadlock section |");
    System.out.println("|---|---|---|---|---|");
    ROWS.forEach(System.out::println);
    System.out.println("doctor " + DOCTOR + " / jstack " + JSTACK);
  }

  private static Properties sidecar(String entry) {
    Properties p = new Properties();
    try (InputStream in =
        RealPasteCorpusTest.class.getResourceAsStream("/corpus/" + entry + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static String text(String name) {
    try (InputStream in = RealPasteCorpusTest.class.getResourceAsStream("/corpus/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
