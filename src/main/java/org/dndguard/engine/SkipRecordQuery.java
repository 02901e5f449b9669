package org.dndguard.engine;

import java.util.ArrayList;
import java.util.List;
import org.dndguard.contact.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A query over skip records, in the style of the engine's own queries: add criteria, then
 * {@link #list()} (oldest first) or {@link #count()}. Every criterion narrows the result.
 */
public class SkipRecordQuery {

  private final JdbcClient jdbc;
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  SkipRecordQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public SkipRecordQuery processInstanceId(String processInstanceId) {
    return where("PROCESS_INSTANCE_ID", processInstanceId);
  }

  public SkipRecordQuery activityId(String activityId) {
    return where("ACTIVITY_ID", activityId);
  }

  public SkipRecordQuery contactId(String contactId) {
    return where("CONTACT_ID", contactId);
  }

  public SkipRecordQuery channel(Channel channel) {
    return where("CHANNEL", channel.name());
  }

  /** Only records with this outcome: {@link StepOutcome#SKIPPED} or {@link StepOutcome#ROUTED}. */
  public SkipRecordQuery outcome(StepOutcome outcome) {
    return where("OUTCOME", outcome.name());
  }

  /** The matching records, oldest first. */
  public List<SkipRecord> list() {
    return jdbc.sql("SELECT " + SkipRecords.COLUMNS + " FROM DND_SKIP" + whereClause() + " ORDER BY ID")
        .params(params)
        .query(SkipRecords::map)
        .list();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM DND_SKIP" + whereClause()).params(params).query(Long.class).single();
  }

  private SkipRecordQuery where(String column, String value) {
    if (value == null) {
      throw new IllegalArgumentException("A skip record query criterion needs a value; " + column + " was null");
    }
    conditions.add(column + " = ?");
    params.add(value);
    return this;
  }

  private String whereClause() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }
}
