package org.dndguard.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dndguard.InternalApi;

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
      .that().resideInAnyPackage("org.dndguard.engine", "org.dndguard.engine.internal")
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
        .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.dndguard..").or(resideInAPackage("org.dndguard"))
            .or(resideInAnyPackage(own)).or(resideInAnyPackage(packages)))
        .allowEmptyShould(true)
        .as("layering rule: org.dndguard." + name + " depends on "
            + (allowed.length == 0 ? "no other DND Guard package" : "no DND Guard package but " + String.join(", ",
                allowed)));
  }

  // ---- The supported API (issue 24, item 1): docs/host-application.md#the-supported-api ----

  private static final String SUPPORTED_API_GUIDE = "docs/host-application.md";

  /** DND Guard's packages a host may use: all but the {@code internal} ones and the reference app. */
  private static final DescribedPredicate<JavaClass> SUPPORTED_PACKAGES = resideInAPackage("org.dndguard..")
      .and(resideOutsideOfPackages("..internal..", "org.dndguard.app.."))
      .as("in a supported package (org.dndguard.., not ..internal.., not the reference app)");

  /** Public, and if nested, inside types a host can reach too. */
  private static final DescribedPredicate<JavaClass> VISIBLE_TO_HOSTS =
      DescribedPredicate.describe("visible to hosts", ArchitectureTest::visibleToHosts);

  private static boolean visibleToHosts(JavaClass c) {
    Set<JavaModifier> modifiers = c.getModifiers();
    if (c.isTopLevelClass()) {
      return modifiers.contains(JavaModifier.PUBLIC);
    }
    return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
        && c.getEnclosingClass().map(ArchitectureTest::visibleToHosts).orElse(false);
  }

  @ArchTest
  static final ArchRule supportedTypesExposeNoInternalType = classes()
      .that(SUPPORTED_PACKAGES).and(VISIBLE_TO_HOSTS)
      .should(new ExposeNoInternalType())
      .as("API rule: no public or protected member of a supported type names a type of an internal package")
      .because("a host may use every public signature of a supported type, and an internal type there would make"
          + " the internal type part of the API; mark the member @InternalApi only if DND Guard's own packages"
          + " need it public (see " + SUPPORTED_API_GUIDE + ")");

  /**
   * The guide's list of supported types and the public types of the supported packages are the same
   * set, so that neither a new public type nor a dropped one can leave the list stale.
   */
  @ArchTest
  static void theGuideListsExactlyTheSupportedTypes(JavaClasses classes) throws IOException {
    Set<String> actual = new TreeSet<>();
    for (JavaClass c : classes) {
      if (SUPPORTED_PACKAGES.test(c) && c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC)) {
        actual.add(c.getName());
      }
    }
    Set<String> listed = listedSupportedTypes(Path.of(SUPPORTED_API_GUIDE));
    Set<String> unlisted = new TreeSet<>(actual);
    unlisted.removeAll(listed);
    Set<String> notPublic = new TreeSet<>(listed);
    notPublic.removeAll(actual);
    if (!unlisted.isEmpty() || !notPublic.isEmpty()) {
      throw new AssertionError("The list of supported types in " + SUPPORTED_API_GUIDE + " (section \"The supported"
          + " API\") is not the set of public types of DND Guard's supported packages.\n"
          + (unlisted.isEmpty() ? "" : "Public but not listed (list them, or move them to the package's internal"
              + " sub-package or make them package-private): " + unlisted + "\n")
          + (notPublic.isEmpty() ? "" : "Listed but not a public type of a supported package (drop them from the"
              + " list): " + notPublic));
    }
  }

  /**
   * The types the guide lists: in the section "The supported API", each heading {@code ### `org.dndguard.x`}
   * names a package and each bullet {@code - `Type`} a type of it.
   */
  static Set<String> listedSupportedTypes(Path guide) throws IOException {
    Set<String> listed = new TreeSet<>();
    boolean inSection = false;
    String pkg = null;
    for (String line : Files.readAllLines(guide)) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## The supported API");
        continue;
      }
      if (!inSection) {
        continue;
      }
      Matcher heading = PACKAGE_HEADING.matcher(line);
      if (heading.matches()) {
        pkg = heading.group(1);
        continue;
      }
      Matcher type = TYPE_BULLET.matcher(line);
      if (type.lookingAt() && pkg != null) {
        listed.add(pkg + "." + type.group(1));
      }
    }
    return listed;
  }

  private static final Pattern PACKAGE_HEADING = Pattern.compile("### `(org\\.dndguard[\\w.]*)`.*");
  private static final Pattern TYPE_BULLET = Pattern.compile("- `([A-Z]\\w*)`");

  /** Names each public or protected member of a type (and its supertypes) that names an internal type. */
  private static final class ExposeNoInternalType extends ArchCondition<JavaClass> {

    ExposeNoInternalType() {
      super("expose no type of an ..internal.. package in a public or protected signature");
    }

    @Override
    public void check(JavaClass c, ConditionEvents events) {
      c.getSuperclass().ifPresent(s -> report(c, c.getName() + " extends", s, events));
      c.getInterfaces().forEach(i -> report(c, c.getName() + " implements", i, events));
      for (JavaMember member : c.getMembers()) {
        Set<JavaModifier> modifiers = member.getModifiers();
        if (!(modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
            || modifiers.contains(JavaModifier.SYNTHETIC) || modifiers.contains(JavaModifier.BRIDGE)
            || member.isAnnotatedWith(InternalApi.class)) {
          continue;
        }
        if (member instanceof JavaField field) {
          report(c, field.getFullName(), field.getType(), events);
        } else if (member instanceof JavaCodeUnit code) {
          report(c, code.getFullName() + " returns", code.getReturnType(), events);
          for (JavaParameter parameter : code.getParameters()) {
            if (!parameter.isAnnotatedWith(InternalApi.class)) {
              report(c, code.getFullName() + " takes", parameter.getType(), events);
            }
          }
          code.getThrowsClause().getTypes().forEach(t -> report(c, code.getFullName() + " throws", t, events));
        }
      }
    }

    private static void report(JavaClass owner, String where, JavaType type, ConditionEvents events) {
      for (JavaClass raw : type.getAllInvolvedRawTypes()) {
        JavaClass base = raw.getBaseComponentType();
        if (base.getPackageName().contains(".internal") && base.getPackageName().startsWith("org.dndguard")) {
          events.add(SimpleConditionEvent.violated(owner, where + " " + base.getName() + ", a type of an internal"
              + " package: make the member package-private, move the type to the supported package and list it in "
              + SUPPORTED_API_GUIDE + ", or mark the member @InternalApi if DND Guard's own packages need it"));
        }
      }
    }
  }
}
