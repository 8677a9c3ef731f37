package dev.logbridge.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's two command lines as a user types them from a clone: the README's {@code java -jar}
 * command and the {@code logbridge-doctor/bin/doctor} launcher, each on a dump of a real lock cycle,
 * answering DEADLOCK with its exit code (2).
 */
class DoctorCommandLineTest {
  private static final Pattern README_COMMAND =
      Pattern.compile("`(java -jar logbridge-doctor/target/\\S+-all\\.jar analyze) dump\\.txt`");
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static Path repository;
  private static Path deadlockDump;

  @BeforeAll
  static void findRepository() {
    repository = Path.of(ScratchBuild.setting("readme.file")).toAbsolutePath().getParent();
    deadlockDump =
        repository.resolve("logbridge-doctor/src/test/resources/dumps/lock-cycle-jdk17-l.txt");
    assertThat(deadlockDump)
        .as("a dump the doctor's own tests diagnose as a deadlock")
        .isRegularFile();
  }

  @Test
  void theReadmeCommandNamesTheDeadlock(@TempDir Path work) throws Exception {
    String readme = Files.readString(repository.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher matcher = README_COMMAND.matcher(readme);
    assertThat(matcher.find())
        .as("the README's doctor command, `java -jar ... analyze dump.txt`")
        .isTrue();
    List<String> command =
        new ArrayList<>(ReceiverProcess.javaJarCommand(matcher.group(1), repository));
    command.add(deadlockDump.toString());

    Processes.Result result =
        Processes.run(command, repository, Map.of(), work.resolve("doctor.log"), DEADLINE);

    assertDeadlockNamed(result);
  }

  @Test
  void theLauncherNamesTheDeadlock(@TempDir Path work) throws Exception {
    Path launcher = repository.resolve("logbridge-doctor/bin/doctor");
    assertThat(Files.isExecutable(launcher)).as(launcher + " is executable").isTrue();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Processes.Result result =
        Processes.run(
            List.of(launcher.toString(), "analyze", deadlockDump.toString()),
            work,
            Map.of("JAVA", java),
            work.resolve("doctor.log"),
            DEADLINE);

    assertDeadlockNamed(result);
  }

  @Test
  void theLauncherWithoutAJarSaysHowToBuildOne(@TempDir Path work) throws Exception {
    Path launcher = repository.resolve("logbridge-doctor/bin/doctor");

    Processes.Result result =
        Processes.run(
            List.of(launcher.toString(), "analyze", deadlockDump.toString()),
            work,
            Map.of("DOCTOR_JAR", work.resolve("missing.jar").toString()),
            work.resolve("doctor.log"),
            DEADLINE);

    assertThat(result.exitCode()).as(result.tail(20)).isEqualTo(64);
    assertThat(result.output()).contains("mvn -pl logbridge-doctor -am package");
  }

  private static void assertDeadlockNamed(Processes.Result result) {
    assertThat(result.exitCode())
        .as("exit code for DEADLOCK; output:\n" + result.tail(40))
        .isEqualTo(2);
    assertThat(result.output()).contains("DEADLOCK");
  }
}
