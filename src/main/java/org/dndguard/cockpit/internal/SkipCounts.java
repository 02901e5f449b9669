package org.dndguard.cockpit.internal;

import java.util.List;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How often DND Guard held back each step of a process definition: one grouped query over the
 * skip records, on the index by definition and step (migration V25).
 */
public class SkipCounts {

  private static final String BY_DEFINITION = "SELECT ACTIVITY_ID, OUTCOME, COUNT(*) AS N FROM DND_SKIP"
      + " WHERE PROCESS_DEFINITION_ID = ? GROUP BY ACTIVITY_ID, OUTCOME ORDER BY ACTIVITY_ID, OUTCOME";

  private final JdbcClient jdbc;

  /** The counts over DND Guard's skip records. */
  public SkipCounts(DndTables tables) {
    this.jdbc = tables.jdbc();
  }

  /** Per step and outcome, how many executions of the definition's instances were held back. */
  public List<Count> ofDefinition(String processDefinitionId) {
    return jdbc.sql(BY_DEFINITION).param(processDefinitionId)
        .query((rs, row) -> new Count(rs.getString("ACTIVITY_ID"), rs.getString("OUTCOME"),
            rs.getLong("N")))
        .list();
  }

  /**
   * @param activityId the step's element id
   * @param outcome SKIPPED, ROUTED, or whatever other outcome skip records carry (kept as text, so
   *     outcomes added later show as they are)
   * @param count how many times
   */
  public record Count(String activityId, String outcome, long count) {
  }
}
