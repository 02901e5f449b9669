package org.dndguard.contact.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.dndguard.contact.InvalidDndInputException;

/**
 * The time zones in which a contact's quiet hours are judged, and where they came from: the
 * contact's own {@code timeZone}, else its phone number (libphonenumber's time-zone mapper; a
 * number may map to several zones, e.g. an area code that spans two), else the default zone.
 *
 * @param zones one zone, or several when the phone number spans them (the window must be open in all)
 * @param source where the zones came from
 */
public record ContactTimeZone(List<ZoneId> zones, Source source) {

  /** Where a contact's time zone came from. */
  public enum Source {
    /** The contact's own {@code timeZone}. */
    CONTACT,
    /** The contact's phone number (or WhatsApp number). */
    PHONE,
    /** {@code dnd.quiet-hours.default-zone}: the contact has neither a zone nor a number that names one. */
    DEFAULT
  }

  private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

  public ContactTimeZone {
    zones = List.copyOf(zones);
    Objects.requireNonNull(source, "source");
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("A contact's time zone needs at least one zone");
    }
  }

  /**
   * The zones in force for a contact.
   *
   * @param own the contact's own IANA zone id, or null
   * @param phone the contact's phone number in E.164 (or its WhatsApp number), or null
   * @param defaultZone the zone when neither names one
   */
  public static ContactTimeZone resolve(String own, String phone, ZoneId defaultZone) {
    if (own != null) {
      return new ContactTimeZone(List.of(parseZone(own)), Source.CONTACT);
    }
    if (phone != null) {
      List<ZoneId> fromPhone = zonesOfNumber(phone);
      if (!fromPhone.isEmpty()) {
        return new ContactTimeZone(fromPhone, Source.PHONE);
      }
    }
    return new ContactTimeZone(List.of(defaultZone), Source.DEFAULT);
  }

  /** The zones libphonenumber maps the number to, sorted; empty when it knows none. */
  static List<ZoneId> zonesOfNumber(String e164) {
    try {
      var number = PhoneNumberUtil.getInstance().parse(e164, null);
      return PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number).stream()
          .filter(id -> !UNKNOWN.equals(id))
          .sorted()
          .map(ZoneId::of)
          .toList();
    } catch (NumberParseException | DateTimeException e) {
      return List.of();
    }
  }

  /**
   * An IANA time zone id such as {@code America/Chicago}.
   *
   * @throws InvalidDndInputException naming the form when the id is not a region zone the JDK knows
   */
  public static ZoneId parseZone(String id) {
    String value = id == null ? "" : id.trim();
    if (!value.contains("/") && !"UTC".equals(value)) {
      throw new InvalidDndInputException("timeZone", "'" + value + "' is not an IANA time zone id; give a region"
          + " such as America/Chicago or Europe/Berlin (or UTC)");
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new InvalidDndInputException("timeZone", "'" + value + "' is not an IANA time zone id; give a region"
          + " such as America/Chicago or Europe/Berlin (or UTC)");
    }
  }
}
