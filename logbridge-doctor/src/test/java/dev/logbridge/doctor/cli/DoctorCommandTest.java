package dev.logbridge.doctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return DoctorCommand.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path golden(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/dumps/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void exitCodeFollowsTheVerdict() throws IOException {
    assertThat(run("analyze", golden("sync-cycle-jdk17-l.txt").toString())).isEqualTo(2);
    assertThat(run("analyze", golden("logging-io-jdk17-l.txt").toString())).isEqualTo(3);
    assertThat(run("analyze", golden("self-wait-jdk17.txt").toString())).isEqualTo(4);
    assertThat(run("analyze", golden("virtual-cycle-jdk25.json").toString()))
        .as("JSON auto-detected")
        .isEqualTo(2);
    assertThat(out.toString()).contains("VERDICT: DEADLOCK (exit 2)", "VERDICT: STALL (exit 3)");
  }

  @Test
  void healthyDumpExitsZero() throws IOException {
    Path file = dir.resolve("idle.txt");
    Files.writeString(
        file,
        "Full thread dump X (17 mixed mode):\n\n\"main\" #1 prio=5 tid=0x1 nid=0x1 runnable [0x0]\n"
            + "   java.lang.Thread.State: RUNNABLE\n\tat com.example.Main.main(Main.java:1)\n");

    assertThat(run("analyze", file.toString())).isZero();
    assertThat(out.toString()).startsWith("VERDICT: HEALTHY (exit 0)");
  }

  @Test
  void jsonOutputCarriesVerdictFindingsAndGroups() throws IOException {
    int code = run("analyze", "--json", golden("logging-io-jdk17-l.txt").toString());

    assertThat(code).isEqualTo(3);
    assertThat(out.toString().strip())
        .startsWith("{\"verdict\":\"STALL\",\"exitCode\":3,")
        .contains(
            "\"kind\":\"HOT_LOCK\"",
            "\"owner\":\"io-owner\"",
            "\"ownerFrame\":\"Socket$SocketOutputStream.write\"",
            "\"inLogging\":true",
            "\"groups\":[{\"count\":20");
  }

  @Test
  void twoFilesAreComparedForProgress() throws IOException {
    Path file = golden("logging-io-jdk17-l.txt");

    assertThat(run("analyze", file.toString(), file.toString())).isEqualTo(3);
    assertThat(out.toString()).contains("PROGRESS BETWEEN DUMPS", "STUCK  worker-1");
  }

  @Test
  void badInputExits64WithAClearMessage() throws IOException {
    Path junk = dir.resolve("junk.txt");
    Files.writeString(junk, "this is not a thread dump\n");

    assertThat(run("analyze", junk.toString())).isEqualTo(64);
    assertThat(err.toString()).contains("doctor: not a thread dump");
    assertThat(run("analyze", dir.resolve("missing.txt").toString())).isEqualTo(64);
    assertThat(err.toString()).contains("no such file");
    assertThat(run("analyze")).as("missing parameter").isEqualTo(64);
    assertThat(run("pid", "1", "--interval", "soon")).isEqualTo(64);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("analyze", "pid", "Exit codes:", "64");
  }

  @Test
  void thePastedDeadlockReportAloneExitsTwoAndItsJsonNamesEveryEdge() throws IOException {
    Path file = dir.resolve("pasted.txt");
    try (InputStream in = getClass().getResourceAsStream("/corpus/11-dbpool-finalizer.txt")) {
      Files.copy(in, file);
    }

    assertThat(run("analyze", "--json", file.toString())).isEqualTo(2);
    assertThat(out.toString())
        .contains(
            "\"kind\":\"DEADLOCK\"",
            "\"waiter\":\"Finalizer\",\"waiterFrame\":\"CacheConnection.statementClosed\"",
            "\"owner\":\"Finalizer\",\"ownerLockedAt\":\"CacheConnection.recycle\"");
  }

  @Test
  void springBootAndOpenJ9DumpsAreDetectedByTheCommandLine() throws IOException {
    assertThat(run("analyze", golden("spring-boot-deadlock.json").toString())).isEqualTo(2);
    assertThat(run("analyze", golden("spring-boot-deadlock.txt").toString())).isEqualTo(2);
    assertThat(run("analyze", golden("openj9-deadlock-javacore.txt").toString())).isEqualTo(2);
    assertThat(run("analyze", "--json", golden("openj9-healthy-javacore.txt").toString())).isZero();
    assertThat(run("analyze", golden("spring-boot-healthy.json").toString())).isZero();
    assertThat(out.toString())
        .contains(
            "\"source\":\"OPENJ9_JAVACORE\"",
            "held by `orders-worker-1`",
            "held by `http-nio-8080-exec-1`");
  }

  @Test
  void helpForOneCommandAndVersionAnswerWithoutAnalysing() {
    assertThat(run("help", "analyze")).isZero();
    assertThat(out.toString()).contains("Usage: doctor analyze", "Spring Boot", "OpenJ9");
    assertThat(run("pid", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: doctor pid", "--no-locks");
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("logbridge doctor");
    assertThat(run("analyze", "--bogus", "x")).isEqualTo(64);
    assertThat(err.toString()).contains("Unknown option: '--bogus'", "Usage: doctor analyze");
  }
}
