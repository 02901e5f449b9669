package org.dndguard.store.internal;

import static org.dndguard.store.internal.Columns.instant;
import static org.dndguard.store.internal.Columns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.contact.Source;
import org.dndguard.contact.TopicEntry;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL behind contacts, addresses and DND entries. Every method joins the caller's transaction. */
public class DndRepository {

  private static final String EVIDENCE_COLUMNS =
      "SINCE, SOURCE, ACTOR, PROVIDER_EVENT_ID, MESSAGE_ID, CODE, KEYWORD, NOTE, REPLY_TEXT, REPLY_LANGUAGE, REPLY_RULE";

  private final JdbcClient jdbc;
  private final SqlDialect dialect;

  public DndRepository(DndTables tables) {
    this.jdbc = tables.jdbc();
    this.dialect = tables.dialect();
  }

  // --- contacts ---

  /**
   * One indexed query for the guard: whether the contact is registered and its entries. Empty
   * when the contact is not registered.
   */
  public Optional<List<DndEntry>> entriesOfRegisteredContact(String contactId) {
    List<Optional<DndEntry>> rows = jdbc.sql("SELECT c.CONTACT_ID, e.TARGET, e.REASON, e.SINCE, e.SOURCE, e.ACTOR,"
            + " e.PROVIDER_EVENT_ID, e.MESSAGE_ID, e.CODE, e.KEYWORD, e.NOTE, e.REPLY_TEXT, e.REPLY_LANGUAGE, e.REPLY_RULE"
            + " FROM DND_CONTACT c LEFT JOIN DND_ENTRY e ON e.CONTACT_ID = c.CONTACT_ID WHERE c.CONTACT_ID = ?")
        .param(contactId)
        .query((rs, n) -> rs.getString("TARGET") == null ? Optional.<DndEntry>empty() : Optional.of(entry(rs)))
        .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(rows.stream().flatMap(Optional::stream).toList());
  }

  public boolean contactExists(String contactId) {
    return jdbc.sql("SELECT COUNT(*) FROM DND_CONTACT WHERE CONTACT_ID = ?").param(contactId)
        .query(Long.class).single() > 0;
  }

  /** Locks the contact's row until the transaction ends; false when the contact does not exist. */
  public boolean lockContact(String contactId) {
    return dialect.lock(jdbc.sql(dialect.lockContact()).param(contactId));
  }

  /** Creates the contact if it does not exist yet; true when this call created it. */
  public boolean createContactIfAbsent(String contactId, Instant now) {
    return dialect.insertOnce(jdbc, "DND_CONTACT", "CONTACT_ID, CREATED_AT, UPDATED_AT, REVISION", "?, ?, ?, 0",
        "CONTACT_ID", contactId, utc(now), utc(now));
  }

  public void touchContact(String contactId, Instant now) {
    jdbc.sql("UPDATE DND_CONTACT SET UPDATED_AT = ?, REVISION = REVISION + 1 WHERE CONTACT_ID = ?")
        .params(utc(now), contactId).update();
  }

  public Optional<Instant> contactCreatedAt(String contactId) {
    return jdbc.sql("SELECT CREATED_AT FROM DND_CONTACT WHERE CONTACT_ID = ?").param(contactId)
        .query((rs, n) -> instant(rs, "CREATED_AT")).optional();
  }

  // --- addresses ---

  public ContactAddresses addresses(String contactId) {
    Map<AddressKind, String> map = new EnumMap<>(AddressKind.class);
    jdbc.sql("SELECT KIND, ADDRESS FROM DND_CONTACT_ADDRESS WHERE CONTACT_ID = ?").param(contactId)
        .query(rs -> {
          map.put(AddressKind.valueOf(rs.getString("KIND")), rs.getString("ADDRESS"));
        });
    return ContactAddresses.fromMap(map);
  }

