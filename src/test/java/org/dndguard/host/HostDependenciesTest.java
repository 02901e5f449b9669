package org.dndguard.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a host application resolves when it depends on DND Guard: the POM that is installed and
 * published, as the flatten-maven-plugin writes it ({@code target/flattened-pom.xml}, see the pom).
 * It has no parent and imports no BOM, and lists every dependency the library resolves with its
 * version; a host gets those of scope compile and runtime. The consumer projects of {@code src/it}
 * resolve it for real, with Maven, in a plain engine, a Spring and a Spring Boot application.
 */
class HostDependenciesTest {

  /** What only the reference application or the Spring Boot integration needs (groupId:artifactId prefixes). */
  private static final List<String> NOT_FOR_AN_ENGINE_HOST = List.of(
      "org.camunda.bpm.springboot:",
      "org.camunda.bpm.webapp:",
      "org.camunda.bpm:camunda-engine-rest",
      "org.springdoc:",
      "org.webjars:",
      "org.springframework.boot:",
      "org.springframework:spring-webmvc",
      "org.apache.tomcat",
      "ch.qos.logback:",
      "org.postgresql:postgresql",
      "com.h2database:h2");

  private static Document pom;
  private static List<Dependency> dependencies;

  record Dependency(String groupId, String artifactId, String version, String scope, boolean optional) {

    String key() {
      return groupId + ":" + artifactId;
    }

    boolean reachesAHost() {
      return !optional && (scope.equals("compile") || scope.equals("runtime"));
    }
  }

  @BeforeAll
  static void readThePublishedPom() throws Exception {
    Path flattened = Path.of("target", "flattened-pom.xml");
    assertThat(flattened).as("written by the flatten-maven-plugin in process-resources").exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    try (var in = Files.newInputStream(flattened)) {
      pom = factory.newDocumentBuilder().parse(in);
    }
    dependencies = new ArrayList<>();
    Element project = pom.getDocumentElement();
    Element list = child(project, "dependencies");
    for (Element dependency : children(list, "dependency")) {
      String scope = text(dependency, "scope");
      dependencies.add(new Dependency(text(dependency, "groupId"), text(dependency, "artifactId"),
          text(dependency, "version"), scope == null ? "compile" : scope, "true".equals(text(dependency, "optional"))));
    }
  }

  @Test
  void thePublishedPomHasNoParentImportsNoBomAndGivesEveryVersion() {
    Element project = pom.getDocumentElement();

    assertThat(child(project, "parent")).as("a parent (Spring Boot's) the host would not see").isNull();
    assertThat(child(project, "dependencyManagement")).as("a BOM the host would have to import").isNull();
    assertThat(dependencies).as("the published dependencies").hasSizeGreaterThan(10);
    assertThat(dependencies).as("dependencies without a version").allSatisfy(
        dependency -> assertThat(dependency.version()).as(dependency.key()).isNotBlank());
  }

  @Test
  void aHostGetsTheLibrarysOwnRuntimeWithJacksonAndSpringEachOfOneRelease() {
    Map<String, String> host = hostDependencies();

    assertThat(host).as("what the library's own code uses").containsKeys("org.camunda.bpm:camunda-engine",
        "org.flywaydb:flyway-core", "com.googlecode.libphonenumber:libphonenumber", "org.springframework:spring-jdbc",
        "com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-databind",
        "org.slf4j:slf4j-api");
    // Flyway asks for an older jackson-core than databind's; a host without Spring Boot's BOM got both (issue 25)
    assertThat(versionsOf(host, "com.fasterxml.jackson.")).as("Jackson's versions").hasSize(1);
    assertThat(versionsOf(host, "org.springframework:")).as("Spring Framework's versions").hasSize(1);
    assertThat(host.get("com.fasterxml.jackson.core:jackson-core"))
        .isEqualTo(host.get("com.fasterxml.jackson.core:jackson-databind"));
  }

  @Test
  void aHostResolvesNothingOfSpringBootTheReferenceAppOrAServletContainer() {
    List<String> leaked = hostDependencies().keySet().stream()
        .filter(artifact -> NOT_FOR_AN_ENGINE_HOST.stream().anyMatch(artifact::startsWith))
        .toList();

    assertThat(leaked).as("reached a host application through the published POM").isEmpty();
  }

  @Test
  void aHostResolvesNoSpringSecurityFromDndGuard() {
    // DND Guard's API guards itself (DndApiFilter); a host keeps whatever security it chose
    assertThat(hostDependencies()).allSatisfy(
        (artifact, version) -> assertThat(artifact).doesNotStartWith("org.springframework.security:"));
  }

  @Test
  void theSpringBootIntegrationAndTheReferenceAppAreProvidedSoTheExecJarHasThem() {
    Map<String, String> provided = dependencies.stream().filter(dependency -> dependency.scope().equals("provided"))
        .collect(Collectors.toMap(Dependency::key, Dependency::version, (a, b) -> a, TreeMap::new));

    assertThat(provided).containsKeys("org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter",
        "org.springframework.boot:spring-boot-starter-web",
        "org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-webapp",
        "org.springframework.boot:spring-boot-starter-actuator", "org.postgresql:postgresql");
  }

  private static Map<String, String> hostDependencies() {
    return dependencies.stream().filter(Dependency::reachesAHost)
        .collect(Collectors.toMap(Dependency::key, Dependency::version, (a, b) -> a, TreeMap::new));
  }

  private static List<String> versionsOf(Map<String, String> host, String prefix) {
    return host.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
        // Spring Framework's own modules; spring-security and others have releases of their own
        .filter(entry -> !prefix.equals("org.springframework:") || entry.getKey().startsWith("org.springframework:spring-"))
        .map(Map.Entry::getValue).distinct().toList();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }
}
