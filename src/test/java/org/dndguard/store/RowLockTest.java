package org.dndguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SqlDialect#lockRows}, on each real database: the row stays locked against a second
 * connection until the first one's transaction ends, a missing row locks nothing, and the locked
 * row is left as it was; through a {@code JdbcClient} and on a connection of the caller's.
 */
class RowLockTest {

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aLockedRowWaitsForTheLockingTransactionAndIsLeftAsItWas(SqlDialect dialect) throws Exception {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    assertThat(SqlDialect.of(database)).isEqualTo(dialect);
    JdbcClient jdbc = JdbcClient.create(database);
    jdbc.sql("CREATE TABLE LOCKED (KIND VARCHAR(10), ADDRESS VARCHAR(40), NOTE VARCHAR(10), PRIMARY KEY (KIND, ADDRESS))")
        .update();
    jdbc.sql("INSERT INTO LOCKED VALUES ('PHONE', '+15550100', 'kept')").update();
    String lock = dialect.lockRows("LOCKED", "KIND", "KIND = ? AND ADDRESS = ?");

    new TransactionTemplate(new DataSourceTransactionManager(database)).executeWithoutResult(tx -> {
      assertThat(dialect.lock(jdbc.sql(lock).params("PHONE", "+15550100"))).isTrue();
      assertThat(dialect.lock(jdbc.sql(lock).params("PHONE", "+15550199"))).as("no such row").isFalse();
      // a second connection cannot take the lock while this transaction holds it
      assertThatThrownBy(() -> tryToLock(database, dialect, lock)).isInstanceOf(SQLException.class);
    });

    assertThat(tryToLock(database, dialect, lock)).as("free once the first transaction ended").isTrue();
    assertThat(jdbc.sql("SELECT KIND || ' ' || ADDRESS || ' ' || NOTE FROM LOCKED").query(String.class).list())
        .containsExactly("PHONE +15550100 kept");
  }

  /** Locks the row on a connection of its own that waits at most a short while. */
  private static boolean tryToLock(DataSource database, SqlDialect dialect, String lock) throws SQLException {
    try (Connection connection = database.getConnection(); Statement settings = connection.createStatement()) {
      connection.setAutoCommit(false);
      settings.execute(dialect == SqlDialect.H2 ? "SET LOCK_TIMEOUT 300" : "SET lock_timeout = '300ms'");
      try (PreparedStatement statement = connection.prepareStatement(lock)) {
        statement.setString(1, "PHONE");
        statement.setString(2, "+15550100");
        return dialect.lock(statement);
      } finally {
        connection.rollback();
      }
    }
  }
}
