package org.dndguard.messaging;

/**
 * How an SMS body is encoded on the air, which decides how many characters fit in a segment: a
 * segment carries 140 octets, and each part of a longer message gives 6 of them to the header that
 * joins the parts (the user data header).
 */
public enum SmsEncoding {
  /** The GSM 03.38 alphabet, 7 bits a character: 160 in one segment, 153 per part of a longer one. */
  GSM_7(7),
  /** Anything outside it (emoji, most non-Latin scripts): 70 UTF-16 units in one segment, 67 per part. */
  UCS_2(16);

  private static final int SEGMENT_BITS = 140 * 8;
  private static final int PART_HEADER_BITS = 6 * 8;

  private final int bitsPerUnit;

  SmsEncoding(int bitsPerUnit) {
    this.bitsPerUnit = bitsPerUnit;
  }

  /** How many units fit in a message of one segment. */
  public int single() {
    return SEGMENT_BITS / bitsPerUnit;
  }

  /** How many units fit in each part of a message of several segments (the rest is the part header). */
  public int perPart() {
    return (SEGMENT_BITS - PART_HEADER_BITS) / bitsPerUnit;
  }
}
