package org.dndguard.messaging.internal;

import org.dndguard.messaging.SmsEncoding;

/**
 * How an SMS body travels: its encoding, its length in that encoding's units and the number of
 * segments the carrier bills. A body in the GSM 03.38 alphabet takes 7-bit units, two for the
 * characters of its extension table ({@code € [ ] { } \ ^ ~ |} and form feed); any other
 * character makes the whole body UCS-2, counted in UTF-16 units. A long message is split into
 * parts that each lose room to a header, and a character never straddles two parts.
 *
 * @param encoding GSM-7 or UCS-2
 * @param units the body's length in septets (GSM-7) or UTF-16 units (UCS-2)
 * @param segments how many segments the body takes, at least one
 */
public record SmsSegments(SmsEncoding encoding, int units, int segments) {

  // GSM 03.38 basic table, without the escape to the extension table
  private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

  /** Counts the segments of a body. */
  public static SmsSegments of(String body) {
    String text = body == null ? "" : body;
    return isGsm7(text) ? gsm7(text) : ucs2(text);
  }

  /** Whether every character of the text is in the GSM 03.38 alphabet (basic or extension table). */
  public static boolean isGsm7(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (septets(text.charAt(i)) == 0) {
        return false;
      }
    }
    return true;
  }

  private static SmsSegments gsm7(String text) {
    int total = 0;
    for (int i = 0; i < text.length(); i++) {
      total += septets(text.charAt(i));
    }
    if (total <= SmsEncoding.GSM_7.single()) {
      return new SmsSegments(SmsEncoding.GSM_7, total, 1);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int cost = septets(text.charAt(i));
      // an escaped character's two septets must stay in one part
      if (used + cost > SmsEncoding.GSM_7.perPart()) {
        segments++;
        used = 0;
      }
      used += cost;
    }
    return new SmsSegments(SmsEncoding.GSM_7, total, segments);
  }

  private static SmsSegments ucs2(String text) {
    int total = text.length();
    if (total <= SmsEncoding.UCS_2.single()) {
      return new SmsSegments(SmsEncoding.UCS_2, total, 1);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cost = Character.charCount(text.codePointAt(i));
      // a surrogate pair (an emoji, say) is not cut in half across two parts
      if (used + cost > SmsEncoding.UCS_2.perPart()) {
        segments++;
        used = 0;
      }
      used += cost;
      i += cost;
    }
    return new SmsSegments(SmsEncoding.UCS_2, total, segments);
  }

  /** Septets a character takes in GSM-7: 1 in the basic table, 2 in the extension table, 0 when it is in neither. */
  private static int septets(char c) {
    if (GSM_BASIC.indexOf(c) >= 0) {
      return 1;
    }
    return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 0;
  }
}
