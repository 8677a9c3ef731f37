package dev.logbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public API of every published jar, pinned: the public top-level types of each module's
 * packages must equal the list checked in as {@code src/test/resources/api/<module>.txt}, so
 * that adding or removing a public type is a deliberate act (edit the list and the module's
 * README in the same change). Packages named {@code internal} are not API by rule and are left
 * out; a type public only for a technical reason (found through {@link java.util.ServiceLoader},
 * named in {@code spring.factories}, ...) is listed with {@code # not API}.
 *
 * <p>Each module's README.md names every listed type (its "Public API" and "Public, but not
 * API" sections). Two rules keep the internal packages internal: each has a {@code
 * package-info.java} that says "Not API", and no public or protected member of an API type (or
 * of its public nested types), nor its supertypes, names a type from an internal package.
 */
class ApiSurfaceTest {
  /** Each published module and the packages its jar holds (the BOM lists the modules). */
  private static final Map<String, List<String>> MODULE_PACKAGES = new LinkedHashMap<>();

  static {
    MODULE_PACKAGES.put(
        "logbridge-core",
        List.of(
            "dev.logbridge", "dev.logbridge.spi", "dev.logbridge.sdk", "dev.logbridge.internal"));
    MODULE_PACKAGES.put("logbridge-logback", List.of("dev.logbridge.logback"));
    MODULE_PACKAGES.put("logbridge-jul", List.of("dev.logbridge.jul"));
    MODULE_PACKAGES.put("logbridge-log4j2", List.of("dev.logbridge.log4j2"));
    MODULE_PACKAGES.put("logbridge-testing", List.of("dev.logbridge.testing"));
    MODULE_PACKAGES.put("logbridge-receiver", List.of("dev.logbridge.receiver"));
    MODULE_PACKAGES.put(
        "logbridge-doctor", List.of("dev.logbridge.doctor", "dev.logbridge.doctor.cli"));
    MODULE_PACKAGES.put("logbridge-spring-boot-starter", List.of("dev.logbridge.spring.boot"));
  }

  private static final String NOT_API = "# not API";

