package org.dndguard.app;

import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.autoconfigure.EngineDatabase;
import org.dndguard.workflow.internal.CamundaTaskIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Adds Camunda's missing index on {@code ACT_RU_TASK(PARENT_TASK_ID_)} to the reference
 * application's database once the engine has created its tables, so that removal from all
 * workflows and task completion do not scan every open task. A host application is only told
 * (DND Guard logs the statement at start); this application, which owns its database, creates it.
 * With {@code dnd.enabled=false} there is no DND Guard and nothing to do.
 */
@Component
class ReferenceAppDatabase implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceAppDatabase.class);

  private final EngineDatabase database; // null with dnd.enabled=false: nothing of DND Guard, no index

  // the engine as a dependency: its tables exist before this runs
  ReferenceAppDatabase(ObjectProvider<EngineDatabase> database, ProcessEngine engine) {
    this.database = database.getIfAvailable();
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (database == null) {
      return;
    }
    try {
      if (CamundaTaskIndex.createIfMissing(database.dataSource())) {
        LOG.info("Created the index {} on ACT_RU_TASK(PARENT_TASK_ID_), which Camunda's schema lacks",
            CamundaTaskIndex.NAME);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the index " + CamundaTaskIndex.NAME + " ("
          + CamundaTaskIndex.CREATE_SQL + "): " + e.getMessage(), e);
    }
  }
}