  public void replaceAddresses(String contactId, ContactAddresses addresses) {
    jdbc.sql("DELETE FROM DND_CONTACT_ADDRESS WHERE CONTACT_ID = ?").param(contactId).update();
    addresses.asMap().forEach((kind, address) ->
        jdbc.sql("INSERT INTO DND_CONTACT_ADDRESS (CONTACT_ID, KIND, ADDRESS) VALUES (?, ?, ?)")
            .params(contactId, kind.name(), address).update());
  }

  /** Contacts that have the address, in id order (the order in which they are locked). */
  public List<String> contactsWithAddress(AddressKind kind, String address) {
    return jdbc.sql("SELECT CONTACT_ID FROM DND_CONTACT_ADDRESS WHERE KIND = ? AND ADDRESS = ? ORDER BY CONTACT_ID")
        .params(kind.name(), address).query(String.class).list();
  }

  /** Creates the address's lock row if needed and locks it until the transaction ends. */
  public void lockAddress(AddressKind kind, String address) {
    // the row exists for every address that a provider named before: lock it with one statement,
    // rather than an insert that fails (on H2 with an exception) every time
    if (lockAddressRow(kind, address)) {
      return;
    }
    // false when another transaction created it first; the lock below waits for it
    dialect.insertOnce(jdbc, "DND_ADDRESS", "KIND, ADDRESS", "?, ?", "KIND, ADDRESS", kind.name(), address);
    lockAddressRow(kind, address);
  }

  private boolean lockAddressRow(AddressKind kind, String address) {
    return dialect.lock(jdbc.sql(dialect.lockRows("DND_ADDRESS", "KIND", "KIND = ? AND ADDRESS = ?"))
        .params(kind.name(), address));
  }

  // --- entries ---

  public List<DndEntry> entries(String contactId) {
    return jdbc.sql("SELECT TARGET, REASON, " + EVIDENCE_COLUMNS + " FROM DND_ENTRY WHERE CONTACT_ID = ?")
        .param(contactId).query((rs, n) -> entry(rs)).list();
  }

