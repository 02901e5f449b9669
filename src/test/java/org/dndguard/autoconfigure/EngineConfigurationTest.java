package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.dndguard.engine.SkipRecords;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.engine.camunda.DndGuardPlugin;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class EngineConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
          DataSourceTransactionManagerAutoConfiguration.class, CamundaBpmAutoConfiguration.class,
          DndGuardAutoConfiguration.class))
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:engine-configuration-test;DB_CLOSE_DELAY=-1",
          "camunda.bpm.generate-unique-process-engine-name=true", "camunda.bpm.job-execution.enabled=false");

  @Test
  void thePluginIsOnByDefault() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(DndGuardPlugin.class).hasSingleBean(StepGuard.class)
          .hasSingleBean(SkipRecords.class);
      assertThat(context.getBean(StepGuard.class).contactVariable()).isEqualTo("contactId");
    });
  }

  @Test
  void thePluginAndEveryOtherBeanAreOffWhenDndGuardIsDisabled() {
    // dnd.enabled=false switches off all of DND Guard, not only the engine plugin
    runner.withPropertyValues("dnd.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DndGuardPlugin.class)
            .doesNotHaveBean(SkipRecords.class).doesNotHaveBean(DndProperties.class));
  }

  @Test
  void theContactVariableIsBound() {
    runner.withPropertyValues("dnd.contact-variable=customerId")
        .run(context -> assertThat(context.getBean(StepGuard.class).contactVariable()).isEqualTo("customerId"));
  }

  @Test
  void thePluginBacksOffForAUsersPlugin() {
    runner.withUserConfiguration(UsersPlugin.class).run(context -> {
      assertThat(context).hasSingleBean(DndGuardPlugin.class);
      assertThat(context.getBean(DndGuardPlugin.class)).isSameAs(context.getBean(UsersPlugin.class).plugin);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class UsersPlugin {

    final DndGuardPlugin plugin = new DndGuardPlugin();

    @Bean
    DndGuardPlugin myDndGuardPlugin() {
      return plugin;
    }
  }
}
