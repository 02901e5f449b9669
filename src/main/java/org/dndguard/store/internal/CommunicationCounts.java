package org.dndguard.store.internal;

import static org.dndguard.store.internal.Columns.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.Communication;
import org.dndguard.contact.internal.CommunicationLimits;
import org.dndguard.contact.internal.CommunicationLimits.LimitUse;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.internal.LimitBreach;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.DndTables;
import org.dndguard.contact.internal.LimitWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The communications counted per contact, and the check against the limit rules with the count in
 * one atomic step: on the caller's connection (an engine command's, an outbox transaction's), it
 * locks the contact's {@code DND_CONTACT} row, reads the contact's communications in the rules'
 * windows and, when no rule is full, inserts the new one. A second step or node that wants the same
 * contact waits for the lock until the first transaction ends, so two can never both take the last
 * place. The lock is held only to the end of the caller's transaction: callers take it in a short
 * transaction, never around a provider call.
 *
 * <p>Most steps take neither the lock nor the count apart: the contact's tally ({@code TALLY_*} on
 * its row, never below its communications since {@code TALLY_SINCE}) is raised by one update that
 * locks the row and holds only when the tally shows room in every rule; the exact check runs when
 * it does not, and sets the tally anew.
 */
public class CommunicationCounts {

  /** What a counted communication was. */
  public enum Kind {
    /** A guarded step ran. */
    STEP,
    /** A provider accepted an outbox message that no counted step queued (a manual send). */
    MESSAGE
  }

  private static final String READ = "SELECT CHANNEL, TOPIC, SENT_AT FROM DND_COMMUNICATION"
      + " WHERE CONTACT_ID = ? AND SENT_AT > ?";
  private static final String INSERT = "INSERT INTO DND_COMMUNICATION (CONTACT_ID, CHANNEL, TOPIC, SENT_AT, SOURCE,"
      + " REFERENCE) VALUES (?, ?, ?, ?, ?, ?)";

  private static final String COUNT_ON_TALLY = "UPDATE DND_CONTACT SET TALLY_COUNT = TALLY_COUNT + 1"
      + " WHERE CONTACT_ID = ? AND TALLY_RULES = ? AND TALLY_SINCE <= ? AND TALLY_COUNT < ?";
  private static final String COUNT_ON_TALLY_AND_INSERT = "WITH TALLY AS (" + COUNT_ON_TALLY
      + " RETURNING CONTACT_ID) INSERT INTO DND_COMMUNICATION (CONTACT_ID, CHANNEL, TOPIC, SENT_AT, SOURCE,"
      + " REFERENCE) SELECT ?, ?, ?, ?, ?, ? FROM TALLY";
  private static final String RESET_TALLY = "UPDATE DND_CONTACT SET TALLY_SINCE = ?, TALLY_RULES = ?, TALLY_COUNT ="
      + " (SELECT COUNT(*) FROM DND_COMMUNICATION WHERE CONTACT_ID = ? AND SENT_AT >= ?) WHERE CONTACT_ID = ?";
  private static final String ADD_TO_TALLY = "UPDATE DND_CONTACT SET TALLY_COUNT = TALLY_COUNT + 1"
      + " WHERE CONTACT_ID = ? AND TALLY_SINCE IS NOT NULL";

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final LimitRules rules;
  private final ContactTimeZones timeZones;
  private final String lock;
  private final String readLocked;
  private final String readLockedWithZone;
  private final Map<RoomKey, RoomCheck> roomChecks = new ConcurrentHashMap<>();
  private final SqlDialect dialect;

  /**
   * @param tables on the engine's data source, also for reads outside the guard ({@link #use})
   * @param timeZones the contacts' zones, in which calendar windows count
   */
  public CommunicationCounts(DndTables tables, LimitRules rules, ContactTimeZones timeZones) {
    this.dataSource = tables.dataSource();
    this.jdbc = tables.jdbc();
    this.dialect = tables.dialect();
    this.rules = Objects.requireNonNull(rules, "rules");
    this.timeZones = Objects.requireNonNull(timeZones, "timeZones");
    this.lock = dialect.lockContact();
    // one row of the stored rules (and the contact's zone), joined with the contact's communications
    String communications = " LEFT JOIN DND_COMMUNICATION c ON c.CONTACT_ID = ? AND c.SENT_AT > ?";
    this.readLocked = "SELECT r.RULES, c.CHANNEL, c.TOPIC, c.SENT_AT FROM (SELECT " + rules.storedRulesColumn()
        + " AS RULES FROM DND_LIMIT_RULE) r" + communications;
    this.readLockedWithZone = "SELECT r.RULES, r.TIME_ZONE, r.PHONE, r.WHATSAPP, c.CHANNEL, c.TOPIC, c.SENT_AT"
        + " FROM (SELECT " + rules.storedRulesColumn() + " AS RULES,"
        + " (SELECT TIME_ZONE FROM DND_CONTACT WHERE CONTACT_ID = ?) AS TIME_ZONE,"
        + " (SELECT ADDRESS FROM DND_CONTACT_ADDRESS WHERE CONTACT_ID = ? AND KIND = 'PHONE') AS PHONE,"
        + " (SELECT ADDRESS FROM DND_CONTACT_ADDRESS WHERE CONTACT_ID = ? AND KIND = 'WHATSAPP') AS WHATSAPP"
        + " FROM DND_LIMIT_RULE) r" + communications;
  }

