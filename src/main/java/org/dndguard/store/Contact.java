package org.dndguard.store;

import java.time.Instant;
import org.dndguard.contact.ContactAddresses;

/** A registered contact with its normalised addresses. */
public record Contact(String id, ContactAddresses addresses, Instant createdAt) {
}
