package org.dndguard.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class HostFlywayEnvironmentPostProcessorTest {

  private final HostFlywayEnvironmentPostProcessor processor = new HostFlywayEnvironmentPostProcessor();

  @Test
  void switchesBootsFlywayOffInAnApplicationThatDoesNotUseFlyway() {
    MockEnvironment environment = new MockEnvironment();

    processor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.flyway.enabled")).isEqualTo("false");
    assertThat(environment.getPropertySources().contains(HostFlywayEnvironmentPostProcessor.SOURCE_NAME)).isTrue();
  }

  @Test
  void leavesAnApplicationThatConfiguresFlywayAlone() {
    MockEnvironment enabled = new MockEnvironment().withProperty("spring.flyway.enabled", "true");
    MockEnvironment located = new MockEnvironment().withProperty("spring.flyway.locations", "classpath:sql");

    processor.postProcessEnvironment(enabled, new SpringApplication());
    processor.postProcessEnvironment(located, new SpringApplication());

    assertThat(enabled.getProperty("spring.flyway.enabled")).isEqualTo("true");
    assertThat(located.getProperty("spring.flyway.enabled")).isNull();
  }

  @Test
  void leavesAnApplicationWithItsOwnMigrationsAlone(@TempDir Path classes) throws Exception {
    Files.createDirectories(classes.resolve("db/migration"));
    Files.writeString(classes.resolve("db/migration/V1__host.sql"), "CREATE TABLE HOST (ID INT);");
    MockEnvironment environment = new MockEnvironment();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      SpringApplication application = new SpringApplication();
      application.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(loader));

      processor.postProcessEnvironment(environment, application);
    }

    assertThat(environment.getProperty("spring.flyway.enabled")).isNull();
  }
}
