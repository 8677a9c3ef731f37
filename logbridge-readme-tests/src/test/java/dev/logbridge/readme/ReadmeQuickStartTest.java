package dev.logbridge.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logbridge.receiver.OtlpReceiver;
import dev.logbridge.receiver.ReceivedLogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's quick starts, pasted into empty Maven projects, built offline against this
 * reactor's artifacts and run against the embedded receiver, which must receive what each one logs.
 *
 * <p>What comes from the README, between its snippet markers: for Logback, java.util.logging and
 * Log4j 2 the pom.xml content (BOM and dependencies), the framework's configuration file and
 * {@code Main.java}; for Spring Boot the starter dependency, added to a project as Spring
 * Initializr makes one, with a {@code main} of the test's, run with the variables the README
 * exports; for the receiver, its {@code java -jar} command. What the test adds: the pom's
 * coordinates, Java 17, plugin versions the offline build has (a user's online build picks its
 * own), and the receiver's address in place of the README's {@code http://localhost:4318} (read
 * from a system property in {@code Main}, so that one build serves receivers on any port).
 */
@Timeout(value = 300)
class ReadmeQuickStartTest {
  private static final String README_ENDPOINT = "http://localhost:4318";
  private static final String README_ENDPOINT_LITERAL = "\"" + README_ENDPOINT + "/v1/logs\"";
  private static final String ENDPOINT_PROPERTY = "readme.endpoint";
  private static final Duration BUILD_DEADLINE = Duration.ofMinutes(4);
  private static final Duration RUN_DEADLINE = Duration.ofSeconds(90);

  private static OtlpReceiver receiver;
  private static ScratchBuild build;
  private static Path scratch;
  private static Map<String, String> springBootEnvironment;
  private static String receiverCommand;

  @BeforeAll
  static void buildEveryQuickStart() throws IOException, InterruptedException {
    ReadmeSnippets snippets =
        ReadmeSnippets.parse(
            Files.readString(Path.of(ScratchBuild.setting("readme.file")), StandardCharsets.UTF_8));
    receiver = OtlpReceiver.builder().host("127.0.0.1").port(0).build().start();

    scratch = Path.of(ScratchBuild.setting("readme.scratchDir"));
    ScratchBuild.deleteRecursively(scratch);
    build = new ScratchBuild(scratch);
    for (String quickStart : List.of("logback", "jul", "log4j2")) {
      Map<String, String> files = new LinkedHashMap<>(snippets.files(quickStart));
      String pom = plainProjectPom(quickStart, files.remove("pom.xml"));
      String main = files.get("src/main/java/Main.java");
      assertThat(main).as("the %s quick start's Main.java", quickStart).isNotNull();
      assertThat(main.split(Pattern.quote(README_ENDPOINT_LITERAL), -1))
          .as(
              "the %s quick start's Main.java sends to %s, once",
              quickStart, README_ENDPOINT_LITERAL)
          .hasSize(2);
      files.put(
          "src/main/java/Main.java",
          main.replace(
              README_ENDPOINT_LITERAL, "System.getProperty(\"" + ENDPOINT_PROPERTY + "\")"));
      build.addProject(quickStart, pom, files);
    }
    build.addProject(
        "spring-boot",
        springBootProjectPom(snippets.file("spring-boot", "pom.xml")),
        Map.of("src/main/java/com/example/demo/DemoApplication.java", SPRING_BOOT_MAIN));
    springBootEnvironment =
        exports(snippets.file("spring-boot", "env.sh"), "http://127.0.0.1:" + receiver.port());
    receiverCommand = snippets.file("receiver", "run.sh");

    Processes.Result result = build.build(BUILD_DEADLINE);
    assertThat(result.exitCode())
        .as("offline Maven build of the README quick starts in %s:%n%s", scratch, result.tail(80))
        .isZero();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @BeforeEach
  void clearReceiver() {
    receiver.reset();
  }

  @Test
  void logbackQuickStartDeliversItsRecord() throws Exception {
    Processes.Result run =
        runMain("logback", List.of(endpointProperty(receiver.endpoint())), Map.of(), "Main");
    assertDelivered(run, "Main", 9, "Hello from Logback, order 42");
  }

  @Test
  void julQuickStartDeliversItsRecord() throws Exception {
    Path config = scratch.resolve("jul/logging.properties");
    Processes.Result run =
        runMain(
            "jul",
            List.of(
                endpointProperty(receiver.endpoint()), "-Djava.util.logging.config.file=" + config),
            Map.of(),
            "Main");
    assertDelivered(run, "Main", 9, "Hello from java.util.logging, order 42");
  }

  @Test
  void log4j2QuickStartDeliversItsRecord() throws Exception {
    Processes.Result run =
        runMain("log4j2", List.of(endpointProperty(receiver.endpoint())), Map.of(), "Main");
    assertDelivered(run, "Main", 9, "Hello from Log4j 2, order 42");
  }

  @Test
  void receiverRunWithTheReadmesJavaJarCommandPrintsTheLogbackQuickStartsRecord() throws Exception {
    Path repository = Path.of(ScratchBuild.setting("readme.file")).toAbsolutePath().getParent();
    List<String> command = ReceiverProcess.javaJarCommand(receiverCommand, repository);
    command.addAll(List.of("--port", "0")); // 4318 may be taken on a shared machine
    try (ReceiverProcess standalone =
        ReceiverProcess.start(command, scratch.resolve("receiver.log"))) {
      String endpoint = standalone.awaitEndpoint(Duration.ofSeconds(60));
      runMain("logback", List.of(endpointProperty(endpoint)), Map.of(), "Main");
      String line =
          standalone.awaitLineContaining("Hello from Logback, order 42", Duration.ofSeconds(30));
      assertThat(line).as("the receiver's --print line").contains("[Main]").contains("INFO");
    }
  }

  private static String endpointProperty(String endpoint) {
    return "-D" + ENDPOINT_PROPERTY + "=" + endpoint;
  }

  @Test
  void springBootStarterDeliversTheApplicationsRecords() throws Exception {
    // Step 2 of the README without Actuator: the starter builds the SDK from the OTEL_* variables
    // the README exports, plus the two it names for the receiver, which takes logs only.
    Map<String, String> env = new LinkedHashMap<>(springBootEnvironment);
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.put("OTEL_METRICS_EXPORTER", "none");
    Processes.Result run =
        runMain("spring-boot", List.of(), env, "com.example.demo.DemoApplication");
    assertDelivered(run, "com.example.demo.DemoApplication", 9, "Hello from Spring Boot, order 42");
    assertThat(receiver.records())
        .as("Spring Boot's own start-up line, exported too")
        .anySatisfy(r -> assertThat(r.body()).startsWith("Started DemoApplication in"));
  }

  private static Processes.Result runMain(
      String project, List<String> jvmArgs, Map<String, String> env, String mainClass)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(build.classPath(project));
    command.add(mainClass);
    Path dir = scratch.resolve(project);
    Processes.Result result =
        Processes.run(command, dir, env, dir.resolve("run.log"), RUN_DEADLINE);
    assertThat(result.exitCode())
        .as("exit code of %s; output:%n%s", project, result.tail(60))
        .isZero();
    return result;
  }

