package org.dndguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

  @Test
  void postgresStartsAndGivesFreshDatabases() throws Exception {
    try (Connection a = TestDatabases.postgres().getConnection();
        Connection b = TestDatabases.postgres().getConnection()) {
      assertThat(a.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      assertThat(a.getCatalog()).isNotEqualTo(b.getCatalog());
    }
  }
}
