package org.dndguard.contact;

/**
 * Input that DND Guard cannot accept: an unknown channel, a blank contact id, a malformed phone
 * number or e-mail address. The message says what was wrong and how to fix it; nothing has been
 * changed when this is thrown.
 */
public class InvalidDndInputException extends IllegalArgumentException {

  private final String field;

  public InvalidDndInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The name of the input that was wrong, e.g. {@code channel} or {@code phone}. */
  public String field() {
    return field;
  }
}
