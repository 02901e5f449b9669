package org.dndguard.store;

import java.util.Optional;
import org.dndguard.contact.ContactAddresses;

/**
 * The host application's own knowledge of its contacts, e.g. its CRM: which addresses a contact
 * has. A host that defines a bean of this type need not register its contacts with DND Guard first:
 * a contact DND Guard has not seen is registered from the directory on first use (a guarded step, a
 * manual message, a read of its record), with an audit row, and inherits the opt-outs kept for its
 * addresses as any registered contact does. Later changes of addresses still go through
 * {@code PUT /api/contacts/{id}} or {@link ContactService#register}.
 *
 * <p>Without a directory, or when the directory does not know the contact, an unknown contact still
 * fails closed: its guarded steps fail and nothing is sent to it. A directory that throws fails the
 * same way, so a CRM that cannot answer never lets a message out.
 */
@FunctionalInterface
public interface ContactDirectory {

  /**
   * The contact's addresses (raw; DND Guard normalises them), or empty when the directory does
   * not know the contact.
   */
  Optional<ContactAddresses> addressesOf(String contactId);
}
