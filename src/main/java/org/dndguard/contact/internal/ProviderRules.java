package org.dndguard.contact.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;

/**
 * Which provider events set DND, and with which reason (DESIGN.md's Rules table). Payload parsing
 * and signatures live with the providers; the decision lives here.
 */
public final class ProviderRules {

  /** Mailgun permanent failure reasons that mean the address bounced. */
  public static final Set<String> MAILGUN_BOUNCE_REASONS = Set.of("bounce", "suppress-bounce", "generic");

  /** Twilio error codes of temporary delivery problems. */
  public static final Set<String> TWILIO_TEMPORARY_CODES = Set.of("30003", "30005", "30006");

  /** Twilio error codes meaning the number must not be texted again. */
  public static final Set<String> TWILIO_PERMANENT_CODES = Set.of("30004", "21610");

  private ProviderRules() {
  }

  /**
   * The EMAIL DND reason a Mailgun event sets, or empty when it sets none (temporary failures,
   * deliveries, opens and every other event).
   *
   * @param event Mailgun's {@code event}, e.g. {@code failed}
   * @param severity {@code severity} of a failure, {@code permanent} or {@code temporary}
   * @param reason {@code reason} of a failure, e.g. {@code suppress-bounce}
   */
  public static Optional<DndReason> mailgun(String event, String severity, String reason) {
    String e = lower(event);
    return switch (e) {
      case "unsubscribed" -> Optional.of(DndReason.EMAIL_UNSUBSCRIBE);
      case "complained" -> Optional.of(DndReason.SPAM_COMPLAINT);
      case "failed" -> "permanent".equals(lower(severity)) ? mailgunPermanentFailure(lower(reason)) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<DndReason> mailgunPermanentFailure(String reason) {
    if (MAILGUN_BOUNCE_REASONS.contains(reason)) {
      return Optional.of(DndReason.EMAIL_BOUNCE);
    }
    return switch (reason) {
      case "suppress-unsubscribe" -> Optional.of(DndReason.EMAIL_UNSUBSCRIBE);
      case "suppress-complaint" -> Optional.of(DndReason.SPAM_COMPLAINT);
      default -> Optional.empty();
    };
  }

  /** The SMS DND reason a Twilio error code sets, or empty when it sets none. */
  public static Optional<DndReason> twilioError(String errorCode) {
    String code = errorCode == null ? "" : errorCode.trim();
    if (TWILIO_TEMPORARY_CODES.contains(code)) {
      return Optional.of(DndReason.CARRIER_TEMPORARY);
    }
    if (TWILIO_PERMANENT_CODES.contains(code)) {
      return Optional.of(DndReason.CARRIER_PERMANENT);
    }
    return Optional.empty();
  }

  /** The Twilio error code of a WhatsApp message the recipient blocked (or opted out of). */
  public static final String TWILIO_WHATSAPP_BLOCKED_CODE = "63014";

  /**
   * The WHATSAPP DND reason a Twilio error code on a WhatsApp status callback sets, or empty when
   * it sets none. The SMS carrier codes do not apply to WhatsApp.
   */
  public static Optional<DndReason> twilioWhatsAppError(String errorCode) {
    String code = errorCode == null ? "" : errorCode.trim();
    return TWILIO_WHATSAPP_BLOCKED_CODE.equals(code) ? Optional.of(DndReason.WHATSAPP_BLOCKED) : Optional.empty();
  }

  /** Whether a Twilio address is a WhatsApp one ({@code whatsapp:+1...}). */
  public static boolean isWhatsApp(String twilioAddress) {
    return twilioAddress != null && twilioAddress.trim().toLowerCase(Locale.ROOT).startsWith("whatsapp:");
  }

  /** The DND an inbound opt-out keyword sets: WHATSAPP from a WhatsApp sender, else SMS. */
  public static DndCommand.Set optOut(String twilioFrom, Evidence evidence) {
    return isWhatsApp(twilioFrom)
        ? new DndCommand.Set(DndTarget.WHATSAPP, DndReason.WHATSAPP_OPT_OUT, evidence)
        : new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, evidence);
  }

  /** What an inbound opt-in keyword lifts: on WhatsApp from a WhatsApp sender, else by SMS. */
  public static DndCommand.OptIn optIn(String twilioFrom, Evidence evidence) {
    return new DndCommand.OptIn(isWhatsApp(twilioFrom) ? DndTarget.WHATSAPP : DndTarget.SMS, evidence);
  }

  private static String lower(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
