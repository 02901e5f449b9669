package org.dndguard.store;

import javax.sql.DataSource;
import org.dndguard.testsupport.TestDatabases;

class DndStorePostgresTest extends DndStoreContract {

  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