  private static void assertDelivered(
      Processes.Result run, String scope, int severity, String body) {
    // The app has ended, and its SDK was closed before that: whatever was exported has arrived.
    List<ReceivedLogRecord> records = receiver.records();
    assertThat(records)
        .as(
            "records at the receiver with body \"%s\" (all received: %s); the app printed:%n%s",
            body, records, run.tail(60))
        .filteredOn(r -> body.equals(r.body()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.scopeName()).isEqualTo(scope);
              assertThat(r.severityNumber()).isEqualTo(severity);
              assertThat(r.attributes()).containsKey("thread.name");
            });
    assertThat(run.output())
        .as("logbridge's notices on standard error")
        .doesNotContain("logbridge WARN", "logbridge ERROR");
  }

  /**
   * The variables of {@code export NAME=VALUE} lines, the README's endpoint replaced by
   * {@code endpoint}; any other line is an error, so the test cannot miss a step.
   */
  private static Map<String, String> exports(String script, String endpoint) {
    Map<String, String> env = new LinkedHashMap<>();
    script
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .forEach(
            line -> {
              assertThat(line)
                  .as("a line of the Spring Boot quick start's environment")
                  .matches("export [A-Z_]+=\\S+");
              String assignment = line.substring("export ".length());
              int equals = assignment.indexOf('=');
              env.put(
                  assignment.substring(0, equals),
                  assignment.substring(equals + 1).replace(README_ENDPOINT, endpoint));
            });
    assertThat(env)
        .as("the Spring Boot quick start's environment")
        .containsKey("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
        .as("its endpoint, pointed at the receiver")
        .isEqualTo(endpoint);
    return env;
  }

  /** The README's pom.xml content in an otherwise empty project, as `mvn archetype:generate` makes one. */
  private static String plainProjectPom(String quickStart, String content) {
    assertThat(content).as("the %s quick start's pom.xml snippet", quickStart).isNotNull();
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>quickstart-%s</artifactId>
          <version>1.0-SNAPSHOT</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
        %s
          <build>
            <pluginManagement>
              <plugins>
                <plugin>
                  <artifactId>maven-compiler-plugin</artifactId>
                  <version>%s</version>
                </plugin>
                <plugin>
                  <artifactId>maven-resources-plugin</artifactId>
                  <version>%s</version>
                </plugin>
              </plugins>
            </pluginManagement>
          </build>
        </project>
        """
        .formatted(
            quickStart,
            content,
            ScratchBuild.setting("readme.compilerPlugin.version"),
            ScratchBuild.setting("readme.resourcesPlugin.version"));
  }

  /** A project as Spring Initializr makes one (parent, spring-boot-starter), plus the README's dependency. */
  private static String springBootProjectPom(String dependency) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>%s</version>
            <relativePath/>
          </parent>
          <groupId>com.example</groupId>
          <artifactId>demo</artifactId>
          <version>0.0.1-SNAPSHOT</version>
          <properties>
            <java.version>17</java.version>
          </properties>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter</artifactId>
            </dependency>
        %s
          </dependencies>
        </project>
        """
        .formatted(ScratchBuild.setting("readme.springBoot.version"), dependency);
  }

  private static final String SPRING_BOOT_MAIN =
      """
      package com.example.demo;

      import org.slf4j.Logger;
      import org.slf4j.LoggerFactory;
      import org.springframework.boot.SpringApplication;
      import org.springframework.boot.autoconfigure.SpringBootApplication;
      import org.springframework.context.ConfigurableApplicationContext;

      @SpringBootApplication
      public class DemoApplication {
        private static final Logger log = LoggerFactory.getLogger(DemoApplication.class);

        public static void main(String[] args) {
          try (ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, args)) {
            log.info("Hello from {}, order {}", "Spring Boot", 42);
          }
        }
      }
      """;
}
