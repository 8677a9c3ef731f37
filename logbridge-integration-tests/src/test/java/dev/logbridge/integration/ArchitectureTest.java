package dev.logbridge.integration;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.logbridge.spi.AdapterSupport;
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

  @Test
  void theSpiHoldsInterfacesOnlyBesidesAdapterSupport() {
    // What an adapter implements or is handed is an interface; the one public class is the support
    // every adapter delegates to. The implementations behind the interfaces' static factories and
    // AdapterSupport (glob filter, settings reader, hand-off stack, agent coexistence, watchdog
    // lookup, version check) sit beside them as package-private classes.
    classes()
        .that()
        .resideInAPackage("dev.logbridge.spi")
        .and()
        .arePublic()
        .and(not(belongToAnyOf(AdapterSupport.class)))
        .should()
        .beInterfaces()
        .because(
            "dev.logbridge.spi's public types are interfaces, besides AdapterSupport (issue 16)")
        .check(classes);
  }

  @Test
  void theInternalPackageIsPublicOnlyWhereAnotherPackageNeedsIt() {
    // dev.logbridge.internal is "Not API" (its package-info): it holds only the hooks that another
    // package of core must see (dev.logbridge.sdk's, the OpenTelemetry API probe); the engine is
    // package-private in dev.logbridge. A public class here that no other package uses goes.
    classes()
        .that()
        .resideInAPackage("dev.logbridge.internal")
        .and()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .and()
        .doNotHaveFullyQualifiedName("dev.logbridge.internal.package-info")
        .should(beUsedFromAnotherPackage())
        .check(classes);
  }

  private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
    return new ArchCondition<>("be used by a class of another package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        boolean used =
            item.getDirectDependenciesToSelf().stream()
                .anyMatch(d -> !d.getOriginClass().getPackageName().equals(item.getPackageName()));
        if (!used) {
          events.add(
              SimpleConditionEvent.violated(
                  item,
                  item.getName()
                      + " is public, but no class outside its package uses it: make it"
                      + " package-private"));
        }
      }
    };
  }

  /**
   * One slice per package of logbridge, except that the root package and dev.logbridge.spi are one
   * slice, "api": they are the two halves of the published API and depend on each other by design
   * ({@code Bridge.capture} takes the SPI's RecordTranslator and RecordCapture; AdapterSupport
   * returns a Bridge and reads BridgeSettings). Every other pair, the engine's hooks in
   * dev.logbridge.internal, dev.logbridge.sdk and every other module's packages included, is checked.
   */
  private static final SliceAssignment PACKAGES_WITH_THE_API_AS_ONE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String pkg = javaClass.getPackageName();
          if (pkg.equals("dev.logbridge")
              || pkg.equals("dev.logbridge.spi")
              || pkg.startsWith("dev.logbridge.spi.")) {
            return SliceIdentifier.of("api (dev.logbridge and dev.logbridge.spi)");
          }
          if (pkg.startsWith("dev.logbridge.")) {
            String below = pkg.substring("dev.logbridge.".length());
            int dot = below.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? below : below.substring(0, dot));
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "logbridge's packages, dev.logbridge and dev.logbridge.spi as one";
        }
      };

  @Test
  void logbridgesPackagesFormNoCycle() {
    // No named exceptions: dev.logbridge.internal depends on neither the root package nor spi
    // (its hooks take strings and primitives), spi's implementations live in spi, and the engine
    // lives in the root package.
    slices().assignedFrom(PACKAGES_WITH_THE_API_AS_ONE).should().beFreeOfCycles().check(classes);
  }
}
