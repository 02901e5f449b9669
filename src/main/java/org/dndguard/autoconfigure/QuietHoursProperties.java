package org.dndguard.autoconfigure;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dndguard.InternalApi;
import org.dndguard.contact.internal.ContactTimeZone;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.QuietHours;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quiet hours, under {@code dnd.quiet-hours}: the daily window, in the contact's local time, in
 * which each channel may be used. A window is {@code HH:mm-HH:mm} (from inclusive, to exclusive;
 * it may span midnight); a blank window allows the channel at any time. The defaults follow 47 CFR
 * 64.1200(c)(1): calls and texts from 08:00 to 21:00.
 *
 * @param enabled whether steps and outbox messages honour quiet hours at all; defaults to {@code true}
 * @param defaultZone the IANA time zone of a contact that has no {@code timeZone} and no phone number
 *     that names one; defaults to {@code UTC}
 * @param call the window for CALL; defaults to {@code 08:00-21:00}
 * @param sms the window for SMS; defaults to {@code 08:00-21:00}
 * @param whatsapp the window for WHATSAPP; defaults to {@code 08:00-21:00}
 * @param email the window for EMAIL; blank by default (any time)
 * @param facebook the window for FACEBOOK; blank by default (any time)
 * @param gmb the window for GMB; blank by default (any time)
 */
public record QuietHoursProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("UTC") String defaultZone,
    @DefaultValue("08:00-21:00") String call,
    @DefaultValue("08:00-21:00") String sms,
    @DefaultValue("08:00-21:00") String whatsapp,
    @DefaultValue("") String email,
    @DefaultValue("") String facebook,
    @DefaultValue("") String gmb) {

  public QuietHoursProperties {
    // a wrong window or zone stops the start, naming the property, rather than letting messages out at night
    try {
      ContactTimeZone.parseZone(defaultZone);
      windows(call, sms, whatsapp, email, facebook, gmb);
    } catch (InvalidDndInputException e) {
      throw new IllegalArgumentException("dnd.quiet-hours: " + e.getMessage(), e);
    }
  }

  /** The windows by channel; with {@code enabled=false}, none. */
  @InternalApi
  public QuietHours quietHours() {
    return enabled ? windows(call, sms, whatsapp, email, facebook, gmb) : QuietHours.none();
  }

  public ZoneId zone() {
    return ContactTimeZone.parseZone(defaultZone);
  }

  private static QuietHours windows(String call, String sms, String whatsapp, String email, String facebook,
      String gmb) {
    Map<String, String> windows = new LinkedHashMap<>();
    windows.put("CALL", call);
    windows.put("SMS", sms);
    windows.put("WHATSAPP", whatsapp);
    windows.put("EMAIL", email);
    windows.put("FACEBOOK", facebook);
    windows.put("GMB", gmb);
    return QuietHours.of(windows);
  }
}
