package dev.logbridge.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Empty Maven projects filled with README snippets, built offline against this reactor's
 * artifacts in one Maven run.
 *
 * <p>Each quick start becomes one standalone project (its own pom.xml, no parent of ours) under
 * a throwaway aggregator, which only saves starting Maven once per project. The build uses
 * {@code target/local-repo} (this reactor's artifacts, put there by maven-invoker-plugin's install
 * goal) as its local repository, and a settings file that mirrors every remote repository to the
 * outer build's local repository as a {@code file:} URL: nothing can come from the network, and
 * nothing is written to the shared local repository.
 *
 * <p>Not thread-safe: one instance per test class, used from its set-up.
 */
final class ScratchBuild {
  /** Properties the module's pom passes to the tests. */
  static String setting(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank() || value.contains("${")) {
      throw new IllegalStateException(
          "system property "
              + key
              + " is not set (run through Maven:"
              + " mvn -B -pl logbridge-readme-tests -am verify)");
    }
    return value;
  }

  private final Path root;
  private final Map<String, Path> projects = new LinkedHashMap<>();

  ScratchBuild(Path root) {
    this.root = root;
  }

  /** Writes a project named {@code name} with {@code pom} and the other {@code files} (path to text). */
  Path addProject(String name, String pom, Map<String, String> files) {
    Path dir = root.resolve(name);
    write(dir.resolve("pom.xml"), pom);
    files.forEach((path, text) -> write(dir.resolve(path), text));
    projects.put(name, dir);
    return dir;
  }

  /**
   * Compiles every project and writes each one's runtime class path to
   * {@code target/classpath.txt}.
   *
   * @return Maven's exit code and output
   */
  Processes.Result build(Duration deadline) throws IOException, InterruptedException {
    StringBuilder modules = new StringBuilder();
    projects
        .keySet()
        .forEach(name -> modules.append("    <module>").append(name).append("</module>\n"));
    write(
        root.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example.readme</groupId>
          <artifactId>scratch-aggregator</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <modules>
        %s  </modules>
        </project>
        """
            .formatted(modules));
    Path externalRepo = Path.of(setting("readme.externalRepo")).toAbsolutePath();
    write(
        root.resolve("settings.xml"),
        """
        <settings>
          <offline>true</offline>
          <mirrors>
            <mirror>
              <id>outer-build-local-repo</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """
            .formatted(externalRepo.toUri()));

    String mavenHome = setting("readme.mavenHome");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(mavenHome, "bin", isWindows() ? "mvn.cmd" : "mvn").toString(),
                "-B",
                "-o",
                "-e",
                "-s",
                root.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + Path.of(setting("readme.localRepo")).toAbsolutePath(),
                // Offline mode blocks every remote repository unless its protocol is named here;
                // the
                // only one is the file: mirror above.
                "-Daether.offline.protocols=file",
                "-Dmdep.outputFile=target/classpath.txt",
                "-Dmdep.includeScope=runtime",
                "compile",
                "org.apache.maven.plugins:maven-dependency-plugin:"
                    + setting("readme.dependencyPlugin.version")
                    + ":build-classpath"));
    Map<String, String> env =
        Map.of(
            "JAVA_HOME",
            System.getProperty("java.home"),
            // A short-lived Maven: C1 only and one GC thread start faster on two shared cores.
            "MAVEN_OPTS",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m");
    return Processes.run(command, root, env, root.resolve("maven-build.log"), deadline);
  }

  /** The class path to run project {@code name}: its classes, then its runtime dependencies. */
  String classPath(String name) throws IOException {
    Path dir = projects.get(name);
    String dependencies =
        Files.readString(dir.resolve("target/classpath.txt"), StandardCharsets.UTF_8).strip();
    return dir.resolve("target/classes") + java.io.File.pathSeparator + dependencies;
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").startsWith("Windows");
  }
}
