package org.dndguard.store;

import java.time.Instant;
import org.dndguard.contact.ContactAddresses;

/**
 * A registered contact with its normalised addresses.
 *
 * @param timeZone the contact's own IANA time zone for quiet hours, or null when it has none (the
 *     zone then comes from its phone number)
 */
public record Contact(String id, ContactAddresses addresses, Instant createdAt, String timeZone) {

  /** A contact without a time zone of its own. */
  public Contact(String id, ContactAddresses addresses, Instant createdAt) {
    this(id, addresses, createdAt, null);
  }
}
