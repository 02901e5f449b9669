package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * DND Guard uses the database the Camunda starter gives the engine: {@code camundaBpmDataSource}
 * and {@code camundaBpmTransactionManager} when the host defines them, its primary beans otherwise.
 */
class EngineDatabaseTest {

  private static final String MODEL = "setDndInAStep";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
          DataSourceTransactionManagerAutoConfiguration.class, CamundaBpmAutoConfiguration.class,
          DndGuardAutoConfiguration.class))
      .withPropertyValues("camunda.bpm.generate-unique-process-engine-name=true",
          "camunda.bpm.job-execution.enabled=false");

  @Test
  void dndTablesLiveInTheEnginesOwnDatabaseNotInTheHostsPrimaryOne() {
    runner.withUserConfiguration(SeparateEngineDatabase.class).run(context -> {
      assertThat(context).hasNotFailed();
      DataSource engine = context.getBean(EngineDatabase.CAMUNDA_DATA_SOURCE, DataSource.class);
      DataSource primary = context.getBean("dataSource", DataSource.class);
      assertThat(engineDataSourceOf(context)).as("the starter's choice").isSameAs(engine);

      EngineDatabase database = context.getBean(EngineDatabase.class);
      assertThat(database.dataSource()).isSameAs(engine);
      assertThat(database.transactionManager())
          .isSameAs(context.getBean(EngineDatabase.CAMUNDA_TRANSACTION_MANAGER));
      assertThat(tables(engine, "DND_CONTACT")).isOne();
      assertThat(tables(engine, "ACT_RU_EXECUTION")).isOne();
      assertThat(tables(primary, "DND_CONTACT")).isZero();
      assertThat(tables(primary, "ACT_RU_EXECUTION")).isZero();
    });
  }

  @Test
  void aDndWriteInAStepCommitsAndRollsBackWithTheEnginesTransaction() {
    runner.withUserConfiguration(SeparateEngineDatabase.class, SetDndInAStep.class).run(context -> {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      engine.getRepositoryService().createDeployment().addModelInstance(MODEL + ".bpmn",
          Bpmn.createExecutableProcess(MODEL).camundaHistoryTimeToLive(1)
              .startEvent().serviceTask("setDnd").camundaDelegateExpression("${setDndThenMaybeFail}")
              .endEvent().done()).deploy();
      ContactService contacts = context.getBean(ContactService.class);
      DndService dnd = context.getBean(DndService.class);
      contacts.register("c-rolled-back", new ContactAddresses(null, null, null, null, null), user());
      contacts.register("c-committed", new ContactAddresses(null, null, null, null, null), user());

      // the step sets DND, then fails: the engine rolls back its transaction, and the DND change with it
      assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(MODEL,
          Map.of("contactId", "c-rolled-back", "fail", true)))
          .hasMessageContaining("the step fails after setting DND");
      // the same step that does not fail commits its change
      engine.getRuntimeService().startProcessInstanceByKey(MODEL, Map.of("contactId", "c-committed", "fail", false));

      assertThat(dnd.record("c-rolled-back").entries()).isEmpty();
      assertThat(dnd.history("c-rolled-back", 0, 10)).noneMatch(row -> row.target() == DndTarget.SMS);
      assertThat(dnd.record("c-committed").isActive(DndTarget.SMS)).isTrue();
    });
  }

  @Test
  void withoutTheStartersNamedBeansThePrimaryOnesAreTheEngines() {
    runner.withUserConfiguration(TwoDataSourcesOnePrimary.class).run(context -> {
      DataSource primary = context.getBean("dataSource", DataSource.class);

      assertThat(engineDataSourceOf(context)).isSameAs(primary);
      assertThat(context.getBean(EngineDatabase.class).dataSource()).isSameAs(primary);
      assertThat(context.getBean(EngineDatabase.class).transactionManager())
          .isSameAs(context.getBean("transactionManager"));
      assertThat(tables(primary, "DND_CONTACT")).isOne();
      assertThat(tables(context.getBean("reportingDataSource", DataSource.class), "DND_CONTACT")).isZero();
    });
  }

  @Test
  void backsOffForAHostsOwnEngineDatabase() {
    runner.withUserConfiguration(SeparateEngineDatabase.class, HostsEngineDatabase.class).run(context -> {
      assertThat(context).hasSingleBean(EngineDatabase.class);
      assertThat(context.getBean(EngineDatabase.class)).isSameAs(context.getBean("hostsEngineDatabase"));
    });
  }

  private static DataSource engineDataSourceOf(ApplicationContext context) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
        .getProcessEngineConfiguration()).getDataSource();
    // Camunda's Spring configuration wraps the data source so that it takes part in Spring's transactions
    return dataSource instanceof TransactionAwareDataSourceProxy proxy ? proxy.getTargetDataSource() : dataSource;
  }

  private static long tables(DataSource dataSource, String name) {
    return JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ?")
        .param(name).query(Long.class).single();
  }

  private static Evidence user() {
    return Evidence.user("test", Instant.now());
  }

  /** A host whose engine has a database of its own, next to the application's primary one. */
  @Configuration(proxyBeanMethods = false)
  static class SeparateEngineDatabase {

    @Bean
    @Primary
    DataSource dataSource() {
      return TestDatabases.h2();
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    DataSource camundaBpmDataSource() {
      return TestDatabases.h2();
    }

    @Bean
    PlatformTransactionManager camundaBpmTransactionManager(
        @Qualifier(EngineDatabase.CAMUNDA_DATA_SOURCE) DataSource camundaBpmDataSource) {
      return new DataSourceTransactionManager(camundaBpmDataSource);
    }
  }

  /** A host with a second data source for something else, and no beans named for Camunda. */
  @Configuration(proxyBeanMethods = false)
  static class TwoDataSourcesOnePrimary {

    @Bean
    @Primary
    DataSource dataSource() {
      return TestDatabases.h2();
    }

    @Bean
    DataSource reportingDataSource() {
      return TestDatabases.h2();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SetDndInAStep {

    @Bean
    JavaDelegate setDndThenMaybeFail(DndService dnd) {
      return execution -> {
        dnd.set((String) execution.getVariable("contactId"), DndTarget.SMS,
            Evidence.workflow(execution.getProcessInstanceId(), Instant.now()));
        if (Boolean.TRUE.equals(execution.getVariable("fail"))) {
          throw new IllegalStateException("the step fails after setting DND");
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostsEngineDatabase {

    @Bean
    EngineDatabase hostsEngineDatabase() {
      DataSource dataSource = TestDatabases.h2();
      return new EngineDatabase(dataSource, new DataSourceTransactionManager(dataSource));
    }
  }
}
