package dev.logbridge.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependency rules between logbridge's modules, checked on the production classes of every
 * published jar (core, the three adapters, the test kit, the doctor, the receiver and the Spring
 * Boot starter; this module's class path holds all eight): rules that hold today, so that a
 * change breaking one fails the build. ApiSurfaceTest pins each jar's public types.
 */
class ArchitectureTest {
  private static final String[] CORE = {
    "dev.logbridge", "dev.logbridge.spi..", "dev.logbridge.internal..", "dev.logbridge.sdk.."
  };
  // Core without dev.logbridge.sdk: what must run with opentelemetry-api alone.
  private static final String[] CORE_API_ONLY = {
    "dev.logbridge", "dev.logbridge.spi..", "dev.logbridge.internal.."
  };
  private static final String[] ADAPTERS = {
    "dev.logbridge.jul..", "dev.logbridge.logback..", "dev.logbridge.log4j2.."
  };
  private static final String[] LOGGING_FRAMEWORKS = {
    "ch.qos.logback..", "org.slf4j..", "org.apache.logging.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ApiSurfaceTest.DO_NOT_INCLUDE_TEST_JARS)
            .importPackages("dev.logbridge");
    // Each rule is only as good as what it sees: every module must have been imported.
    assertThat(classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
        .contains(
            "dev.logbridge",
            "dev.logbridge.spi",
            "dev.logbridge.internal",
            "dev.logbridge.sdk",
            "dev.logbridge.jul",
            "dev.logbridge.logback",
            "dev.logbridge.log4j2",
            "dev.logbridge.testing",
            "dev.logbridge.doctor",
            "dev.logbridge.receiver",
            "dev.logbridge.spring.boot");
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    slices()
        .matching("dev.logbridge.(jul|logback|log4j2)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  @Test
  void coreDependsOnNoLoggingFramework() {
    // java.util.logging is the JDK's, and core uses it (AgentCoexistence looks at JUL handlers).
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(LOGGING_FRAMEWORKS)
        .because("core must work with any logging framework, or none")
        .check(classes);
  }

  @Test
  void coreDependsOnNoOtherLogbridgeModule() {
    // The stall watchdog in logbridge-doctor is found through ServiceLoader (its
    // spi.StallWatchdogProvider), never by a class reference or a class name.
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.logbridge.jul..",
            "dev.logbridge.logback..",
            "dev.logbridge.log4j2..",
            "dev.logbridge.testing..",
            "dev.logbridge.doctor..",
            "dev.logbridge.receiver..",
            "dev.logbridge.spring..")
        .check(classes);
  }

  @Test
  void onlyCoreUsesItsInternalPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackages(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.logbridge.internal..")
        .because("adapters and the test kit reach core through its API and SPI only")
        .check(classes);
  }

  @Test
  void onlyTheSdkPackageUsesTheOpenTelemetrySdk() {
    // The SDK is an optional dependency of core: everything else must link against the API alone.
    noClasses()
        .that()
        .resideInAnyPackage(CORE_API_ONLY)
        .or()
        .resideInAnyPackage(ADAPTERS)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.opentelemetry.sdk..")
        .because(
            "only dev.logbridge.sdk uses io.opentelemetry.sdk: core and the adapters must "
                + "work with opentelemetry-api alone")
        .check(classes);
  }

  @Test
  void thePipelineReachesTheSdkPackageOnlyThroughItsHooks() {
    // dev.logbridge.sdk depends on the pipeline (PipelineHooks) and implements its SdkHooks,
    // found through ServiceLoader; a reference the other way would load SDK classes with core.
    noClasses()
        .that()
        .resideInAnyPackage(CORE_API_ONLY)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.logbridge.sdk..")
        .because("core reaches SDK-specific code through internal.SdkHooks only")
        .check(classes);
  }

  @Test
  void neitherTheAdaptersNorTheSpiReachGlobalOpenTelemetry() {
    // They run on the application's thread, which must never trigger SDK initialisation
    // (GlobalOpenTelemetry.get() can); finding the OpenTelemetry instance is core's business.
    noClasses()
        .that()
        .resideInAnyPackage(ADAPTERS)
        .or()
        .resideInAPackage("dev.logbridge.spi..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.opentelemetry.api.GlobalOpenTelemetry")
        .check(classes);
  }

  @Test
  void testKitDependsOnNoAdapterAndNoLoggingFramework() {
    noClasses()
        .that()
        .resideInAPackage("dev.logbridge.testing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ADAPTERS)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(LOGGING_FRAMEWORKS)
        .because("every adapter's tests extend the same framework-independent contract test")
        .check(classes);
  }
}
