package org.dndguard.store;

import javax.sql.DataSource;
import org.dndguard.testsupport.TestDatabases;

class DndStoreH2Test extends DndStoreContract {

  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
