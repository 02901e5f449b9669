package org.dndguard.engine;

import static org.dndguard.store.internal.Columns.enumOrNull;
import static org.dndguard.store.internal.Columns.instant;
import static org.dndguard.store.internal.Columns.truncate;
import static org.dndguard.store.internal.Columns.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.dndguard.InternalApi;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The skip records: written on the engine's own connection, so that a record commits or rolls back
 * with its step (the engine adapter writes one command's records in one batch when the command
 * flushes); read through {@link #query()}.
 */
public class SkipRecords {

  static final String COLUMNS = "ID, PROCESS_INSTANCE_ID, PROCESS_DEFINITION_ID, ACTIVITY_ID, ACTIVITY_INSTANCE_ID,"
      + " CHANNEL, CONTACT_ID, OUTCOME, BLOCKED_BY, REASON, BLOCKED_SINCE, DETAIL, RECORDED_AT, TOPIC, RUN_AT, LIMIT_RULE";

  private static final String INSERT = "INSERT INTO DND_SKIP (PROCESS_INSTANCE_ID, PROCESS_DEFINITION_ID,"
      + " ACTIVITY_ID, ACTIVITY_INSTANCE_ID, CHANNEL, CONTACT_ID, OUTCOME, BLOCKED_BY, REASON, BLOCKED_SINCE, DETAIL,"
      + " RECORDED_AT, TOPIC, RUN_AT, LIMIT_RULE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcClient jdbc;

  /** The skip records in DND Guard's tables. */
  public SkipRecords(DndTables tables) {
    this(tables.jdbc());
  }

  private SkipRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A reader of the skip records in a database that DND Guard has already migrated, such as a
   * process engine's with the plugin; it runs no migration.
   */
  public static SkipRecords reading(DataSource dataSource) {
    return new SkipRecords(JdbcClient.create(dataSource));
  }

  /** A query over the records; without criteria it finds them all. */
  public SkipRecordQuery query() {
    return new SkipRecordQuery(jdbc);
  }

  /** The records of one process instance, in the order they were written. */
  public List<SkipRecord> ofProcessInstance(String processInstanceId) {
    return query().processInstanceId(processInstanceId).list();
  }

  /**
   * Appends a record on the given connection, which stays open: the caller's transaction decides
   * whether it commits.
   */
  void append(Connection connection, SkipRecord record) throws SQLException {
    appendAll(connection, List.of(record));
  }

  /**
   * Appends records on the given connection in one JDBC batch, in their order, which stays open:
   * the caller's transaction decides whether they commit. The engine adapter writes the skip
   * records of one engine command with it when the command flushes; one record is a plain insert.
   */
  @InternalApi
  public static void appendAll(Connection connection, List<SkipRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (SkipRecord record : records) {
        bind(insert, record);
        if (records.size() == 1) {
          insert.executeUpdate();
        } else {
          insert.addBatch();
        }
      }
      if (records.size() > 1) {
        insert.executeBatch();
      }
    }
  }

  private static void bind(PreparedStatement insert, SkipRecord record) throws SQLException {
    insert.setString(1, record.processInstanceId());
    insert.setString(2, record.processDefinitionId());
    insert.setString(3, record.activityId());
    insert.setString(4, record.activityInstanceId());
    insert.setString(5, record.channel().name());
    insert.setString(6, record.contactId());
    insert.setString(7, record.outcome().name());
    insert.setString(8, record.blockedBy() == null ? null : record.blockedBy().name());
    insert.setString(9, record.reason() == null ? null : record.reason().name());
    insert.setObject(10, utc(record.blockedSince()));
    insert.setString(11, truncate(record.detail(), 1000));
    insert.setObject(12, utc(record.recordedAt()));
    insert.setString(13, record.topic());
    insert.setObject(14, utc(record.runAt()));
    insert.setString(15, record.limitRule());
  }

  static SkipRecord map(ResultSet rs, int row) throws SQLException {
    return new SkipRecord(rs.getLong("ID"), rs.getString("PROCESS_INSTANCE_ID"), rs.getString("PROCESS_DEFINITION_ID"),
        rs.getString("ACTIVITY_ID"), rs.getString("ACTIVITY_INSTANCE_ID"), Channel.valueOf(rs.getString("CHANNEL")),
        rs.getString("CONTACT_ID"), StepOutcome.valueOf(rs.getString("OUTCOME")),
        enumOrNull(DndTarget.class, rs.getString("BLOCKED_BY")), enumOrNull(DndReason.class, rs.getString("REASON")),
        instant(rs, "BLOCKED_SINCE"), rs.getString("DETAIL"), instant(rs, "RECORDED_AT"), rs.getString("TOPIC"),
        instant(rs, "RUN_AT"), rs.getString("LIMIT_RULE"));
  }
}
