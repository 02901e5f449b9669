package org.dndguard.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.dndguard.InternalApi;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.workflow.internal.ContactInstanceIndexUpdates;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The indexed table of running process instances per contact ({@code DND_CONTACT_INSTANCE}).
 * Finding a contact's instances is one query on an index of the contact id, so it costs the same
 * with a hundred or a million other instances running. The engine adapter's plugin
 * ({@link org.dndguard.engine.camunda.ContactInstanceIndexPlugin}, through
 * {@link ContactInstanceIndexUpdates}) keeps the table in step with the engine, in the engine's own
 * transactions; a removal only locks rows, and drops those whose instances are gone.
 */
public class ContactInstanceIndex {

  private static final String COLUMNS =
      "PROCESS_INSTANCE_ID, CONTACT_ID, ROOT_PROCESS_INSTANCE_ID, SUPER_PROCESS_INSTANCE_ID";

  private static final RowMapper<IndexedInstance> ROW = (rs, row) -> new IndexedInstance(
      rs.getString("PROCESS_INSTANCE_ID"), rs.getString("CONTACT_ID"), rs.getString("ROOT_PROCESS_INSTANCE_ID"),
      rs.getString("SUPER_PROCESS_INSTANCE_ID"));

  private final JdbcTemplate jdbc;
  private final String upsert;

  public ContactInstanceIndex(DndTables tables) {
    // batches, which JdbcClient does not have
    this.jdbc = new JdbcTemplate(tables.dataSource());
    this.upsert = upsertStatement(tables.dialect());
  }

  /** The contact's running process instances, sub-process instances included, in id order. */
  public List<IndexedInstance> instancesOf(String contactId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM DND_CONTACT_INSTANCE WHERE CONTACT_ID = ? ORDER BY PROCESS_INSTANCE_ID",
        ROW, ContactIds.require(contactId));
  }

  /** The row of one process instance, if it has a contact. */
  public Optional<IndexedInstance> find(String processInstanceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM DND_CONTACT_INSTANCE WHERE PROCESS_INSTANCE_ID = ?", ROW,
        processInstanceId).stream().findFirst();
  }

  /**
   * Locks the row of a process instance until the caller's transaction ends, so that two removals
   * of one instance take turns: the second waits, then finds the row gone with the instance.
   *
   * @return the instance's contact, or empty when it has no row (any more)
   */
  Optional<String> lock(String processInstanceId) {
    return jdbc.queryForList("SELECT CONTACT_ID FROM DND_CONTACT_INSTANCE WHERE PROCESS_INSTANCE_ID = ? FOR UPDATE",
        String.class, processInstanceId).stream().findFirst();
  }

  /**
   * Writes rows and removes others, in the caller's transaction: the engine plugin calls this when
   * a command's changes are flushed, so the index commits with the engine's own rows.
   */
  @InternalApi
  public void write(Collection<IndexedInstance> rows, Collection<String> removedProcessInstanceIds) {
    if (!removedProcessInstanceIds.isEmpty()) {
      List<Object[]> ids = removedProcessInstanceIds.stream().map(id -> new Object[] {id}).toList();
      jdbc.batchUpdate("DELETE FROM DND_CONTACT_INSTANCE WHERE PROCESS_INSTANCE_ID = ?", ids);
    }
    if (!rows.isEmpty()) {
      List<Object[]> values = new ArrayList<>(rows.size());
      for (IndexedInstance row : rows) {
        values.add(new Object[] {row.processInstanceId(), row.contactId(), row.rootProcessInstanceId(),
            row.superProcessInstanceId()});
      }
      jdbc.batchUpdate(upsert, values);
    }
  }

  /**
   * Drops rows whose process instances no longer exist. They appear only when an instance ended
   * where DND Guard's plugin did not run (a cluster node without it, say).
   */
  void forget(Collection<String> processInstanceIds) {
    write(List.of(), processInstanceIds);
  }

  private static String upsertStatement(SqlDialect dialect) {
    return switch (dialect) {
      case H2 -> "MERGE INTO DND_CONTACT_INSTANCE (" + COLUMNS + ") KEY (PROCESS_INSTANCE_ID) VALUES (?, ?, ?, ?)";
      case POSTGRESQL -> "INSERT INTO DND_CONTACT_INSTANCE (" + COLUMNS + ") VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (PROCESS_INSTANCE_ID) DO UPDATE SET CONTACT_ID = EXCLUDED.CONTACT_ID,"
          + " ROOT_PROCESS_INSTANCE_ID = EXCLUDED.ROOT_PROCESS_INSTANCE_ID,"
          + " SUPER_PROCESS_INSTANCE_ID = EXCLUDED.SUPER_PROCESS_INSTANCE_ID";
    };
  }
}
