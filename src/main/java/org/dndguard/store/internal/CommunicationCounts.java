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
import java.util.Objects;
import java.util.Optional;
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

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final LimitRules rules;
  private final ContactTimeZones timeZones;
  private final String lock;
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
    this.lock = dialect.lockRows("DND_CONTACT", "CONTACT_ID", "CONTACT_ID = ?");
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
    CommunicationLimits limits = limited ? rules.current(connection) : CommunicationLimits.none();
    if (limited && limits.limits(channel, topic)) {
      // the lock first: whoever holds it counts and inserts before the next one reads
      lockContact(connection, id);
      List<ZoneId> zones = zones(connection, id, limits);
      List<Communication> history = read(connection, id, limits.lookback(now, zones));
      Optional<LimitBreach> breach = limits.check(channel, topic, history, now, zones);
      if (breach.isPresent()) {
        return breach;
      }
    }
    insert(connection, id, channel, topic, kind, reference, now);
    return Optional.empty();
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
      boolean locked;
      if (dialect == SqlDialect.POSTGRESQL) {
        try (ResultSet rows = statement.executeQuery()) {
          locked = rows.next();
        }
      } else {
        locked = statement.executeUpdate() > 0;
      }
      if (!locked) {
        throw new ContactNotFoundException(contactId);
      }
    }
  }

  /** The contact's zones, read only when a calendar window needs them. */
  private List<ZoneId> zones(Connection connection, String contactId, CommunicationLimits limits)
      throws SQLException {
    boolean calendar = limits.rules().stream().map(LimitRule::window).anyMatch(w -> w.calendar() != null);
    return calendar ? timeZones.of(connection, contactId).zones() : List.of();
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

  private static void insert(Connection connection, String contactId, Channel channel, String topic, Kind kind,
      String reference, Instant now) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, contactId);
      insert.setString(2, channel.name());
      insert.setString(3, topic);
      insert.setObject(4, utc(now));
      insert.setString(5, kind.name());
      insert.setString(6, Columns.truncate(reference, 320));
      insert.executeUpdate();
    }
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
