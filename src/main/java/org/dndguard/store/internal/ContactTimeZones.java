package org.dndguard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.internal.ContactTimeZone;
import org.dndguard.contact.internal.QuietHours;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Quiet hours as they apply to a registered contact: its time zone (its own, else its phone
 * number's, else the default) and whether a channel's window is open now. Read with one indexed
 * query, and only for channels that have a window.
 */
public class ContactTimeZones {

  // the contact's own zone and its numbers in one query: the phone number before the WhatsApp one
  private static final String SELECT_ZONE = "SELECT c.TIME_ZONE, a.KIND, a.ADDRESS FROM DND_CONTACT c"
      + " LEFT JOIN DND_CONTACT_ADDRESS a ON a.CONTACT_ID = c.CONTACT_ID AND a.KIND IN ('PHONE', 'WHATSAPP')"
      + " WHERE c.CONTACT_ID = ? ORDER BY a.KIND";

  private final JdbcClient jdbc;
  private final QuietHours quietHours;
  private final ZoneId defaultZone;

  public ContactTimeZones(DndTables tables, QuietHours quietHours, ZoneId defaultZone) {
    this.jdbc = tables.jdbc();
    this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
  }

  public QuietHours quietHours() {
    return quietHours;
  }

  /**
   * The zones in force for the contact and where they came from.
   *
   * @throws ContactNotFoundException when the contact is not registered
   */
  public ContactTimeZone of(String contactId) {
    String id = ContactIds.require(contactId);
    var rows = jdbc.sql(SELECT_ZONE)
        .param(id)
        .query((rs, n) -> new String[] {rs.getString("TIME_ZONE"), rs.getString("ADDRESS")})
        .list();
    return resolve(id, rows);
  }

  /**
   * The zones in force for the contact, read on the caller's connection (an engine command's),
   * which stays open.
   *
   * @throws ContactNotFoundException when the contact is not registered
   */
  public ContactTimeZone of(Connection connection, String contactId) throws SQLException {
    String id = ContactIds.require(contactId);
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_ZONE)) {
      select.setString(1, id);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString("TIME_ZONE"), rs.getString("ADDRESS")});
        }
      }
    }
    return resolve(id, rows);
  }

  /**
   * The zones of a contact from its rows as {@code SELECT_ZONE} gives them: its own zone, then its
   * phone number and WhatsApp number in that order (either may be null).
   */
  ContactTimeZone resolve(String id, List<String[]> rows) {
    if (rows.isEmpty()) {
      throw new ContactNotFoundException(id);
    }
    String own = rows.get(0)[0];
    String number = rows.stream().map(r -> r[1]).filter(Objects::nonNull).findFirst().orElse(null);
    return ContactTimeZone.resolve(own, number, defaultZone);
  }

  /**
   * Until when a message on the channel must wait for the contact's window to open; empty when
   * it may go now (the window is open, or the channel has none).
   *
   * @throws ContactNotFoundException when the contact is not registered
   */
  public Optional<Instant> heldUntil(String contactId, Channel channel, Instant now) {
    if (quietHours.window(channel).isEmpty()) {
      return Optional.empty();
    }
    return quietHours.nextOpening(channel, of(contactId).zones(), now);
  }
}
