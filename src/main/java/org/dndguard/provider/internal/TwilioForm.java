package org.dndguard.provider.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.ProviderRules;

/**
 * What every Twilio webhook checks of its form, in one place: the signature first, then that no
 * parameter came twice (the signature covers both values, so either could be what Twilio meant),
 * then each parameter as it is read. Provider text is kept, never refused: a control character in it
 * (NUL, which PostgreSQL cannot store) is replaced, so it cannot fail the event.
 */
final class TwilioForm {

  // Twilio writes addresses of other channels with a prefix: whatsapp:+1..., messenger:..., client:...
  static final Pattern CHANNEL_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*:");
  private static final int MAX_SID_LENGTH = 64;

  private final TwilioSignature signature;
  private final AddressNormalizer addresses;

  TwilioForm(TwilioSignature signature, AddressNormalizer addresses) {
    this.signature = signature;
    this.addresses = addresses;
  }

  /**
   * The request's parameters, once its signature is verified and no parameter is repeated.
   *
   * @throws WebhookSignatureException when the signature is missing or wrong
   * @throws MalformedWebhookException naming a parameter that came more than once
   */
  FormParameters verified(TwilioWebhooks.Request request) {
    signature.verify(request.path(), request.rawQuery(), request.parameters().asMap(), request.signature());
    for (Map.Entry<String, List<String>> parameter : request.parameters().asMap().entrySet()) {
      if (parameter.getValue().size() > 1) {
        throw new MalformedWebhookException(parameter.getKey(), "The form parameter " + parameter.getKey()
            + " came " + parameter.getValue().size() + " times; Twilio sends each once, so it is unclear which"
            + " value counts and nothing was done");
      }
    }
    return request.parameters();
  }

  /** A Twilio id parameter (MessageSid, CallSid): letters and digits. */
  static String sid(FormParameters form, String name, String what) {
    String sid = form.require(name, what);
    if (sid.length() > MAX_SID_LENGTH || !sid.chars().allMatch(Character::isLetterOrDigit)) {
      throw new MalformedWebhookException(name, "The form parameter " + name + " '" + abbreviate(sid)
          + "' is not a Twilio id (34 letters and digits, e.g. SM followed by 32 hex digits)");
    }
    return sid;
  }

  /** A phone number parameter in E.164. */
  String phone(String raw, String field) {
    try {
      return addresses.phone(raw, field);
    } catch (InvalidDndInputException e) {
      throw new MalformedWebhookException(field, "The form parameter " + field + ": " + e.getMessage());
    }
  }

  /** Whether a Twilio address is a WhatsApp one ({@code whatsapp:+1...}). */
  static boolean isWhatsApp(String raw) {
    return ProviderRules.isWhatsApp(raw);
  }

  /** A {@code whatsapp:} address parameter, as DND Guard keeps WhatsApp numbers (E.164). */
  String whatsApp(String raw, String field) {
    try {
      return addresses.normalize(AddressKind.WHATSAPP, raw);
    } catch (InvalidDndInputException e) {
      throw new MalformedWebhookException(field, "The form parameter " + field + ": " + e.getMessage());
    }
  }

  /** The number of a {@code whatsapp:} address, when DND Guard can read it (E.164); empty otherwise. */
  Optional<String> whatsAppNumber(String raw) {
    try {
      return Optional.of(addresses.normalize(AddressKind.WHATSAPP, raw));
    } catch (InvalidDndInputException e) {
      return Optional.empty();
    }
  }

  /** The caller's number, when it is one: withheld, SIP or client callers have none. */
  Optional<String> callerNumber(String raw) {
    if (CHANNEL_PREFIX.matcher(raw).find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(addresses.phone(raw, "From"));
    } catch (InvalidDndInputException e) {
      return Optional.empty();
    }
  }

  /** An optional free-text parameter, trimmed, with control characters made harmless; null when blank. */
  static String text(FormParameters form, String name) {
    return blankToNull(ProviderText.clean(form.get(name)));
  }

  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
