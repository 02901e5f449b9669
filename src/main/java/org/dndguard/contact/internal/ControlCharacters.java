package org.dndguard.contact.internal;

import org.dndguard.contact.InvalidDndInputException;

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

  /**
   * The identifier, unchanged, when it has no character that cannot be seen or that looks like another:
   * control characters, Unicode format characters (category Cf: zero-width space and joiners, the
   * byte order mark, bidirectional controls such as U+202E and U+2066) and separators (categories
   * Zs, Zl, Zp: no-break space, line and paragraph separators), but the ASCII space where spaces are
   * allowed. Two ids that differ only in such a character look the same in Cockpit and in logs.
   *
   * @param field the input's name, for the error
   * @param spaceAllowed whether the ASCII space (U+0020) is allowed
   * @throws InvalidDndInputException naming the field, the character and its position
   */
  public static String refuseInvisible(String field, String value, boolean spaceAllowed) {
    if (value == null) {
      return null;
    }
    int position = 0;
    for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
      position++;
      int c = value.codePointAt(i);
      if (c == ' ' && spaceAllowed) {
        continue;
      }
      int type = Character.getType(c);
      boolean invisible = Character.isISOControl(c) || type == Character.FORMAT || type == Character.SPACE_SEPARATOR
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE;
      if (invisible) {
        String name = Character.getName(c);
        throw new InvalidDndInputException(field, "The " + field + " has the character U+"
            + String.format("%04X", c) + (name == null ? "" : " (" + name + ")") + " at position " + position
            + ", which cannot be seen or looks like another; remove it (an identifier is printable characters"
            + (spaceAllowed ? ", and the plain space U+0020" : ", without spaces") + ")");
      }
    }
    return value;
  }
}
