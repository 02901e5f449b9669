package org.dndguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SqlDialect#insertOnce}, on each real database: a key is inserted once, a second insert of
 * it says so, and the transaction goes on (PostgreSQL would abort it on a plain duplicate insert).
 */
class InsertOnceTest {

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aKeyIsInsertedOnceAndTheTransactionGoesOn(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    JdbcClient jdbc = JdbcClient.create(database);
    jdbc.sql("CREATE TABLE CLAIMED (KIND VARCHAR(10), ADDRESS VARCHAR(40), NOTE VARCHAR(10), PRIMARY KEY (KIND, ADDRESS))")
        .update();

    new TransactionTemplate(new DataSourceTransactionManager(database)).executeWithoutResult(tx -> {
      assertThat(dialect.insertOnce(jdbc, "CLAIMED", "KIND, ADDRESS, NOTE", "?, ?, ?", "KIND, ADDRESS",
          "PHONE", "+15550100", "first")).isTrue();
      assertThat(dialect.insertOnce(jdbc, "CLAIMED", "KIND, ADDRESS, NOTE", "?, ?, ?", "KIND, ADDRESS",
          "PHONE", "+15550100", "second")).as("the key is taken").isFalse();
      assertThat(dialect.insertOnce(jdbc, "CLAIMED", "KIND, ADDRESS, NOTE", "?, ?, ?", "KIND, ADDRESS",
          "EMAIL", "ann@example.com", "other")).as("the transaction is still usable").isTrue();
    });

    assertThat(jdbc.sql("SELECT KIND || ' ' || NOTE FROM CLAIMED ORDER BY KIND").query(String.class).list())
        .containsExactly("EMAIL other", "PHONE first");
  }
}
