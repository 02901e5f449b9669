package org.dndguard.messaging;

/**
 * A provider's answer to a message it accepted.
 *
 * @param providerMessageId the provider's id for the message (Twilio's MessageSid, Mailgun's
 *     message id), which its later callbacks name; null when the provider gives none
 * @param loggedOnly true when nothing was sent, only logged (the log-only dispatcher): the message
 *     ends {@link MessageStatus#LOGGED}, never {@link MessageStatus#SENT}
 */
public record DispatchReceipt(String providerMessageId, boolean loggedOnly) {

  /** A provider accepted the message. */
  public DispatchReceipt(String providerMessageId) {
    this(providerMessageId, false);
  }

  /** Nothing was sent; the message was only logged. */
  public static DispatchReceipt logged() {
    return new DispatchReceipt(null, true);
  }
}
