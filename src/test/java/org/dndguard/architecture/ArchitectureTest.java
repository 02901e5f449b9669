package org.dndguard.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * DESIGN.md's package layering and the Camunda adapter rule, checked on the main classes' byte
 * code, so that a forbidden import fails {@code mvn verify} with the rule it broke and why the rule
 * exists. Each package may use the DND Guard packages named in its rule, and anything outside DND
 * Guard (the JDK, Spring, Camunda's public API).
 */
@AnalyzeClasses(packages = "org.dndguard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Camunda's classes that are no API: the engine's and the web applications' (Cockpit's) internals. */
  private static final String[] CAMUNDA_INTERNALS = {"org.camunda.bpm.engine.impl..", "org.camunda.bpm.webapp.impl.."};

  private static final String ADAPTER = "org.dndguard.engine.camunda..";

  private static final String PORT_TO_ANOTHER_CAMUNDA_7 = "Camunda 7 CE is end-of-life and a port to Operaton or CIB"
      + " seven must be one package's work (docs/host-application.md, \"Porting to Operaton or CIB seven\")";

  @ArchTest
  static final ArchRule onlyTheAdapterUsesCamundasInternalClasses = noClasses()
      .that().resideOutsideOfPackage(ADAPTER)
      .should().dependOnClassesThat().resideInAnyPackage(CAMUNDA_INTERNALS)
      .as("adapter rule: only org.dndguard.engine.camunda uses Camunda's internal classes ("
          + String.join(", ", CAMUNDA_INTERNALS) + ")")
      .because(PORT_TO_ANOTHER_CAMUNDA_7 + "; put what needs them into org.dndguard.engine.camunda, behind an"
          + " interface of DND Guard's own (see ProcessInstanceContacts, EngineIdentity, EngineTransactions). The"
          + " Cockpit plugin's SPI (org.camunda.bpm.cockpit.plugin.., org.camunda.bpm.webapp.plugin..), which"
          + " Camunda documents for plugins, is not internal and may stay in org.dndguard.cockpit");

  @ArchTest
  static final ArchRule onlyTheAutoConfigurationPlugsInTheAdapter = noClasses()
      .that().resideOutsideOfPackages(ADAPTER, "org.dndguard.autoconfigure..")
      .should().dependOnClassesThat().resideInAPackage(ADAPTER)
      .as("adapter rule: no DND Guard package but org.dndguard.autoconfigure uses the adapter"
          + " org.dndguard.engine.camunda")
      .because(PORT_TO_ANOTHER_CAMUNDA_7 + "; the other packages ask the engine through DND Guard's own interfaces,"
          + " and the auto-configuration, which only wires, is where the adapter's implementations are plugged in");

  @ArchTest
  static final ArchRule contactDependsOnNothingOfDndGuard = layer("contact")
      .because("the DND rules are plain Java, tested without Spring or an engine; everything else asks them");

  @ArchTest
  static final ArchRule storeDependsOnContact = layer("store", "contact")
      .because("the store keeps what the rules decide and knows nothing of engines, providers or HTTP");

  @ArchTest
  static final ArchRule engineDependsOnContactAndStore = layer("engine", "contact", "store")
      .because("the guard reads DND through the store and decides with the rules; the workflow actions, messaging"
          + " and providers build on the engine, not the other way round");

  @ArchTest
  static final ArchRule workflowDependsOnContactStoreAndEngine = layer("workflow", "contact", "store", "engine")
      .because("workflow, messaging and provider stand side by side on contact, store and engine; the"
          + " auto-configuration wires them together, so none needs another");

  @ArchTest
  static final ArchRule messagingDependsOnContactStoreAndEngine = layer("messaging", "contact", "store", "engine")
      .because("workflow, messaging and provider stand side by side on contact, store and engine; the"
          + " auto-configuration wires them together, so none needs another");

  @ArchTest
  static final ArchRule providerDependsOnContactStoreAndEngine = layer("provider", "contact", "store", "engine")
      .because("workflow, messaging and provider stand side by side on contact, store and engine; the"
          + " auto-configuration wires them together, so none needs another");

  @ArchTest
  static final ArchRule webDependsOnTheLayersBelow = layer("web", "contact", "store", "engine", "workflow",
      "messaging", "provider")
      .because("the HTTP layer sits on top of the product; nothing below may depend on how it is served, and the"
          + " auto-configuration, not web, decides what is wired");

  @ArchTest
  static final ArchRule cockpitDependsOnTheLayersBelowAndWeb = layer("cockpit", "contact", "store", "engine",
      "workflow", "messaging", "provider", "web")
      .because("the Cockpit plugin is another face of the product; it may share web's views and problems");

  @ArchTest
  static final ArchRule autoconfigureDependsOnTheLayersBelow = layer("autoconfigure", "contact", "store", "engine",
      "workflow", "messaging", "provider", "web", "cockpit")
      .because("the auto-configuration only wires the parts together; the reference application is not part of"
          + " the library");

  @ArchTest
  static final ArchRule testAssertionsDependOnEngineStoreAndContact = layer("test", "contact", "store", "engine")
      .because("users' scenario tests need the skip records and nothing of the web or provider layers");

  @ArchTest
  static final ArchRule dndGuardPackagesHaveNoCycles = slices().matching("org.dndguard.(*)..")
      .should().beFreeOfCycles()
      .as("layering rule: DND Guard's packages have no dependency cycles")
      .because("each package must be understandable, and replaceable, from the packages below it");

  @ArchTest
  static final ArchRule engineCoreDoesNotDependOnTheAdapter = noClasses()
      .that().resideInAPackage("org.dndguard.engine")
      .should().dependOnClassesThat().resideInAPackage("org.dndguard.engine.camunda..")
      .as("adapter rule: org.dndguard.engine does not depend on its Camunda adapter org.dndguard.engine.camunda")
      .because("the guard's decisions must survive a port to another engine unchanged; the adapter calls the"
          + " core, never the other way round");

  /**
   * A layering rule: the classes of {@code org.dndguard.<name>} (sub-packages included) use no DND
   * Guard package but their own and {@code allowed}.
   */
  private static ArchRule layer(String name, String... allowed) {
    String[] packages = Arrays.stream(allowed).map(p -> "org.dndguard." + p + "..").toArray(String[]::new);
    String own = "org.dndguard." + name + "..";
    return classes().that().resideInAPackage(own)
        .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.dndguard..")
            .or(resideInAnyPackage(own)).or(resideInAnyPackage(packages)))
        .allowEmptyShould(true)
        .as("layering rule: org.dndguard." + name + " depends on "
            + (allowed.length == 0 ? "no other DND Guard package" : "no DND Guard package but " + String.join(", ",
                allowed)));
  }
}