  public LimitRules rules() {
    return rules;
  }

  /**
   * Takes a place for a communication, or says which rule is full: the check and the count in one
   * atomic step, on the caller's connection, which stays open and whose transaction decides
   * whether the count stands.
   *
   * @param limited false for an exempt (transactional) communication: it is counted, never held
   * @return the rule that holds the communication back (nothing was counted then), or empty when
   *     it was counted
   * @throws ContactNotFoundException when the contact is not registered
   * @throws SQLException when the database could not answer (the caller fails closed)
   */
  public Optional<LimitBreach> take(Connection connection, String contactId, Channel channel, String topic,
      Kind kind, String reference, Instant now, boolean limited) throws SQLException {
    String id = ContactIds.require(contactId);
    Communication communication = new Communication(channel, topic, now);
    if (!limited) {
      insert(connection, id, communication, kind, reference);
      addToTally(connection, id);
      return Optional.empty();
    }
    LimitRules.Snapshot rules = this.rules.lastRead();
    if (rules.stored() == null || !rules.limits().limits(channel, topic)) {
      // no rule known limits it (or none was read yet on this node): make sure with the rules as they are now
      rules = this.rules.snapshot(connection);
      if (!rules.limits().limits(channel, topic)) {
        insert(connection, id, communication, kind, reference);
        if (!rules.limits().rules().isEmpty()) {
          addToTally(connection, id);
        }
        return Optional.empty();
      }
    }
    // the fast path: the contact's tally, in the update that locks its row, shows room in every rule
    if (countOnTally(connection, id, communication, kind, reference, rules)) {
      return Optional.empty();
    }
    // the lock first: whoever holds it counts and inserts before the next one reads
    lockContact(connection, id);
    if (insertIfRoom(connection, id, communication, kind, reference, rules) > 0) {
      resetTally(connection, id, rules, now);
      return Optional.empty();
    }
    Checked checked = check(connection, id, channel, topic, now, rules);
    if (checked.breach().isEmpty()) {
      insert(connection, id, communication, kind, reference);
    }
    resetTally(connection, id, checked.rules(), now);
    return checked.breach();
  }

  /**
   * Counts the communication on the contact's tally when the tally shows room in every rule that
   * limits it, in one update that also locks the contact's row (the database checks the conditions
   * again once a concurrent holder of the lock has finished, so two steps never both take the last
   * place): the tally was set under these very rules ({@code TALLY_RULES}), counts from no later
   * than the earliest instant any of those rules' windows can start (calendar windows without the
   * zone, {@link LimitWindow#earliestStart}), and is below the smallest of their counts. The tally
   * counts every communication of the contact since then, of any channel and topic, so it is never
   * below what any of those rules counts. False (nothing changed, nothing locked) sends the step to
   * the exact check. When it holds, the communication is inserted too: on PostgreSQL in the same
   * statement (the update in a {@code WITH}, the insert from its returned row), one round trip.
   */
  private boolean countOnTally(Connection connection, String contactId, Communication communication, Kind kind,
      String reference, LimitRules.Snapshot rules) throws SQLException {
    List<LimitRule> limiting = roomCheck(rules, communication.channel(), communication.topic()).rules();
    Instant since = communication.at();
    int count = Integer.MAX_VALUE;
    for (LimitRule rule : limiting) {
      Instant start = rule.window().earliestStart(communication.at());
      since = start.isBefore(since) ? start : since;
      count = Math.min(count, rule.count());
    }
    boolean postgres = dialect == SqlDialect.POSTGRESQL;
    try (PreparedStatement update = connection.prepareStatement(postgres ? COUNT_ON_TALLY_AND_INSERT
        : COUNT_ON_TALLY)) {
      update.setString(1, contactId);
      update.setString(2, rules.version());
      update.setObject(3, utc(since));
      update.setInt(4, count);
      if (postgres) {
        bindInsert(update, 5, contactId, communication, kind, reference);
        return update.executeUpdate() > 0;
      }
      if (update.executeUpdate() == 0) {
        return false;
      }
    }
    insert(connection, contactId, communication, kind, reference);
    return true;
  }

