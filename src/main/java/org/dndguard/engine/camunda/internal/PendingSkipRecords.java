package org.dndguard.engine.camunda.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.dndguard.engine.DndGuardException;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SkipRecords;

/**
 * The skip records of one engine command, written in one JDBC batch when the command flushes, on
 * its own connection and inside its transaction: a record still commits or rolls back with its
 * step, and a command that skips five steps makes one round trip for their records instead of
 * five. Nothing reads skip records inside the command that writes them (the API, Cockpit, the
 * assertions and the reports read committed ones), so writing them at the flush changes nothing a
 * reader sees.
 */
public final class PendingSkipRecords implements Session {

  private final List<SkipRecord> records = new ArrayList<>();

  void add(SkipRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {
    if (records.isEmpty()) {
      return;
    }
    List<SkipRecord> batch = List.copyOf(records);
    records.clear();
    try {
      SkipRecords.appendAll(Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection(), batch);
    } catch (SQLException | RuntimeException e) {
      // without its record a skip could not be shown to anyone, so the command fails and nothing commits
      throw new DndGuardException("DND Guard could not write the skip records of " + describe(batch)
          + ", so the engine command failed and none of its steps committed: " + e.getMessage(), e);
    }
  }

  private static String describe(List<SkipRecord> batch) {
    List<String> steps = batch.stream()
        .map(record -> "'" + record.activityId() + "' of process instance " + record.processInstanceId())
        .distinct().limit(5).toList();
    return String.join(", ", steps) + (batch.size() > steps.size() ? " and others" : "");
  }

  @Override
  public void close() {
    // nothing held: the records went through the engine's transaction
  }

  /** Opens one {@link PendingSkipRecords} per engine command. */
  public static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return PendingSkipRecords.class;
    }

    @Override
    public Session openSession() {
      return new PendingSkipRecords();
    }
  }
}
