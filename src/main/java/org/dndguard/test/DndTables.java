package org.dndguard.test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dndguard.store.DndSchema;

/**
 * DND Guard's tables in a test database, found by their {@code DND_} prefix in the database's own
 * metadata (so tables added by later migrations are included), without Flyway's history table.
 * Only {@link DndGuardExtension} uses it: emptying the audit trail is never right outside a test.
 */
final class DndTables {

  static final String PREFIX = "DND_";

  private final DataSource dataSource;

  DndTables(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The row count of every DND Guard table that has rows, in the database's spelling of its name. */
  Rows rows() {
    return withConnection(connection -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      try (Statement statement = connection.createStatement()) {
        for (String table : names(connection)) {
          try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quoted(connection, table))) {
            count.next();
            if (count.getLong(1) > 0) {
              counts.put(table, count.getLong(1));
            }
          }
        }
      }
      return new Rows(counts);
    });
  }

  /**
   * Deletes every row of every DND Guard table. A table whose rows others still reference (a foreign
   * key) is emptied in a later round, after the tables that reference it.
   *
   * @throws IllegalStateException naming the tables that could not be emptied and the database's reason
   */
  void deleteAll() {
    withConnection(connection -> {
      List<String> remaining = names(connection);
      while (!remaining.isEmpty()) {
        List<String> failed = new ArrayList<>();
        SQLException reason = null;
        for (String table : remaining) {
          try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + quoted(connection, table));
          } catch (SQLException e) {
            failed.add(table);
            reason = e;
          }
        }
        if (failed.size() == remaining.size()) {
          throw new IllegalStateException("DndGuardExtension could not empty DND Guard's tables " + failed
              + " after the test: " + reason.getMessage(), reason);
        }
        remaining = failed;
      }
      return null;
    });
  }

  private static List<String> names(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> names = new ArrayList<>();
    try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
        new String[] {"TABLE"})) {
      while (tables.next()) {
        String name = tables.getString("TABLE_NAME");
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith(PREFIX) && !upper.equals(DndSchema.HISTORY_TABLE.toUpperCase(Locale.ROOT))) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static String quoted(Connection connection, String table) throws SQLException {
    String quote = connection.getMetaData().getIdentifierQuoteString().trim();
    return quote + table + quote;
  }

  private <T> T withConnection(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try {
        return work.run(connection);
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DndGuardExtension could not read DND Guard's tables: " + e.getMessage(), e);
    }
  }

  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Row counts by table; reads {@code DND_CONTACT 1 row, DND_AUDIT 3 rows}. */
  record Rows(Map<String, Long> counts) {

    boolean isEmpty() {
      return counts.isEmpty();
    }

    @Override
    public String toString() {
      return counts.entrySet().stream()
          .map(entry -> entry.getKey() + " " + entry.getValue() + (entry.getValue() == 1 ? " row" : " rows"))
          .collect(Collectors.joining(", "));
    }
  }
}
