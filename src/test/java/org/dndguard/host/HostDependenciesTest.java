package org.dndguard.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a host application resolves when it depends on DND Guard: every dependency of the library
 * that is not optional, with all of theirs. Read from the dependency trees that Maven's dependency
 * plugin writes during the build ({@code target/dependency-tree}, see the pom); the verbose tree
 * lists also what Maven omitted as a duplicate, so an artifact reached twice is seen both times.
 */
class HostDependenciesTest {

  /** What only the reference application needs (groupId:artifactId prefixes). */
  private static final List<String> REFERENCE_APP_ONLY = List.of(
      "org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-webapp",
      "org.camunda.bpm.webapp:",
      "org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-rest",
      "org.camunda.bpm:camunda-engine-rest",
      "org.springdoc:springdoc-openapi-starter-webmvc-ui",
      "org.webjars:swagger-ui",
      "org.springframework.boot:spring-boot-starter-actuator",
      "org.springframework.boot:spring-boot-actuator",
      "org.postgresql:postgresql");

  private static final Pattern NODE = Pattern.compile("^([| ]*)[+\\\\]- \\(?([^:\\s]+):([^:\\s]+):.*$");

  private static Set<String> optionalTopLevel;
  private static Set<String> hostArtifacts;
  private static Set<String> allArtifacts;

  @BeforeAll
  static void readTrees() throws IOException {
    Path folder = Path.of("target", "dependency-tree");
    optionalTopLevel = new TreeSet<>();
    for (String line : Files.readAllLines(folder.resolve("tree.txt"))) {
      Matcher node = NODE.matcher(line);
      if (node.matches() && node.group(1).isEmpty() && line.endsWith("(optional)")) {
        optionalTopLevel.add(node.group(2) + ":" + node.group(3));
      }
    }
    hostArtifacts = new TreeSet<>();
    allArtifacts = new TreeSet<>();
    boolean underOptional = false;
    List<String> lines = new ArrayList<>(Files.readAllLines(folder.resolve("tree-verbose.txt")));
    for (String line : lines) {
      Matcher node = NODE.matcher(line);
      if (!node.matches()) {
        continue;
      }
      String artifact = node.group(2) + ":" + node.group(3);
      if (node.group(1).isEmpty()) {
        underOptional = optionalTopLevel.contains(artifact);
      }
      allArtifacts.add(artifact);
      if (!underOptional) {
        hostArtifacts.add(artifact);
      }
    }
  }

  @Test
  void theTreesWereReadAndTheReferenceAppsDependenciesAreOptional() {
    // the test can fail: the reference app's dependencies are in the project, marked optional
    assertThat(allArtifacts).contains("org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-webapp",
        "org.postgresql:postgresql", "org.springframework.boot:spring-boot-starter-actuator");
    assertThat(optionalTopLevel).contains("org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-webapp",
        "org.camunda.bpm.springboot:camunda-bpm-spring-boot-starter-rest",
        "org.springdoc:springdoc-openapi-starter-webmvc-ui",
        "org.springframework.boot:spring-boot-starter-actuator", "org.postgresql:postgresql");
    assertThat(hostArtifacts).as("what the library's own code uses")
        .contains("org.camunda.bpm:camunda-engine", "org.flywaydb:flyway-core",
            "com.googlecode.libphonenumber:libphonenumber", "org.springframework:spring-webmvc");
  }

  @Test
  void aHostResolvesNoneOfWebappEngineRestSwaggerUiActuatorOrThePostgresDriver() {
    List<String> leaked = hostArtifacts.stream()
        .filter(artifact -> REFERENCE_APP_ONLY.stream().anyMatch(artifact::startsWith))
        .toList();

    assertThat(leaked).as("reached a host application through a dependency that is not optional").isEmpty();
  }

  @Test
  void aHostResolvesNoSpringSecurityFromDndGuard() {
    // DND Guard's API guards itself (DndApiFilter); a host keeps whatever security it chose
    assertThat(hostArtifacts).noneMatch(artifact -> artifact.startsWith("org.springframework.security:"));
  }
}
