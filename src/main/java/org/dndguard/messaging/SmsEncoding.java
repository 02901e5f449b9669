package org.dndguard.messaging;

/** How an SMS body is encoded on the air, which decides how many characters fit in a segment. */
public enum SmsEncoding {
  /** The GSM 03.38 alphabet, 7 bits a character: 160 in one segment, 153 per part of a longer one. */
  GSM_7(160, 153),
  /** Anything outside it (emoji, most non-Latin scripts): 70 UTF-16 units in one segment, 67 per part. */
  UCS_2(70, 67);

  private final int single;
  private final int perPart;

  SmsEncoding(int single, int perPart) {
    this.single = single;
    this.perPart = perPart;
  }

  /** How many units fit in a message of one segment. */
  public int single() {
    return single;
  }

  /** How many units fit in each part of a message of several segments (the rest is the part header). */
  public int perPart() {
    return perPart;
  }
}
