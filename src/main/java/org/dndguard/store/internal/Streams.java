package org.dndguard.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The connection a streamed export reads on: read-only, in one repeatable-read transaction, so that
 * every cursor of the export sees the same snapshot (a consent file whose tables were read at
 * different moments could show a message without the change that blocked it) and so that
 * PostgreSQL's driver fetches rows in batches instead of the whole result (it streams only with
 * autocommit off). The connection's settings are put back before it returns to the pool.
 */
final class Streams {

  /** What runs on the connection. */
  interface Work {
    void run(Connection connection) throws Exception;
  }

  private Streams() {
  }

  /**
   * Runs the work on such a connection. What the work throws unchecked, and an {@link IOException}
   * of the output it writes to, is thrown as it is; anything else (a {@link SQLException}) as an
   * {@link IllegalStateException} saying what could not be read.
   *
   * @param what what the work reads, for the error, e.g. {@code the consent file of contact c-42}
   */
  static void read(DataSource dataSource, String what, Work work) throws IOException {
    try {
      readOn(dataSource, work);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Could not read " + what + ": " + e.getMessage(), e);
    }
  }

  private static void readOn(DataSource dataSource, Work work) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      boolean readOnly = connection.isReadOnly();
      int isolation = connection.getTransactionIsolation();
      try {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        work.run(connection);
      } finally {
        restore(connection, autoCommit, readOnly, isolation);
      }
    }
  }

  private static void restore(Connection connection, boolean autoCommit, boolean readOnly, int isolation)
      throws SQLException {
    try {
      // nothing was written: ending the read transaction
      connection.rollback();
    } finally {
      connection.setReadOnly(readOnly);
      connection.setTransactionIsolation(isolation);
      connection.setAutoCommit(autoCommit);
    }
  }
}
