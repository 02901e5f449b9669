package com.example.campaigns;

import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.dndguard.engine.camunda.DndGuardPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/** A Spring application's engine, without Spring Boot: DND Guard is one engine plugin among the engine's. */
@Configuration(proxyBeanMethods = false)
public class CampaignsConfiguration {

  @Bean
  DataSource dataSource() {
    return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:campaigns;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "sa", "");
  }

  @Bean
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  SpringProcessEngineConfiguration processEngineConfiguration(DataSource dataSource,
      PlatformTransactionManager transactionManager) {
    SpringProcessEngineConfiguration configuration = new SpringProcessEngineConfiguration();
    configuration.setProcessEngineName("campaigns");
    configuration.setDataSource(dataSource);
    configuration.setTransactionManager(transactionManager);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(false);
    configuration.setHistory("full");
    configuration.setProcessEnginePlugins(List.of(new DndGuardPlugin()));
    configuration.setDeploymentResources(new Resource[] {new ClassPathResource("welcome.bpmn")});
    return configuration;
  }

  @Bean
  ProcessEngineFactoryBean processEngine(SpringProcessEngineConfiguration configuration) {
    ProcessEngineFactoryBean factory = new ProcessEngineFactoryBean();
    factory.setProcessEngineConfiguration(configuration);
    return factory;
  }
}
