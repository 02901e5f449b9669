package org.dndguard.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The databases DND Guard runs on, and the few statements that differ between them. */
public enum SqlDialect {
  H2,
  POSTGRESQL;

  /**
   * Detects the database behind the data source.
   *
   * @throws IllegalStateException naming the product when it is neither H2 nor PostgreSQL
   */
  public static SqlDialect of(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      if ("H2".equalsIgnoreCase(product)) {
        return H2;
      }
      if ("PostgreSQL".equalsIgnoreCase(product)) {
        return POSTGRESQL;
      }
      throw new IllegalStateException("DND Guard supports H2 and PostgreSQL; the engine's database is " + product);
    } catch (SQLException e) {
      throw new IllegalStateException("DND Guard could not read which database the engine uses", e);
    }
  }

  /**
   * Whether an insert can skip an existing key in the same statement. PostgreSQL aborts the whole
   * transaction on a duplicate key, so there we must; on H2 the failed insert is harmless.
   */
  String insertIgnoringDuplicates(String table, String columns, String placeholders, String keyColumns) {
    return switch (this) {
      case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders
          + ") ON CONFLICT (" + keyColumns + ") DO NOTHING";
      case H2 -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
    };
  }
}
