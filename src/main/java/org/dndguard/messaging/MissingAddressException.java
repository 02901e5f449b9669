package org.dndguard.messaging;

import java.util.Locale;
import org.dndguard.InternalApi;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Channel;

/** The contact has no address for the message's channel; nothing was queued. */
public class MissingAddressException extends MessageRefusedException {

  public MissingAddressException(String contactId, Channel channel) {
    super(contactId, channel, "Contact " + contactId + " has no " + describe(channel.addressKind()) + ", which "
        + channel + " messages go to; add it with PUT /api/contacts/" + contactId + " (field \""
        + field(channel.addressKind()) + "\") or ContactService.register");
  }

  @InternalApi
  public static String describe(AddressKind kind) {
    return switch (kind) {
      case PHONE -> "phone number";
      case EMAIL -> "e-mail address";
      case WHATSAPP -> "WhatsApp number";
      case FACEBOOK -> "Facebook id";
      case GMB -> "GMB conversation id";
    };
  }

  private static String field(AddressKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
