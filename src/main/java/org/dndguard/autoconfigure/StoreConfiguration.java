package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.DndClock;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.ComplianceReports;
import org.dndguard.store.internal.ConsentFile;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.LimitRules;
import org.dndguard.store.ContactDirectory;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.internal.DndChangePublisher;
import org.dndguard.store.internal.DndChangedHandler;
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

  /**
   * The clock of every DND timestamp; a {@code DndClock} bean of the host's replaces it (tests do).
   * Its own type, so that a host's {@code Clock} bean stays the only {@code Clock} in the context.
   */
  @Bean
  @ConditionalOnMissingBean
  DndClock dndClock() {
    return DndClock.systemUTC();
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
      DndClock dndClock) {
    // the handlers (the DndChanged delivery) need the engine, which needs this store: asked for per change
    DndChangePublisher publisher = new DndChangePublisher(events, () -> handlers.orderedStream().toList(),
        database.transactionManager(), DndMeters.registry(meterRegistry));
    return new DndService(tables, auditTrail, publisher, database.transactionManager(), addressNormalizer,
        dndClock.clock());
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
      DndClock dndClock) {
    return new LimitRules(tables, properties.limits().limitRules(), auditTrail, database.transactionManager(),
        dndClock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  CommunicationCounts dndCommunicationCounts(DndTables tables, LimitRules rules, ContactTimeZones timeZones) {
    return new CommunicationCounts(tables, rules, timeZones);
  }

  @Bean
  @ConditionalOnMissingBean
  ConsentFile dndConsentFile(DndTables tables, DndClock dndClock) {
    return new ConsentFile(tables, dndClock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  ComplianceReports dndComplianceReports(DndTables tables, DndClock dndClock) {
    return new ComplianceReports(tables, dndClock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  ContactService dndContactService(DndService dndService, AddressNormalizer addressNormalizer,
      ObjectProvider<ContactDirectory> directory) {
    // the host's CRM, when it provides one: unknown contacts are registered from it on first use
    return new ContactService(dndService, addressNormalizer, directory.getIfUnique());
  }
}
