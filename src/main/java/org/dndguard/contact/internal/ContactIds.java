package org.dndguard.contact.internal;

import org.dndguard.contact.InvalidDndInputException;

/** Checks contact ids: the one place that says what a valid id is. */
public final class ContactIds {

  /** Contact ids longer than this are refused; it is the width of the id columns. */
  public static final int MAX_LENGTH = 255;

  private ContactIds() {
  }

  /**
   * Returns the id, trimmed, if it is a usable contact id.
   *
   * @throws InvalidDndInputException when it is null, blank, too long or has control characters, Unicode
   *     format characters or separators other than the ASCII space
   */
  public static String require(String contactId) {
    if (contactId == null || contactId.isBlank()) {
      throw new InvalidDndInputException("contactId",
          "The contact id is blank; give the id under which the contact is known, e.g. c-42");
    }
    String trimmed = contactId.trim();
    if (trimmed.length() > MAX_LENGTH) {
      throw new InvalidDndInputException("contactId",
          "The contact id is " + trimmed.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    // control characters, and those that cannot be seen or look like another (zero-width, no-break
    // space, bidi controls): two ids that differ only in them would look the same in Cockpit
    return ControlCharacters.refuseInvisible("contactId", trimmed, true);
  }
}
