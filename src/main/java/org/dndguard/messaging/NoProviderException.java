package org.dndguard.messaging;

import org.dndguard.InternalApi;
import org.dndguard.contact.Channel;

/**
 * No provider sends the channel, so a message for it would never leave: nothing was queued (or, at
 * dispatch, the message failed without being sent). The message names the property to set.
 */
public class NoProviderException extends MessageRefusedException {

  /** Where the log-only dispatcher is switched on. */
  public static final String LOG_ONLY_PROPERTY = "dnd.messaging.dispatch.log-only";

  private final String property;

  public NoProviderException(String contactId, Channel channel) {
    super(contactId, channel, text(channel));
    this.property = property(channel);
  }

  /** The property that gives the channel a provider. */
  public String property() {
    return property;
  }

  /** The same words for the API, the workflow step and the outbox's detail. */
  @InternalApi
  public static String text(Channel channel) {
    String how = switch (channel) {
      case SMS, WHATSAPP -> "set " + property(channel) + " (with auth-token and from) to send " + channel
          + " through Twilio";
      case EMAIL -> "set " + property(channel) + " (with domain and from) to send e-mail through Mailgun";
      default -> "define a MessageDispatcher bean that sends " + channel;
    };
    return "No provider sends " + channel + " messages: " + how + ", or set " + LOG_ONLY_PROPERTY
        + "=true to only log them (status LOGGED, never sent)";
  }

  static String property(Channel channel) {
    return switch (channel) {
      case SMS, WHATSAPP -> "dnd.messaging.twilio.account-sid";
      case EMAIL -> "dnd.messaging.mailgun.api-key";
      default -> LOG_ONLY_PROPERTY;
    };
  }
}
