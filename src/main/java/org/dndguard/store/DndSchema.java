package org.dndguard.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.dndguard.InternalApi;
import org.dndguard.store.internal.SqlDialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
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
  private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

  private final SqlDialect dialect;

  private DndSchema(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Brings DND Guard's tables up to date in the data source and returns the schema. */
  public static DndSchema migrate(DataSource dataSource) {
    SqlDialect dialect = SqlDialect.of(dataSource);
    MigrateResult result = flyway(dataSource).migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("DND Guard migrated its tables to version {} ({} migrations)", result.targetSchemaVersion,
          result.migrationsExecuted);
    }
    return new DndSchema(dialect);
  }

  /**
   * The schema as a DBA created it ({@code dnd.schema.migrate=false}): nothing is changed, but DND
   * Guard refuses to start when a table of its scripts is missing, or when its history table (if
   * the scripts were run with Flyway) shows scripts not yet run.
   *
   * @throws IllegalStateException naming what is missing and how to create it
   */
  public static DndSchema verify(DataSource dataSource) {
    SqlDialect dialect = SqlDialect.of(dataSource);
    Flyway flyway = flyway(dataSource);
    List<String> missing = new ArrayList<>();
    List<String> scripts = new ArrayList<>();
    for (MigrationInfo migration : flyway.info().all()) {
      scripts.add(migration.getScript());
      missing.addAll(missingTables(dataSource, migration.getScript()));
    }
    boolean hasHistory = tableExists(dataSource, HISTORY_TABLE);
    List<String> pending = hasHistory
        ? Arrays.stream(flyway.info().pending()).map(MigrationInfo::getScript).toList() : List.of();
    if (!missing.isEmpty() || !pending.isEmpty()) {
      throw new IllegalStateException("DND Guard's tables are not up to date and dnd.schema.migrate=false leaves"
          + " them to you: " + (missing.isEmpty() ? "" : "missing tables " + missing + "; ")
          + (pending.isEmpty() ? "" : "scripts not run " + pending + "; ") + "run the scripts " + scripts
          + " of db/dndguard in the dnd-guard jar in this order, or set dnd.schema.migrate=true");
    }
    LOG.info("DND Guard's tables are in place; dnd.schema.migrate=false: DND Guard changes none of them");
    return new DndSchema(dialect);
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(DndSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // the engine's schema is not empty (Camunda's tables), which is expected: start from zero
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  private static List<String> missingTables(DataSource dataSource, String script) {
    String sql;
    try (InputStream in = DndSchema.class.getClassLoader().getResourceAsStream("db/dndguard/" + script)) {
      sql = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing = new ArrayList<>();
    Matcher created = CREATE_TABLE.matcher(sql);
    while (created.find()) {
      if (!tableExists(dataSource, created.group(1))) {
        missing.add(created.group(1));
      }
    }
    return missing;
  }

  private static boolean tableExists(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
        try (ResultSet tables = meta.getTables(null, null, name, null)) {
          if (tables.next()) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the database's tables to check DND Guard's: " + e.getMessage(),
          e);
    }
  }

  @InternalApi
  public SqlDialect dialect() {
    return dialect;
  }
}
