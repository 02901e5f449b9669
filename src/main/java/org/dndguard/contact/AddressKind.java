package org.dndguard.contact;

/** The kinds of address a contact can have; each channel sends to one of them. */
public enum AddressKind {
  /** A phone number in E.164, for CALL and SMS. */
  PHONE,
  /** An e-mail address, lower case. */
  EMAIL,
  /** A WhatsApp number in E.164. */
  WHATSAPP,
  /** A Facebook page-scoped id. */
  FACEBOOK,
  /** A Google Business Messages conversation id. */
  GMB
}
