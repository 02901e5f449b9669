package org.dndguard.contact;

/**
 * Refuses control characters in text people write (notes, reasons, subjects, bodies): a NUL cannot
 * be stored by PostgreSQL, and the rest cannot be read, or break headers and logs. Provider text is
 * not refused but cleaned (an opt-out must never be lost); see the provider package.
 */
public final class ControlCharacters {

  private ControlCharacters() {
  }

  /**
   * The value, unchanged, when it has no control character but, for text with lines, tab, CR and LF.
   *
   * @param field the input's name, for the error
   * @param textWithLines whether tab, CR and LF are allowed
   * @throws InvalidDndInputException naming the field and the first offending character
   */
  public static String refuse(String field, String value, boolean textWithLines) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed = textWithLines && (c == '\t' || c == '\r' || c == '\n');
      if (Character.isISOControl(c) && !allowed) {
        throw new InvalidDndInputException(field, "The " + field + " has the control character U+"
            + String.format("%04X", (int) c) + " at position " + (i + 1) + "; remove it"
            + (textWithLines ? " (tab and line breaks are allowed)" : " (write it on one line, as plain text)"));
      }
    }
    return value;
  }
}