  /**
   * Sets the contact's tally anew under its lock, after the exact check: from the earliest instant
   * any rule's window can start, the contact's communications since then (the one just counted
   * too), under the rules the check used.
   */
  private void resetTally(Connection connection, String contactId, LimitRules.Snapshot rules, Instant now)
      throws SQLException {
    Instant since = rules.limits().earliestLookback(now);
    try (PreparedStatement update = connection.prepareStatement(RESET_TALLY)) {
      update.setObject(1, utc(since));
      update.setString(2, rules.version());
      update.setString(3, contactId);
      update.setObject(4, utc(since));
      update.setString(5, contactId);
      update.executeUpdate();
    }
  }

  /**
   * Keeps the contact's tally above its communications when one was counted without the limits'
   * check (exempt, or no rule limits it): the update waits for a step that holds the contact's lock,
   * so a tally being set anew either sees the communication or gets it added.
   */
  private void addToTally(Connection connection, String contactId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(ADD_TO_TALLY)) {
      update.setString(1, contactId);
      update.executeUpdate();
    }
  }

  /** What the exact check found, and the rules it found it with (read anew under the lock). */
  private record Checked(Optional<LimitBreach> breach, LimitRules.Snapshot rules) {
  }

  /**
   * The exact check under the contact's lock, when the count alone did not let the communication
   * go: it reads the rules (in case they changed), the contact's zone and its communications in
   * one statement, and says which rule holds the communication back and until when.
   */
  private Checked check(Connection connection, String id, Channel channel, String topic, Instant now,
      LimitRules.Snapshot known) throws SQLException {
    LimitRules.Snapshot rules = known;
    for (int attempt = 1; ; attempt++) {
      Reading reading = readLocked(connection, id, rules.limits(), now);
      LimitRules.Snapshot read = this.rules.snapshot(reading.rules());
      if (read.stored().equals(rules.stored())) {
        return new Checked(rules.limits().check(channel, topic, reading.history(), now, reading.zones()), rules);
      }
      // the rules changed since they were last read: read again with the new ones (rarely more than once)
      rules = read;
      if (!rules.limits().limits(channel, topic)) {
        return new Checked(Optional.empty(), rules);
      }
      if (attempt == 3) {
        throw new SQLException("the limit rules changed during each of three reads; the step is checked again"
            + " when they are stable");
      }
    }
  }

  /**
   * Counts the communication when every rule that limits it certainly has room, in one statement:
   * an insert of the row that holds only while the stored rules are still those this node parsed
   * last and, for each rule that limits it, fewer than the rule's count of the contact's
   * communications that it counts were sent since its window's start. All rules are counted in one
   * pass over the contact's rows since the earliest start; a calendar window counts from the
   * earliest instant it can start in any zone ({@link LimitWindow#earliestStart}), so a count below
   * the rule's there is below it in the contact's zone too. Only counts are read, not rows. When a
   * rule may be full, or the rules changed, nothing is inserted (0) and the exact check decides.
   */
  private int insertIfRoom(Connection connection, String contactId, Communication communication, Kind kind,
      String reference, LimitRules.Snapshot rules) throws SQLException {
    RoomCheck room = roomCheck(rules, communication.channel(), communication.topic());
    Instant now = communication.at();
    try (PreparedStatement insert = connection.prepareStatement(room.sql())) {
      int parameter = bindInsert(insert, 1, contactId, communication, kind, reference);
      insert.setString(parameter++, contactId);
      if (!rules.stored().isEmpty()) {
        insert.setString(parameter++, rules.stored());
      }
      for (LimitRule rule : room.rules()) {
        insert.setObject(parameter++, utc(rule.window().earliestStart(now)));
        if (rule.perTopic() && communication.topic() != null) {
          insert.setString(parameter++, communication.topic());
        }
        insert.setInt(parameter++, rule.count());
      }
      insert.setString(parameter++, contactId);
      insert.setObject(parameter, utc(rules.limits().earliestLookback(now)));
      return insert.executeUpdate();
    }
  }

  /** What decides the statement of {@link #insertIfRoom}. */
  private record RoomKey(String stored, Channel channel, String topic) {
  }

  /** The statement of {@link #insertIfRoom} for the rules that limit a communication, and those rules. */
  private record RoomCheck(String sql, List<LimitRule> rules) {
  }

  private RoomCheck roomCheck(LimitRules.Snapshot rules, Channel channel, String topic) {
    // the same rules, channel and topic (or none) give the same statement, which the database keeps parsed
    RoomKey key = new RoomKey(rules.stored(), channel, topic);
    RoomCheck known = roomChecks.get(key);
    if (known != null) {
      return known;
    }
    List<LimitRule> limiting = rules.limits().rules().stream().filter(rule -> rule.applies(channel, topic)).toList();
    StringBuilder sql = new StringBuilder("INSERT INTO DND_COMMUNICATION (CONTACT_ID, CHANNEL, TOPIC, SENT_AT,"
        + " SOURCE, REFERENCE) SELECT ?, ?, ?, ?, ?, ? FROM DND_CONTACT WHERE CONTACT_ID = ? AND ");
    // the rules are those parsed last: no stored rule then, none now; else the same text
    sql.append(rules.stored().isEmpty() ? "NOT EXISTS (SELECT 1 FROM DND_LIMIT_RULE)"
        : "(SELECT " + this.rules.storedRulesColumn() + " FROM DND_LIMIT_RULE) = ?");
    sql.append(" AND (SELECT CASE WHEN ");
    String separator = "";
    for (LimitRule rule : limiting) {
      // what the rule counts against this communication (LimitRule#countsAgainst); channel names and
      // topics are checked words (letters, digits, dashes), safe to write into the statement
      sql.append(separator).append("COUNT(CASE WHEN SENT_AT ").append(rule.window().rolling() != null ? ">" : ">=")
          .append(" ?");
      if (!rule.channels().isEmpty()) {
        sql.append(" AND CHANNEL IN (").append(rule.channels().stream().map(c -> "'" + c.name() + "'").sorted()
            .collect(Collectors.joining(", "))).append(")");
      }
      if (!rule.topics().isEmpty()) {
        sql.append(" AND TOPIC IN (").append(rule.topics().stream().map(t -> "'" + t + "'").sorted()
            .collect(Collectors.joining(", "))).append(")");
      }
      if (rule.perTopic()) {
        sql.append(topic == null ? " AND TOPIC IS NULL" : " AND TOPIC = ?");
      }
      sql.append(" THEN 1 END) < ?");
      separator = " AND ";
    }
    sql.append(" THEN 1 ELSE 0 END FROM DND_COMMUNICATION WHERE CONTACT_ID = ? AND SENT_AT >= ?) = 1");
    RoomCheck check = new RoomCheck(sql.toString(), limiting);
    if (roomChecks.size() > 256) {
      roomChecks.clear();
    }
    roomChecks.put(key, check);
    return check;
  }

  /**
   * {@link #take} on the current transaction's connection: for an outbox message that goes out, in
   * the short transaction that checks the run still holds its claim (never around the provider call).
   *
   * @throws IllegalStateException when the database could not answer (the caller fails closed)
   */
  public Optional<LimitBreach> take(String contactId, Channel channel, String topic, Kind kind, String reference,
      Instant now, boolean limited) {
    return withConnection(connection -> take(connection, contactId, channel, topic, kind, reference, now, limited));
  }

  /**
   * Whether a communication would be held now, without counting it or locking anything: for an
   * outbox message waiting to be sent, which takes its place with {@link #take} when it goes.
   */
  public Optional<LimitBreach> peek(String contactId, Channel channel, String topic, Instant now) {
    return withConnection(connection -> {
      CommunicationLimits limits = rules.current(connection);
      if (!limits.limits(channel, topic)) {
        return Optional.empty();
      }
      List<ZoneId> zones = zones(connection, contactId, limits);
      return limits.check(channel, topic, read(connection, contactId, limits.lookback(now, zones)), now, zones);
    });
  }

  /** Each rule's use for the contact and, for a full rule, when its next place frees. */
  public List<LimitUse> use(String contactId, Instant now) {
    String id = ContactIds.require(contactId);
    return withConnection(connection -> {
      CommunicationLimits limits = rules.current(connection);
      List<ZoneId> zones = timeZones.of(id).zones();
      return limits.use(read(connection, id, limits.lookback(now, zones)), now, zones);
    });
  }

  /** Removes the count of a communication that certainly did not go out (a provider refused it). */
  public void release(Kind kind, String reference) {
    jdbc.sql("DELETE FROM DND_COMMUNICATION WHERE SOURCE = ? AND REFERENCE = ?").params(kind.name(), reference)
        .update();
  }

  /** How many communications are counted for the contact in all. */
  public long count(String contactId) {
    return jdbc.sql("SELECT COUNT(*) FROM DND_COMMUNICATION WHERE CONTACT_ID = ?").param(contactId)
        .query(Long.class).single();
  }

  private void lockContact(Connection connection, String contactId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(lock)) {
      statement.setString(1, contactId);
      if (!dialect.lock(statement)) {
        throw new ContactNotFoundException(contactId);
      }
    }
  }

  /** The contact's zones, read only when a calendar window needs them. */
  private List<ZoneId> zones(Connection connection, String contactId, CommunicationLimits limits)
      throws SQLException {
    return limits.needsZones() ? timeZones.of(connection, contactId).zones() : List.of();
  }

  /** What a check reads under the lock, in one statement. */
  private record Reading(String rules, List<ZoneId> zones, List<Communication> history) {
  }

  /**
   * The stored rules, the contact's zone (when the rules known need it) and its communications
   * since the earliest instant any rule can count, in one statement: a one-row table of the rules
   * (and the zone), left joined with the communications. H2 keeps it parsed (it would not keep a
   * union).
   */
  private Reading readLocked(Connection connection, String contactId, CommunicationLimits limits, Instant now)
      throws SQLException {
    boolean needsZones = limits.needsZones();
    String rulesRead = null;
    String ownZone = null;
    String number = null;
    List<Communication> history = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(needsZones ? readLockedWithZone : readLocked)) {
      int parameter = 1;
      if (needsZones) {
        select.setString(parameter++, contactId);
        select.setString(parameter++, contactId);
        select.setString(parameter++, contactId);
      }
      select.setString(parameter++, contactId);
      // the lookback's own instant counts for a calendar window, so read from just before it
      select.setObject(parameter, utc(limits.earliestLookback(now).minusNanos(1000)));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rulesRead = rs.getString("RULES");
          if (needsZones) {
            ownZone = rs.getString("TIME_ZONE");
            // the phone number before the WhatsApp one, as ContactTimeZones reads them
            number = rs.getString("PHONE") != null ? rs.getString("PHONE") : rs.getString("WHATSAPP");
          }
          String channel = rs.getString("CHANNEL");
          if (channel != null) {
            history.add(new Communication(Channel.valueOf(channel), rs.getString("TOPIC"),
                Columns.instant(rs, "SENT_AT")));
          }
        }
      }
    }
    List<ZoneId> zones = List.of();
    if (needsZones) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {ownZone, number});
      zones = timeZones.resolve(contactId, rows).zones();
    }
    return new Reading(rulesRead, zones, history);
  }

  private static List<Communication> read(Connection connection, String contactId, Instant since)
      throws SQLException {
    List<Communication> history = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(READ)) {
      select.setString(1, contactId);
      // the lookback's own instant counts for a calendar window, so read from just before it
      select.setObject(2, utc(since.minusNanos(1000)));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          history.add(new Communication(Channel.valueOf(rs.getString("CHANNEL")), rs.getString("TOPIC"),
              Columns.instant(rs, "SENT_AT")));
        }
      }
    }
    return history;
  }

  private static void insert(Connection connection, String contactId, Communication communication, Kind kind,
      String reference) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      bindInsert(insert, 1, contactId, communication, kind, reference);
      insert.executeUpdate();
    }
  }

  /**
   * Binds the six values of a counted communication from parameter {@code first} on; returns the next
   * parameter's index.
   */
  private static int bindInsert(PreparedStatement insert, int first, String contactId, Communication communication,
      Kind kind, String reference) throws SQLException {
    insert.setString(first, contactId);
    insert.setString(first + 1, communication.channel().name());
    insert.setString(first + 2, communication.topic());
    insert.setObject(first + 3, utc(communication.at()));
    insert.setString(first + 4, kind.name());
    insert.setString(first + 5, Columns.truncate(reference, 320));
    return first + 6;
  }

  @FunctionalInterface
  private interface OnConnection<T> {
    T apply(Connection connection) throws SQLException;
  }

  private <T> T withConnection(OnConnection<T> work) {
    // the current transaction's connection when there is one, as JdbcClient would take it
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("DND Guard could not read the communication counts: " + e.getMessage(), e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }
}
