package org.dndguard.workflow.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index on {@code ACT_RU_TASK(PARENT_TASK_ID_)} that Camunda's schema lacks: deleting a process
 * instance (a removal from all workflows) and completing a task look up subtasks by that column, so
 * without the index both scan every open task (README, Performance, benchmark 4). It is named
 * {@value #NAME}, outside Camunda's {@code ACT_IDX_} names, so Camunda's own schema updates never
 * meet it.
 */
public final class CamundaTaskIndex {

  /** The index's name. */
  public static final String NAME = "DND_IDX_TASK_PARENT";
  /** The statement that creates it; the same on H2 and PostgreSQL. */
  public static final String CREATE_SQL = "CREATE INDEX " + NAME + " ON ACT_RU_TASK (PARENT_TASK_ID_)";

  private static final Logger LOG = LoggerFactory.getLogger(CamundaTaskIndex.class);
  private static final String TABLE = "ACT_RU_TASK";
  private static final String COLUMN = "PARENT_TASK_ID_";

  private CamundaTaskIndex() {
  }

  /** Whether any index of the engine's task table starts with {@code PARENT_TASK_ID_}. */
  public static boolean exists(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      for (String table : List.of(TABLE, TABLE.toLowerCase(Locale.ROOT))) {
        try (ResultSet index = meta.getIndexInfo(null, null, table, false, false)) {
          while (index.next()) {
            String column = index.getString("COLUMN_NAME");
            if (index.getShort("ORDINAL_POSITION") == 1 && column != null
                && column.replace("\"", "").equalsIgnoreCase(COLUMN)) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }

  /**
   * Tells a host at start when the index is missing; DND Guard does not change the engine's tables
   * of a host (the reference application creates it).
   */
  public static void warnIfMissing(DataSource dataSource) {
    try {
      if (!exists(dataSource)) {
        LOG.warn("Camunda's table ACT_RU_TASK has no index on PARENT_TASK_ID_: removing contacts from workflows"
            + " and completing tasks scan every open task. Create it once: {}", CREATE_SQL);
      }
    } catch (SQLException e) {
      LOG.warn("Could not check for the index on ACT_RU_TASK(PARENT_TASK_ID_): {}", e.getMessage());
    }
  }

  /** Creates the index when no index covers the column yet; returns whether it created one. */
  public static boolean createIfMissing(DataSource dataSource) throws SQLException {
    if (exists(dataSource)) {
      return false;
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(CREATE_SQL);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      return true;
    } catch (SQLException e) {
      // another node of a cluster, starting at the same time, may have created it first
      if (exists(dataSource)) {
        return false;
      }
      throw e;
    }
  }
}
