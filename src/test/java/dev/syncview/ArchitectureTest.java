package dev.syncview;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.Chromium;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/design.md, held by the build: which package may use which, where Kafka's
 * and RocksDB's internals may appear, and which tests belong to the integration tier. A forbidden
 * import fails here with the offending class and line.
 */
class ArchitectureTest {
  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.syncview");
  static final JavaClasses TESTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
          .importPackages("dev.syncview");

  @Test
  void shouldKeepEachPackageToTheLayersBelowIt() {
    ArchRule layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy("dev.syncview", "dev.syncview.cli..")
            .layer("Domain").definedBy("dev.syncview.domain..")
            .layer("View").definedBy("dev.syncview.view..")
            .layer("Ingest").definedBy("dev.syncview.ingest..")
            .layer("Rules").definedBy("dev.syncview.rules..")
            .layer("Render").definedBy("dev.syncview.render..")
            .layer("Store").definedBy("dev.syncview.store..")
            .layer("Query").definedBy("dev.syncview.query..")
            .layer("Http").definedBy("dev.syncview.http..")
            .layer("Topology").definedBy("dev.syncview.topology..")
            .layer("Config").definedBy("dev.syncview.config..")
            .layer("Kafka").definedBy("dev.syncview.kafka..")
            .layer("Runtime").definedBy("dev.syncview.runtime..")
            .layer("Metrics").definedBy("dev.syncview.metrics..")
            .layer("Tools").definedBy("dev.syncview.tools..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("Domain").mayNotAccessAnyLayer()
            .whereLayer("Config").mayNotAccessAnyLayer()
            .whereLayer("Kafka").mayNotAccessAnyLayer()
            .whereLayer("View").mayOnlyAccessLayers("Domain")
            .whereLayer("Ingest").mayOnlyAccessLayers("Domain")
            .whereLayer("Rules").mayOnlyAccessLayers("Ingest", "Domain")
            .whereLayer("Render").mayOnlyAccessLayers("Domain")
            .whereLayer("Store").mayOnlyAccessLayers("View", "Domain")
            .whereLayer("Query").mayOnlyAccessLayers("View", "Domain")
            .whereLayer("Http").mayOnlyAccessLayers("Query", "Domain")
            .whereLayer("Topology").mayOnlyAccessLayers("Store", "View", "Rules", "Ingest", "Render", "Config", "Domain")
            .whereLayer("Runtime")
            .mayOnlyAccessLayers("Topology", "Store", "Query", "View", "Kafka", "Config", "Domain")
            .whereLayer("Metrics").mayOnlyAccessLayers("Http", "Topology", "Query", "Domain")
            .whereLayer("Tools").mayOnlyAccessLayers("Rules", "Ingest", "Config", "Domain");
    layers.check(MAIN);
  }

  @Test
  void shouldKeepTheDomainOnJavaAlone() {
    classes()
        .that().resideInAPackage("dev.syncview.domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.syncview.domain..", "java..")
        .check(MAIN);
  }

  @Test
  void shouldKeepRocksDbAndKafkaInternalsInTheStorePackage() {
    noClasses()
        .that().resideOutsideOfPackage("dev.syncview.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.rocksdb..", "org.apache.kafka..internals..")
        .check(MAIN);
  }

  @Test
  void shouldKeepKafkaOutOfTheHttpLayerAndThePureLayers() {
    noClasses()
        .that().resideInAnyPackage(
            "dev.syncview.http..",
            "dev.syncview.domain..",
            "dev.syncview.view..",
            "dev.syncview.ingest..",
            "dev.syncview.rules..",
            "dev.syncview.render..",
            "dev.syncview.config..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.rocksdb..")
        .check(MAIN);
  }

  @Test
  void shouldKeepHttpOutOfEverythingButTheHttpLayerAndTheEntryPoints() {
    noClasses()
        .that().resideInAnyPackage(
            "dev.syncview.domain..",
            "dev.syncview.view..",
            "dev.syncview.ingest..",
            "dev.syncview.rules..",
            "dev.syncview.render..",
            "dev.syncview.store..",
            "dev.syncview.query..",
            "dev.syncview.topology..",
            "dev.syncview.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
        .check(MAIN);
  }

  @Test
  void shouldHaveNoCyclesBetweenPackages() {
    slices().matching("dev.syncview.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * The fast tier ({@code mvn test}) starts no broker, no service and no browser: whatever does is
   * an {@code *IntegrationTest} (run by Failsafe in {@code mvn verify}) or a helper in {@code
   * testing/} that only those use.
   */
  @Test
  void shouldStartBrokersAndServicesOnlyInIntegrationTests() {
    DescribedPredicate<JavaClass> fastTier =
        DescribedPredicate.describe(
            "are not integration tests nor test helpers",
            c -> !topLevelName(c).endsWith("IntegrationTest")
                && !c.getPackageName().startsWith("dev.syncview.testing")
                && !topLevelName(c).equals(ArchitectureTest.class.getName()));
    DescribedPredicate<JavaMethodCall> startsOne =
        DescribedPredicate.describe(
            "start a broker or the service",
            call -> call.getName().equals("start")
                && (call.getTargetOwner().isEquivalentTo(EmbeddedKafkaBroker.class)
                    || call.getTargetOwner().isEquivalentTo(App.class)));
    noClasses()
        .that(fastTier)
        .should().callMethodWhere(startsOne)
        .orShould().dependOnClassesThat().belongToAnyOf(RunningService.class, ServiceProcess.class, Chromium.class)
        .check(TESTS);
  }

  private static String topLevelName(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }
}