  /**
   * Leaves out the adapters' test jars (their framework fixtures, on this class path for the
   * cross-framework tests): like test classes, they are not part of a published jar.
   */
  static final ImportOption DO_NOT_INCLUDE_TEST_JARS = location -> !location.contains("-tests.jar");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(DO_NOT_INCLUDE_TEST_JARS)
            .importPackages("dev.logbridge");
  }

  static boolean isInternal(String packageName) {
    return packageName.endsWith(".internal") || packageName.contains(".internal.");
  }

  @Test
  void everyPackageBelongsToAPublishedModule() {
    Set<String> known =
        MODULE_PACKAGES.values().stream().flatMap(List::stream).collect(Collectors.toSet());
    Set<String> imported =
        classes.stream()
            .map(JavaClass::getPackageName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(imported)
        .as(
            "packages of the published jars on this class path; a new package must be added to "
                + "MODULE_PACKAGES (and, unless it is an internal package, to the module's API list)")
        .isSubsetOf(known)
        .containsAll(known);
  }

  @Test
  void publicTypesOfEachPublishedJarAreTheCheckedInList() throws IOException {
    StringBuilder diff = new StringBuilder();
    for (Map.Entry<String, List<String>> module : MODULE_PACKAGES.entrySet()) {
      Set<String> actual =
          classes.stream()
              .filter(c -> module.getValue().contains(c.getPackageName()))
              .filter(c -> !isInternal(c.getPackageName()))
              .filter(ApiSurfaceTest::isPublicTopLevel)
              .map(JavaClass::getName)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> listed = apiList(module.getKey()).keySet();
      Set<String> added = new TreeSet<>(actual);
      added.removeAll(listed);
      Set<String> removed = new TreeSet<>(listed);
      removed.removeAll(actual);
      if (!added.isEmpty() || !removed.isEmpty()) {
        diff.append("\n")
            .append(module.getKey())
            .append(" (src/test/resources/api/")
            .append(module.getKey())
            .append(".txt):");
        added.forEach(n -> diff.append("\n  + ").append(n).append("   (public, not in the list)"));
        removed.forEach(
            n -> diff.append("\n  - ").append(n).append("   (listed, no longer public)"));
      }
    }
    assertThat(diff.toString())
        .as(
            "The public API of a published jar changed. If that is deliberate, update the list "
                + "and the module's README.md; otherwise make the type package-private or move it "
                + "to an internal package.")
        .isEmpty();
  }

  @Test
  void eachModuleReadmeNamesEveryListedType() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : MODULE_PACKAGES.keySet()) {
      Path readme = Path.of("..", module, "README.md");
      String text =
          Files.isRegularFile(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";
      for (String type : apiList(module).keySet()) {
        String simpleName = type.substring(type.lastIndexOf('.') + 1);
        if (!text.contains("`" + simpleName + "`") && !text.contains("`" + type + "`")) {
          missing.add(module + "/README.md: `" + simpleName + "`");
        }
      }
    }
    assertThat(missing)
        .as("every type of a module's API list (API or \"not API\") is named in its README.md")
        .isEmpty();
  }

  @Test
  void internalPackagesSayTheyAreNotApi() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, List<String>> module : MODULE_PACKAGES.entrySet()) {
      for (String pkg : module.getValue()) {
        if (!isInternal(pkg)) {
          continue;
        }
        Path info =
            Path.of("..", module.getKey(), "src", "main", "java")
                .resolve(pkg.replace('.', '/'))
                .resolve("package-info.java");
        if (!Files.isRegularFile(info)
            || !Files.readString(info, StandardCharsets.UTF_8).contains("Not API")) {
          missing.add(info.normalize().toString());
        }
      }
    }
    assertThat(missing)
        .as("each internal package has a package-info.java whose Javadoc says \"Not API\"")
        .isEmpty();
  }

  @Test
  void noApiTypeExposesAnInternalType() throws IOException {
    List<String> exposures = new ArrayList<>();
    for (String module : MODULE_PACKAGES.keySet()) {
      for (Map.Entry<String, Boolean> type : apiList(module).entrySet()) {
        if (!type.getValue()) {
          continue; // listed as "# not API": public for a technical reason
        }
        if (classes.contain(type.getKey())) { // a listed type that is gone fails the list test
          exposures.addAll(internalTypesIn(classes.get(type.getKey())));
        }
      }
    }
    assertThat(exposures)
        .as("types of internal packages in the public or protected signatures of API types")
        .isEmpty();
  }

  private static List<String> internalTypesIn(JavaClass api) {
    List<String> found = new ArrayList<>();
    Stream.concat(
            Stream.of(api),
            api.getAllClassesSelfIsAssignableTo().stream().filter(c -> !c.equals(api)))
        .filter(c -> isInternal(c.getPackageName()))
        .forEach(c -> found.add(api.getName() + " extends or implements " + c.getName()));
    // Nested public types (builders and the like) are API too.
    List<JavaClass> scope = new ArrayList<>();
    scope.add(api);
    for (JavaClass nested : classes) {
      if (nested.getName().startsWith(api.getName() + "$") && isVisible(nested.getModifiers())) {
        scope.add(nested);
      }
    }
    for (JavaClass type : scope) {
      for (JavaMember member : type.getMembers()) {
        if (!isVisible(member.getModifiers())) {
          continue;
        }
        Set<JavaClass> involved = new TreeSetOfClasses();
        if (member instanceof JavaField field) {
          involved.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit unit) {
          involved.addAll(unit.getReturnType().getAllInvolvedRawTypes());
          for (JavaType parameter : unit.getParameterTypes()) {
            involved.addAll(parameter.getAllInvolvedRawTypes());
          }
          involved.addAll(unit.getThrowsClause().getTypes());
        }
        involved.stream()
            .filter(c -> isInternal(c.getPackageName()))
            .forEach(c -> found.add(member.getFullName() + " names " + c.getName()));
      }
    }
    return found;
  }

  /** A set of classes ordered by name, so that failures read the same on every run. */
  private static final class TreeSetOfClasses extends TreeSet<JavaClass> {
    private static final long serialVersionUID = 1L;

    TreeSetOfClasses() {
      super((a, b) -> a.getName().compareTo(b.getName()));
    }
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isPublicTopLevel(JavaClass c) {
    return c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC);
  }

  /**
   * The checked-in list of {@code module}: one fully qualified type name per line, optionally
   * followed by {@code # not API: why it is public}; blank lines and lines starting with
   * {@code #} are comments. Maps each name to whether it is API.
   */
  static Map<String, Boolean> apiList(String module) throws IOException {
    String resource = "/api/" + module + ".txt";
    try (InputStream in = ApiSurfaceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the test class path").isNotNull();
      Map<String, Boolean> types = new TreeMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int comment = trimmed.indexOf('#');
        String name = (comment < 0 ? trimmed : trimmed.substring(0, comment)).strip();
        types.put(name, !trimmed.contains(NOT_API));
      }
      return types;
    }
  }
}
