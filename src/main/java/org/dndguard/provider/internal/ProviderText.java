package org.dndguard.provider.internal;

/**
 * Text that a provider sent about a contact (a message body, an account id, a description). It is
 * kept, whatever it holds: refusing it could lose an opt-out. Control characters other than tab,
 * CR and LF are replaced with U+FFFD, since PostgreSQL cannot store NUL and nobody can read the rest.
 */
public final class ProviderText {

  private static final char REPLACEMENT = '\uFFFD';

  private ProviderText() {
  }

  /** The text with every control character but tab, CR and LF replaced; null stays null. */
  public static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder cleaned = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
        if (cleaned == null) {
          cleaned = new StringBuilder(text);
        }
        cleaned.setCharAt(i, REPLACEMENT);
      }
    }
    return cleaned == null ? text : cleaned.toString();
  }
}
