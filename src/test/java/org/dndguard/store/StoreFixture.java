package org.dndguard.store;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.testsupport.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The store wired by hand on a real database, as the auto-configuration wires it. */
final class StoreFixture {

  final DataSource dataSource;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  final List<Object> events = new CopyOnWriteArrayList<>();
  final DataSourceTransactionManager transactions;
  final AuditTrail audit;
  final DndService dnd;
  final ContactService contacts;
  final DndTables tables;
  final JdbcClient jdbc;

  StoreFixture(DataSource dataSource) {
    this(dataSource, DndSchema.migrate(dataSource));
  }

  /** On a data source whose schema is migrated already (a small pool of the same database, say). */
  StoreFixture(DataSource dataSource, DndSchema schema) {
    this.dataSource = dataSource;
    this.tables = new DndTables(dataSource, schema);
    this.jdbc = tables.jdbc();
    this.transactions = new DataSourceTransactionManager(dataSource);
    this.audit = new AuditTrail(tables);
    AddressNormalizer normalizer = new AddressNormalizer("US");
    this.dnd = new DndService(tables, audit, events::add, transactions, normalizer, clock);
    this.contacts = new ContactService(dnd, normalizer);
  }

  TransactionTemplate transaction() {
    return new TransactionTemplate(transactions);
  }

  long rows(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  List<DndChangedEvent> changes() {
    return events.stream().filter(DndChangedEvent.class::isInstance).map(DndChangedEvent.class::cast).toList();
  }
}
