package org.dndguard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

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
   * Inserts a row unless its key is taken, in the caller's transaction; true when this call inserted
   * it. An insert of a key that a concurrent transaction is inserting waits for that transaction and
   * then finds the key taken, on both databases, so exactly one of them claims the key.
   *
   * @param keyColumns the columns of the unique key, e.g. {@code "KIND, ADDRESS"}
   */
  public boolean insertOnce(JdbcClient jdbc, String table, String columns, String placeholders, String keyColumns,
      Object... values) {
    try {
      return jdbc.sql(insertIgnoringDuplicates(table, columns, placeholders, keyColumns)).params(values).update() > 0;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * An insert that skips an existing key in the same statement where it must: PostgreSQL aborts the
   * whole transaction on a duplicate key; on H2 the failed insert leaves its transaction usable.
   */
  private String insertIgnoringDuplicates(String table, String columns, String placeholders, String keyColumns) {
    return switch (this) {
      case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders
          + ") ON CONFLICT (" + keyColumns + ") DO NOTHING";
      case H2 -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
    };
  }

  /**
   * An aggregate joining the texts of {@code expression} over the rows, in {@code orderBy}'s order,
   * separated by {@code separator} (a literal); null over no rows.
   */
  String joinedText(String expression, String separator, String orderBy) {
    return switch (this) {
      case POSTGRESQL -> "STRING_AGG(" + expression + ", '" + separator + "' ORDER BY " + orderBy + ")";
      case H2 -> "LISTAGG(" + expression + ", '" + separator + "') WITHIN GROUP (ORDER BY " + orderBy + ")";
    };
  }

  /**
   * A statement that locks the rows of {@code table} matching {@code where} until the transaction
   * ends; run it with {@link #lock}, which says whether it locked any. PostgreSQL: {@code SELECT ... FOR UPDATE}, which
   * only marks the rows. H2: an update that sets {@code keyColumn} to itself, which H2 locks as it
   * locks any update; H2 parses a {@code SELECT ... FOR UPDATE} again at every execution (it keeps
   * no such statement in its per-connection cache), and on the webhook path that parsing was 15% of
   * a text's CPU (benchmark 5, docs/performance.md).
   */
  public String lockRows(String table, String keyColumn, String where) {
    return switch (this) {
      case POSTGRESQL -> "SELECT " + keyColumn + " FROM " + table + " WHERE " + where + " FOR UPDATE";
      case H2 -> "UPDATE " + table + " SET " + keyColumn + " = " + keyColumn + " WHERE " + where;
    };
  }

  /** Runs a {@link #lockRows} statement; true when it locked at least one row. */
  public boolean lock(JdbcClient.StatementSpec lock) {
    return switch (this) {
      case POSTGRESQL -> !lock.query(String.class).list().isEmpty();
      case H2 -> lock.update() > 0;
    };
  }

  /**
   * Runs a {@link #lockRows} statement, bound, on a connection of the caller's; true when it locked
   * at least one row.
   */
  public boolean lock(PreparedStatement lock) throws SQLException {
    return switch (this) {
      case POSTGRESQL -> {
        try (ResultSet rows = lock.executeQuery()) {
          yield rows.next();
        }
      }
      case H2 -> lock.executeUpdate() > 0;
    };
  }

  /** The {@link #lockRows} statement that locks a contact's {@code DND_CONTACT} row, by its id. */
  String lockContact() {
    return lockRows("DND_CONTACT", "CONTACT_ID", "CONTACT_ID = ?");
  }
}
