package org.dndguard.provider.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Source;
import org.dndguard.store.internal.Columns;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The provider events DND Guard has acted on and the Mailgun tokens it has seen, in the database,
 * so that a second delivery or a replay is recognised on every node and after a restart.
 *
 * <p>Both are claimed with a unique insert in the transaction that acts on the event: when two
 * nodes receive the same event at once, the second insert waits for the first transaction and then
 * finds the key taken, so the event changes DND once. A check before the insert could not do that.
 * Every method joins the caller's transaction.
 */
public class ProviderEventLog {

  /** One processed provider event, as recorded. */
  public record ProviderEvent(Source provider, String eventKey, EventKind kind, AddressKind addressKind,
      String address, ProviderOutcome outcome, String detail, Instant receivedAt) {
  }

  /** What kind of provider request an event came from. */
  public enum EventKind { MAILGUN_EVENT, TWILIO_STATUS, TWILIO_SMS, TWILIO_CALL }

  static final int MAX_KEY_LENGTH = 255;

  private static final String COLUMNS =
      "PROVIDER, EVENT_KEY, KIND, ADDRESS_KIND, ADDRESS, OUTCOME, DETAIL, RECEIVED_AT";

  private final JdbcClient jdbc;
  private final SqlDialect dialect;

  public ProviderEventLog(DndTables tables) {
    this.jdbc = tables.jdbc();
    this.dialect = tables.dialect();
  }

  /**
   * Claims the event for this transaction; false when it was processed before (or is being
   * processed by a transaction that then commits). The outcome is provisional until {@link #complete}.
   */
  public boolean claim(Source provider, String eventKey, EventKind kind, AddressKind addressKind, String address,
      Instant receivedAt) {
    return dialect.insertOnce(jdbc, "DND_PROVIDER_EVENT",
        "PROVIDER, EVENT_KEY, KIND, ADDRESS_KIND, ADDRESS, OUTCOME, RECEIVED_AT", "?, ?, ?, ?, ?, ?, ?",
        "PROVIDER, EVENT_KEY",
        provider.name(), eventKey, kind.name(), addressKind == null ? null : addressKind.name(), address,
        ProviderOutcome.RECEIVED.name(), Columns.utc(receivedAt));
  }

  /** Records what a claimed event did. */
  public void complete(Source provider, String eventKey, ProviderOutcome outcome, String detail) {
    jdbc.sql("UPDATE DND_PROVIDER_EVENT SET OUTCOME = ?, DETAIL = ? WHERE PROVIDER = ? AND EVENT_KEY = ?")
        .params(outcome.name(), Columns.truncate(detail, 1000), provider.name(), eventKey)
        .update();
  }

  /** The recorded event, if it was processed. */
  public Optional<ProviderEvent> find(Source provider, String eventKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_PROVIDER_EVENT WHERE PROVIDER = ? AND EVENT_KEY = ?")
        .params(provider.name(), eventKey)
        .query(ProviderEventLog::map)
        .optional();
  }

  /** The recorded events that named an address, newest first. */
  public List<ProviderEvent> forAddress(AddressKind kind, String address, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_PROVIDER_EVENT WHERE ADDRESS_KIND = ? AND ADDRESS = ?"
            + " ORDER BY RECEIVED_AT DESC, EVENT_KEY FETCH FIRST ? ROWS ONLY")
        .params(kind.name(), address, limit)
        .query(ProviderEventLog::map)
        .list();
  }

  /**
   * Remembers a Mailgun signature token; false when it was seen before. A token is bound to its
   * timestamp by the signature, so it need only be remembered while that timestamp is in the window.
   */
  public boolean rememberMailgunToken(String token, Instant signedAt, Instant receivedAt) {
    return dialect.insertOnce(jdbc, "DND_MAILGUN_TOKEN", "TOKEN, SIGNED_AT, RECEIVED_AT", "?, ?, ?", "TOKEN",
        token, Columns.utc(signedAt), Columns.utc(receivedAt));
  }

  /** Forgets the tokens signed before the instant, which the timestamp check refuses anyway; returns how many. */
  public int forgetMailgunTokensSignedBefore(Instant instant) {
    return jdbc.sql("DELETE FROM DND_MAILGUN_TOKEN WHERE SIGNED_AT < ?").param(Columns.utc(instant)).update();
  }

  private static ProviderEvent map(ResultSet rs, int row) throws SQLException {
    return new ProviderEvent(Source.valueOf(rs.getString("PROVIDER")), rs.getString("EVENT_KEY"),
        EventKind.valueOf(rs.getString("KIND")),
        Columns.enumOrNull(AddressKind.class, rs.getString("ADDRESS_KIND")),
        rs.getString("ADDRESS"), ProviderOutcome.valueOf(rs.getString("OUTCOME")), rs.getString("DETAIL"),
        Columns.instant(rs, "RECEIVED_AT"));
  }
}
