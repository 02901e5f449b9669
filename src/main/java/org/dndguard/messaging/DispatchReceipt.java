package org.dndguard.messaging;

/**
 * A provider's answer to a message it accepted.
 *
 * @param providerMessageId the provider's id for the message (Twilio's MessageSid, Mailgun's
 *     message id), which its later callbacks name; null when the provider gives none
 */
public record DispatchReceipt(String providerMessageId) {
}
