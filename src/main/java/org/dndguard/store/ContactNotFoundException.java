package org.dndguard.store;

/** A contact id that DND Guard does not know. */
public class ContactNotFoundException extends RuntimeException {

  private final String contactId;

  public ContactNotFoundException(String contactId) {
    super("Contact " + contactId + " is not registered with DND Guard; register it first with"
        + " PUT /api/contacts/" + contactId + " (or ContactService.register)");
    this.contactId = contactId;
  }

  public String contactId() {
    return contactId;
  }
}
