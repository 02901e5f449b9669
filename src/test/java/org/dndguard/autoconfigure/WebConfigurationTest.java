package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.TestDatabases;
import org.dndguard.web.internal.ContactController;
import org.dndguard.web.internal.ContactDndController;
import org.dndguard.web.internal.DndOpenApiCustomizer;
import org.dndguard.web.internal.ProblemDetailsAdvice;
import org.dndguard.web.internal.UnexpectedErrorResolver;
import org.dndguard.web.internal.UnmatchedRequestResolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The HTTP API's beans come from the auto-configuration, and each backs off for a bean of the user's. */
class WebConfigurationTest {

  // as an auto-configuration, so that it comes after the user's beans, as it does in an application
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withUserConfiguration(Store.class)
      .withConfiguration(AutoConfigurations.of(WebConfiguration.class));

  @Test
  void aServletApplicationGetsTheControllersTheirErrorHandlingAndTheOpenApiAdditions() {
    web.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(ContactController.class);
      assertThat(context).hasSingleBean(ContactDndController.class);
      assertThat(context).hasSingleBean(ProblemDetailsAdvice.class);
      assertThat(context).hasSingleBean(UnmatchedRequestResolver.class);
      assertThat(context).hasSingleBean(UnexpectedErrorResolver.class);
      assertThat(context).hasSingleBean(DndOpenApiCustomizer.class);
    });
  }

  @Test
  void aUsersControllerReplacesDndGuards() {
    web.withUserConfiguration(UsersController.class).run(context -> {
      assertThat(context).hasSingleBean(ContactController.class);
      assertThat(context).hasBean("usersContactController");
      assertThat(context).doesNotHaveBean("dndContactController");
    });
  }

  @Test
  void withoutSpringdocThereAreNoOpenApiAdditions() {
    web.withClassLoader(new FilteredClassLoader("org.springdoc")).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(ContactController.class);
      assertThat(context).doesNotHaveBean(DndOpenApiCustomizer.class);
    });
  }

  @Test
  void anApplicationThatIsNoWebApplicationGetsNoneOfIt() {
    new ApplicationContextRunner().withUserConfiguration(Store.class)
        .withConfiguration(AutoConfigurations.of(WebConfiguration.class)).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(ContactController.class);
      assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class);
    });
  }

  /** The real store on a fresh H2, as the auto-configuration sets it up. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DndProperties.class)
  @Import(StoreConfiguration.class)
  static class Store {

    @Bean
    DataSource dataSource() {
      return TestDatabases.h2();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UsersController {

    @Bean
    ContactController usersContactController(ContactService contacts, DndService dnd,
        org.dndguard.store.internal.ContactTimeZones timeZones) {
      return new ContactController(contacts, dnd.clock(), timeZones);
    }
  }
}
