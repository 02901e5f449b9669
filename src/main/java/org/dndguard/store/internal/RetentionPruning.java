package org.dndguard.store.internal;

import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes DND Guard's rows that are older than their retention, one batch per table per call, on
 * the connection of the data source it is given (the retention job's engine command, so that a
 * batch commits with the job). The audit trail is append-only for everything else in DND Guard:
 * this is the only code that deletes from it, and it never deletes the row that is the evidence of
 * a DND entry or topic opt-out still in force (an audit {@code SET} row whose contact, or address,
 * still has an entry of the same target and reason; a {@code TOPIC_LEFT} row whose contact has not
 * rejoined the topic), however old.
 *
 * <p>Two nodes that prune at once do not conflict: each batch deletes rows by key, and a row that
 * the other transaction deleted first is skipped.
 */
public class RetentionPruning {

  /** The outbox statuses of a message still on its way, never pruned. */
  static final String IN_FLIGHT = "'PENDING', 'CLAIMED', 'SENDING'";

  /**
   * How many rows one call deleted per table.
   *
   * @param audit audit rows
   * @param providerEvents provider event rows
   * @param skipRecords skip records
   * @param outbox outbox messages
   */
  public record Pruned(int audit, int providerEvents, int skipRecords, int outbox) {

    /** Whether some table had a whole batch to delete, so that more may wait. */
    public boolean anyFull(int batchSize) {
      return audit >= batchSize || providerEvents >= batchSize || skipRecords >= batchSize || outbox >= batchSize;
    }

    public int total() {
      return audit + providerEvents + skipRecords + outbox;
    }
  }

  /**
   * The cut-offs: rows recorded before each are due.
   *
   * @param audit audit rows recorded before this
   * @param providerEvents provider events received before this
   * @param skipRecords skip records recorded before this
   * @param outbox outbox messages in a final status last changed before this
   */
  public record Cutoffs(Instant audit, Instant providerEvents, Instant skipRecords, Instant outbox) {
  }

  private final JdbcClient jdbc;

  public RetentionPruning(DataSource dataSource) {
    this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** Deletes at most {@code batchSize} due rows of each table. */
  public Pruned pruneBatch(Cutoffs cutoffs, int batchSize) {
    int audit = jdbc.sql("DELETE FROM DND_AUDIT WHERE ID IN (SELECT a.ID FROM DND_AUDIT a WHERE a.RECORDED_AT < ?"
            + " AND NOT (a.ACTION = 'SET' AND EXISTS (SELECT 1 FROM DND_ENTRY e WHERE e.CONTACT_ID = a.CONTACT_ID"
            + " AND e.TARGET = a.TARGET AND e.REASON = a.REASON))"
            + " AND NOT (a.ACTION = 'SET' AND a.CONTACT_ID IS NULL AND EXISTS (SELECT 1 FROM DND_ADDRESS_ENTRY x"
            + " WHERE x.KIND = a.ADDRESS_KIND AND x.ADDRESS = a.ADDRESS AND x.TARGET = a.TARGET AND x.REASON = a.REASON))"
            + " AND NOT (a.ACTION = 'TOPIC_LEFT' AND EXISTS (SELECT 1 FROM DND_TOPIC_OPTOUT t"
            + " WHERE t.CONTACT_ID = a.CONTACT_ID AND t.TOPIC = a.TOPIC))"
            + " ORDER BY a.RECORDED_AT, a.ID FETCH FIRST ? ROWS ONLY)")
        .params(Columns.utc(cutoffs.audit()), batchSize).update();
    int providerEvents = jdbc.sql("DELETE FROM DND_PROVIDER_EVENT WHERE (PROVIDER, EVENT_KEY) IN (SELECT PROVIDER,"
            + " EVENT_KEY FROM DND_PROVIDER_EVENT WHERE RECEIVED_AT < ? ORDER BY RECEIVED_AT FETCH FIRST ? ROWS ONLY)")
        .params(Columns.utc(cutoffs.providerEvents()), batchSize).update();
    int skips = jdbc.sql("DELETE FROM DND_SKIP WHERE ID IN (SELECT ID FROM DND_SKIP WHERE RECORDED_AT < ?"
            + " ORDER BY RECORDED_AT, ID FETCH FIRST ? ROWS ONLY)")
        .params(Columns.utc(cutoffs.skipRecords()), batchSize).update();
    int outbox = jdbc.sql("DELETE FROM DND_OUTBOX WHERE ID IN (SELECT ID FROM DND_OUTBOX WHERE UPDATED_AT < ?"
            + " AND STATUS NOT IN (" + IN_FLIGHT + ") ORDER BY UPDATED_AT, ID FETCH FIRST ? ROWS ONLY)")
        .params(Columns.utc(cutoffs.outbox()), batchSize).update();
    return new Pruned(audit, providerEvents, skips, outbox);
  }
}
