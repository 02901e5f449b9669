package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import javax.sql.DataSource;
import org.dndguard.contact.AddressNormalizer;
import org.dndguard.store.AuditTrail;
import org.dndguard.store.ComplianceReports;
import org.dndguard.store.ConsentFile;
import org.dndguard.store.CommunicationCounts;
import org.dndguard.store.LimitRules;
import org.dndguard.store.ContactDirectory;
import org.dndguard.store.ContactService;
import org.dndguard.store.ContactTimeZones;
import org.dndguard.store.DndChangePublisher;
import org.dndguard.store.DndChangedHandler;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.store.DndTables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The DND store on the engine's data source: the engine's database as every configuration uses it,
 * schema, audit trail, DND and contact services.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  /** The data source and transaction manager the Camunda starter gives the engine. */
  @Bean
  @ConditionalOnMissingBean
  EngineDatabase dndEngineDatabase(
      @Qualifier(EngineDatabase.CAMUNDA_DATA_SOURCE) ObjectProvider<DataSource> camundaDataSource,
      ObjectProvider<DataSource> dataSources,
      @Qualifier(EngineDatabase.CAMUNDA_TRANSACTION_MANAGER)
      ObjectProvider<PlatformTransactionManager> camundaTransactionManager,
      ObjectProvider<PlatformTransactionManager> transactionManagers) {
    return EngineDatabase.resolve(camundaDataSource, dataSources, camundaTransactionManager, transactionManagers);
  }

  /**
   * Migrates after the host's own database initialisation (its Flyway or Liquibase), never before
   * it; with {@code dnd.schema.migrate=false} only checks that a DBA created the tables.
   */
  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  DndSchema dndSchema(EngineDatabase database, DndProperties properties) {
    return properties.schema().migrate() ? DndSchema.migrate(database.dataSource())
        : DndSchema.verify(database.dataSource());
  }

  /** DND Guard's tables on the engine's data source: what every store, engine and Cockpit part reads and writes. */
  @Bean
  @ConditionalOnMissingBean
  DndTables dndTables(EngineDatabase database, DndSchema schema) {
    return new DndTables(database.dataSource(), schema);
  }

  /** The clock of every DND timestamp; a bean named {@code dndClock} of the user's replaces it (tests do). */
  @Bean
  @ConditionalOnMissingBean(name = "dndClock")
  Clock dndClock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  AddressNormalizer dndAddressNormalizer(DndProperties properties) {
    return new AddressNormalizer(properties.defaultRegion());
  }

  @Bean
  @ConditionalOnMissingBean
  AuditTrail dndAuditTrail(DndTables tables) {
    return new AuditTrail(tables);
  }

  @Bean
  @ConditionalOnMissingBean
  DndService dndService(EngineDatabase database, DndTables tables, AuditTrail auditTrail,
      ApplicationEventPublisher events, ObjectProvider<DndChangedHandler> handlers,
      ObjectProvider<MeterRegistry> meterRegistry, AddressNormalizer addressNormalizer,
      @Qualifier("dndClock") Clock clock) {
    // the handlers (the DndChanged delivery) need the engine, which needs this store: asked for per change
    DndChangePublisher publisher = new DndChangePublisher(events, () -> handlers.orderedStream().toList(),
        database.transactionManager(), meterRegistry.getIfUnique(() -> Metrics.globalRegistry));
    return new DndService(tables, auditTrail, publisher, database.transactionManager(), addressNormalizer, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  ContactTimeZones dndContactTimeZones(DndTables tables, DndProperties properties) {
    return new ContactTimeZones(tables, properties.quietHours().quietHours(), properties.quietHours().zone());
  }

  /** The communication limit rules: the properties' and those operators set through the API. */
  @Bean
  @ConditionalOnMissingBean
  LimitRules dndLimitRules(EngineDatabase database, DndTables tables, DndProperties properties, AuditTrail auditTrail,
      @Qualifier("dndClock") Clock clock) {
    return new LimitRules(tables, properties.limits().limitRules(), auditTrail, database.transactionManager(), clock);
  }

  @Bean
  @ConditionalOnMissingBean
  CommunicationCounts dndCommunicationCounts(DndTables tables, LimitRules rules, ContactTimeZones timeZones) {
    return new CommunicationCounts(tables, rules, timeZones);
  }

  @Bean
  @ConditionalOnMissingBean
  ConsentFile dndConsentFile(DndTables tables, @Qualifier("dndClock") Clock clock) {
    return new ConsentFile(tables, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  ComplianceReports dndComplianceReports(DndTables tables, @Qualifier("dndClock") Clock clock) {
    return new ComplianceReports(tables, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  ContactService dndContactService(DndService dndService, AddressNormalizer addressNormalizer,
      ObjectProvider<ContactDirectory> directory) {
    // the host's CRM, when it provides one: unknown contacts are registered from it on first use
    return new ContactService(dndService, addressNormalizer, directory.getIfUnique());
  }
}
