package org.dndguard.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DND Guard's own tables, migrated by a Flyway of its own: migrations in {@code db/dndguard}, its
 * own history table, so a host application's Flyway (and its {@code flyway_schema_history}) is
 * untouched. Everything that reads or writes the tables takes this as a constructor argument, so
 * the migration has run before any of them is used.
 */
public final class DndSchema {

  public static final String LOCATION = "classpath:db/dndguard";
  public static final String HISTORY_TABLE = "dnd_schema_history";

  private static final Logger LOG = LoggerFactory.getLogger(DndSchema.class);

  private final SqlDialect dialect;

  private DndSchema(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Brings DND Guard's tables up to date in the data source and returns the schema. */
  public static DndSchema migrate(DataSource dataSource) {
    SqlDialect dialect = SqlDialect.of(dataSource);
    MigrateResult result = Flyway.configure(DndSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // the engine's schema is not empty (Camunda's tables), which is expected: start from zero
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("DND Guard migrated its tables to version {} ({} migrations)", result.targetSchemaVersion,
          result.migrationsExecuted);
    }
    return new DndSchema(dialect);
  }

  public SqlDialect dialect() {
    return dialect;
  }
}
