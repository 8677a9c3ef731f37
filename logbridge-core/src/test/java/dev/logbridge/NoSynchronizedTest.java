package dev.logbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of logbridge-core uses {@code synchronized}, neither as a method modifier nor as a
 * block: on JDK 21–23 a virtual thread that blocks inside {@code synchronized} pins its carrier,
 * and logging runs on every application thread. The check disassembles the compiled classes with
 * the JDK's own {@code javap}.
 */
class NoSynchronizedTest {

  @Test
  void coreClassesNeverSynchronize() throws IOException {
    Path classes = Path.of("target", "classes");
    List<String> classFiles;
    try (Stream<Path> files = Files.walk(classes)) {
      classFiles =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .map(Path::toString)
              .collect(Collectors.toList());
    }
    assertThat(classFiles).hasSizeGreaterThan(10);

    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    StringWriter out = new StringWriter();
    String[] args =
        Stream.concat(Stream.of("-c", "-p"), classFiles.stream()).toArray(String[]::new);
    int exit = javap.run(new PrintWriter(out), new PrintWriter(out), args);

    assertThat(exit).isZero();
    List<String> offending =
        out.toString()
            .lines()
            .filter(
                line ->
                    line.contains("monitorenter") || line.matches(".*\\bsynchronized\\b.*\\(.*"))
            .collect(Collectors.toList());
    assertThat(offending).isEmpty();
  }
}
