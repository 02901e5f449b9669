package org.dndguard.autoconfigure.internal;

import java.io.IOException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Keeps Spring Boot's Flyway off in applications that do not use Flyway themselves.
 *
 * <p>DND Guard brings flyway-core for its own tables, and Spring Boot switches its Flyway on as soon
 * as the class is present. In an application with no migrations of its own, Boot's Flyway would then
 * meet Camunda's tables and refuse to start ("non-empty schema but no schema history table"). So
 * when the application has said nothing about {@code spring.flyway.enabled} or
 * {@code spring.flyway.locations} and has no {@code db/migration} on its class path, this adds the
 * default {@code spring.flyway.enabled=false}, with the lowest precedence. An application that uses
 * Flyway keeps it exactly as it was.
 */
public class HostFlywayEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "dndGuardHostFlywayDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.containsProperty("spring.flyway.enabled") || environment.containsProperty("spring.flyway.locations")
        || hasOwnMigrations(application)) {
      return;
    }
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of("spring.flyway.enabled", "false")));
  }

  private static boolean hasOwnMigrations(SpringApplication application) {
    ClassLoader classLoader = application.getClassLoader();
    try {
      return new PathMatchingResourcePatternResolver(classLoader).getResources("classpath*:db/migration/**").length > 0;
    } catch (IOException e) {
      // cannot tell: leave Boot's Flyway as Boot configures it
      return true;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
