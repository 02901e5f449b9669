package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * A context that binds {@code dnd.*} into {@link DndProperties} and nothing else: what the tests of
 * one group of properties (defaults, overrides, refused values) run, so binding and its checks are
 * tested without the beans that use them.
 */
final class DndPropertiesContext {

  private DndPropertiesContext() {
  }

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner().withUserConfiguration(Binding.class);
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DndProperties.class)
  static class Binding {
  }
}
