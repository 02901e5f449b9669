package org.dndguard.store.internal;

import static org.dndguard.store.internal.Columns.enumOrNull;
import static org.dndguard.store.internal.Columns.instant;
import static org.dndguard.store.internal.Columns.truncate;
import static org.dndguard.store.internal.Columns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.DndDecision;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only audit trail. It has no update and no delete: a row, once written, stays until
 * its retention has passed, when only the retention job ({@link RetentionPruning}) deletes it, and
 * never while it is the evidence of a DND in force. Writes join the caller's transaction, so a
 * change commits with its audit row or not at all.
 */
public class AuditTrail {

  private static final String COLUMNS = "ID, CONTACT_ID, ADDRESS_KIND, ADDRESS, ACTION, TARGET, REASON,"
      + " STATUS_AFTER, SOURCE, ACTOR, PROVIDER_EVENT_ID, MESSAGE_ID, CODE, KEYWORD, NOTE, MESSAGE,"
      + " RECEIVED_AT, RECORDED_AT, TOPIC, REPLY_TEXT, REPLY_LANGUAGE, REPLY_RULE";

  private final JdbcClient jdbc;

  public AuditTrail(DndTables tables) {
    this.jdbc = tables.jdbc();
  }

  public void append(AuditRecord record) {
    Evidence evidence = record.evidence();
    jdbc.sql("INSERT INTO DND_AUDIT (CONTACT_ID, ADDRESS_KIND, ADDRESS, ACTION, TARGET, REASON, STATUS_AFTER,"
            + " SOURCE, ACTOR, PROVIDER_EVENT_ID, MESSAGE_ID, CODE, KEYWORD, NOTE, MESSAGE, RECEIVED_AT, RECORDED_AT,"
            + " TOPIC, REPLY_TEXT, REPLY_LANGUAGE, REPLY_RULE)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(record.contactId(), name(record.addressKind()), record.address(), record.action().name(),
            name(record.target()), name(record.reason()), name(record.statusAfter()), evidence.source().name(),
            evidence.actor(), evidence.providerEventId(), evidence.messageId(), evidence.code(),
            evidence.keyword(), evidence.note(), truncate(record.message(), 2000), utc(evidence.receivedAt()),
            utc(record.recordedAt()), record.topic(), DndRepository.replyText(evidence),
            DndRepository.replyLanguage(evidence), DndRepository.replyRule(evidence))
        .update();
  }

  /** A contact's trail, newest first. */
  public List<AuditRecord> history(String contactId, int page, int size) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_AUDIT WHERE CONTACT_ID = ? ORDER BY ID DESC"
            + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(contactId, (long) page * size, size)
        .query(AuditTrail::map)
        .list();
  }

  /**
   * The record the contact's trail replays to: every SET turns its entry on, every CLEARED turns it
   * off, in the order they committed. For a consistent store it equals the contact's record.
   */
  public DndRecord replay(String contactId) {
    DndRecord record = DndRecord.empty(contactId);
    for (AuditRecord row : inOrder(contactId)) {
      if (row.target() == null || row.reason() == null) {
        continue;
      }
      DndEntry entry = new DndEntry(row.target(), row.reason(), row.evidence().receivedAt(), row.evidence());
      if (row.action() == AuditAction.SET) {
        record = new DndDecision(contactId, null, List.of(entry), List.of(), Optional.empty()).applyTo(record);
      } else if (row.action() == AuditAction.CLEARED) {
        record = new DndDecision(contactId, null, List.of(), List.of(entry), Optional.empty()).applyTo(record);
      }
    }
    return record;
  }

  /** How many rows a contact's trail has. */
  public long count(String contactId) {
    return jdbc.sql("SELECT COUNT(*) FROM DND_AUDIT WHERE CONTACT_ID = ?").param(contactId)
        .query(Long.class).single();
  }

  /** A contact's whole trail in the order it was written, oldest first, for replay. */
  public List<AuditRecord> inOrder(String contactId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_AUDIT WHERE CONTACT_ID = ? ORDER BY ID")
        .param(contactId)
        .query(AuditTrail::map)
        .list();
  }

  /** The trail of an address (events for it, whether or not a contact had it), newest first. */
  public List<AuditRecord> addressHistory(AddressKind kind, String address, int page, int size) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_AUDIT WHERE ADDRESS_KIND = ? AND ADDRESS = ?"
            + " ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(kind.name(), address, (long) page * size, size)
        .query(AuditTrail::map)
        .list();
  }

  private static AuditRecord map(ResultSet rs, int row) throws SQLException {
    Evidence evidence = DndRepository.evidence(rs, instant(rs, "RECEIVED_AT"));
    return new AuditRecord(rs.getLong("ID"), rs.getString("CONTACT_ID"),
        enumOrNull(AddressKind.class, rs.getString("ADDRESS_KIND")), rs.getString("ADDRESS"),
        AuditAction.valueOf(rs.getString("ACTION")), enumOrNull(DndTarget.class, rs.getString("TARGET")),
        enumOrNull(DndReason.class, rs.getString("REASON")), enumOrNull(DndStatus.class, rs.getString("STATUS_AFTER")),
        evidence, rs.getString("MESSAGE"), instant(rs, "RECORDED_AT"), rs.getString("TOPIC"));
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