  public void insertEntry(String contactId, DndEntry entry) {
    Evidence ev = entry.evidence();
    jdbc.sql("INSERT INTO DND_ENTRY (CONTACT_ID, TARGET, REASON, " + EVIDENCE_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(contactId, entry.target().name(), entry.reason().name(), utc(entry.since()), ev.source().name(),
            ev.actor(), ev.providerEventId(), ev.messageId(), ev.code(), ev.keyword(), ev.note(), replyText(ev),
            replyLanguage(ev), replyRule(ev))
        .update();
  }

  public void deleteEntry(String contactId, DndEntry entry) {
    jdbc.sql("DELETE FROM DND_ENTRY WHERE CONTACT_ID = ? AND TARGET = ? AND REASON = ?")
        .params(contactId, entry.target().name(), entry.reason().name()).update();
  }

  public List<DndEntry> addressEntries(AddressKind kind, String address) {
    return jdbc.sql("SELECT TARGET, REASON, " + EVIDENCE_COLUMNS
            + " FROM DND_ADDRESS_ENTRY WHERE KIND = ? AND ADDRESS = ?")
        .params(kind.name(), address).query((rs, n) -> entry(rs)).list();
  }

  public void insertAddressEntry(AddressKind kind, String address, DndEntry entry) {
    Evidence ev = entry.evidence();
    jdbc.sql("INSERT INTO DND_ADDRESS_ENTRY (KIND, ADDRESS, TARGET, REASON, " + EVIDENCE_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(kind.name(), address, entry.target().name(), entry.reason().name(), utc(entry.since()),
            ev.source().name(), ev.actor(), ev.providerEventId(), ev.messageId(), ev.code(), ev.keyword(), ev.note(),
            replyText(ev), replyLanguage(ev), replyRule(ev))
        .update();
  }

  public void deleteAddressEntry(AddressKind kind, String address, DndEntry entry) {
    jdbc.sql("DELETE FROM DND_ADDRESS_ENTRY WHERE KIND = ? AND ADDRESS = ? AND TARGET = ? AND REASON = ?")
        .params(kind.name(), address, entry.target().name(), entry.reason().name()).update();
  }

  // --- topics ---

  public List<TopicEntry> topicEntries(String contactId) {
    return jdbc.sql("SELECT TOPIC, REASON, " + EVIDENCE_COLUMNS + " FROM DND_TOPIC_OPTOUT WHERE CONTACT_ID = ?")
        .param(contactId).query((rs, n) -> topicEntry(rs)).list();
  }

  /** One indexed query for a guarded step about a topic: whether the contact left it. */
  public Optional<TopicEntry> topicEntry(String contactId, String topic) {
    return jdbc.sql("SELECT TOPIC, REASON, " + EVIDENCE_COLUMNS
            + " FROM DND_TOPIC_OPTOUT WHERE CONTACT_ID = ? AND TOPIC = ?")
        .params(contactId, topic).query((rs, n) -> topicEntry(rs)).optional();
  }

  public void insertTopicEntry(String contactId, TopicEntry entry) {
    Evidence ev = entry.evidence();
    jdbc.sql("INSERT INTO DND_TOPIC_OPTOUT (CONTACT_ID, TOPIC, REASON, " + EVIDENCE_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(contactId, entry.topic(), entry.reason().name(), utc(entry.since()), ev.source().name(),
            ev.actor(), ev.providerEventId(), ev.messageId(), ev.code(), ev.keyword(), ev.note(), replyText(ev),
            replyLanguage(ev), replyRule(ev))
        .update();
  }

  public void deleteTopicEntry(String contactId, String topic) {
    jdbc.sql("DELETE FROM DND_TOPIC_OPTOUT WHERE CONTACT_ID = ? AND TOPIC = ?").params(contactId, topic).update();
  }

  // --- time zone ---

  public Optional<String> timeZone(String contactId) {
    return jdbc.sql("SELECT TIME_ZONE FROM DND_CONTACT WHERE CONTACT_ID = ?").param(contactId)
        .query((rs, n) -> Optional.ofNullable(rs.getString("TIME_ZONE"))).optional().flatMap(z -> z);
  }

  public void updateTimeZone(String contactId, String timeZone) {
    jdbc.sql("UPDATE DND_CONTACT SET TIME_ZONE = ? WHERE CONTACT_ID = ?").params(timeZone, contactId).update();
  }

  private static TopicEntry topicEntry(ResultSet rs) throws SQLException {
    Instant since = instant(rs, "SINCE");
    Evidence evidence = evidence(rs, since);
    return new TopicEntry(rs.getString("TOPIC"), DndReason.valueOf(rs.getString("REASON")), since, evidence);
  }

  private static DndEntry entry(ResultSet rs) throws SQLException {
    Instant since = instant(rs, "SINCE");
    Evidence evidence = evidence(rs, since);
    return new DndEntry(DndTarget.valueOf(rs.getString("TARGET")), DndReason.valueOf(rs.getString("REASON")),
        since, evidence);
  }

  /** The evidence columns of an entry, a kept address entry or a topic entry (and of an audit row). */
  static Evidence evidence(ResultSet rs, Instant receivedAt) throws SQLException {
    String rule = rs.getString("REPLY_RULE");
    Evidence.Reply reply = rule == null ? null : new Evidence.Reply(rs.getString("REPLY_TEXT"),
        rs.getString("REPLY_LANGUAGE"), SmsKeyword.Rule.valueOf(rule));
    return new Evidence(Source.valueOf(rs.getString("SOURCE")), rs.getString("ACTOR"),
        rs.getString("PROVIDER_EVENT_ID"), rs.getString("MESSAGE_ID"), rs.getString("CODE"),
        rs.getString("KEYWORD"), rs.getString("NOTE"), receivedAt, reply);
  }

  static String replyText(Evidence evidence) {
    return evidence.reply() == null ? null : evidence.reply().text();
  }

  static String replyLanguage(Evidence evidence) {
    return evidence.reply() == null ? null : evidence.reply().language();
  }

  static String replyRule(Evidence evidence) {
    return evidence.reply() == null ? null : evidence.reply().rule().name();
  }
}
