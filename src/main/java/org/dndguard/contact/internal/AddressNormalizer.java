package org.dndguard.contact.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.InvalidDndInputException;

/**
 * Brings addresses to one form, so that {@code +1 (415) 555-0100} and {@code +14155550100} are one
 * number and {@code Ann@Example.com} and {@code ann@example.com} one address. Phone numbers become
 * E.164 with libphonenumber; a number without a country code is read in the default region.
 */
public final class AddressNormalizer {

  // deliberately plain: one @, no blanks, a dot in the domain; full RFC 5322 is not what users type
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
  private static final int MAX_ID_LENGTH = 255;

  private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /** @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. US */
  public AddressNormalizer(String defaultRegion) {
    String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
    if (!phoneNumbers.getSupportedRegions().contains(region)) {
      throw new InvalidDndInputException("defaultRegion",
          "Unknown phone region '" + defaultRegion + "'; use a two-letter ISO 3166 code such as US or GB");
    }
    this.defaultRegion = region;
  }

  /** Normalises every address given; blank ones count as absent. */
  public ContactAddresses normalize(ContactAddresses raw) {
    return new ContactAddresses(
        blankToNull(raw.phone()) == null ? null : phone(raw.phone(), "phone"),
        blankToNull(raw.email()) == null ? null : email(raw.email()),
        blankToNull(raw.whatsapp()) == null ? null : normalize(AddressKind.WHATSAPP, raw.whatsapp()),
        blankToNull(raw.facebook()) == null ? null : id(raw.facebook(), "facebook"),
        blankToNull(raw.gmb()) == null ? null : id(raw.gmb(), "gmb"));
  }

  /** Normalises one address of a kind. */
  public String normalize(AddressKind kind, String address) {
    return switch (kind) {
      case PHONE -> phone(address, "phone");
      case WHATSAPP -> phone(stripWhatsAppPrefix(address), "whatsapp");
      case EMAIL -> email(address);
      case FACEBOOK -> id(address, "facebook");
      case GMB -> id(address, "gmb");
    };
  }

  /**
   * A phone number in E.164.
   *
   * @throws InvalidDndInputException when it is not a valid number
   */
  public String phone(String number, String field) {
    String value = blankToNull(number);
    if (value == null) {
      throw new InvalidDndInputException(field, "The " + field + " number is blank");
    }
    try {
      PhoneNumber parsed = phoneNumbers.parse(value, defaultRegion);
      if (!phoneNumbers.isValidNumber(parsed)) {
        throw invalidPhone(field, value);
      }
      return phoneNumbers.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw invalidPhone(field, value);
    }
  }

  private InvalidDndInputException invalidPhone(String field, String value) {
    return new InvalidDndInputException(field, "'" + value + "' is not a valid phone number; write it in E.164"
        + " (e.g. +14155550100) or as a number of region " + defaultRegion);
  }

  /**
   * An e-mail address, trimmed and in lower case.
   *
   * @throws InvalidDndInputException when it is not an address
   */
  public String email(String address) {
    // invisible and look-alike characters named; a plain space is refused by the pattern below
    String value = ControlCharacters.refuseInvisible("email", blankToNull(address), true);
    if (value == null || value.length() > 320 || !EMAIL.matcher(value).matches()) {
      throw new InvalidDndInputException("email",
          "'" + address + "' is not a valid e-mail address; expected a form like ann@example.com");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static String id(String value, String field) {
    // invisible and look-alike characters named; a plain space is refused below as a blank
    String trimmed = ControlCharacters.refuseInvisible(field, blankToNull(value), true);
    if (trimmed == null || trimmed.length() > MAX_ID_LENGTH || trimmed.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidDndInputException(field,
          "'" + value + "' is not a valid " + field + " id; expected up to " + MAX_ID_LENGTH + " characters without blanks");
    }
    return trimmed;
  }

  private static String stripWhatsAppPrefix(String address) {
    return address != null && address.trim().toLowerCase(Locale.ROOT).startsWith("whatsapp:")
        ? address.trim().substring("whatsapp:".length())
        : address;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
