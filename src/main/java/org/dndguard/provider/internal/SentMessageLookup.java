package org.dndguard.provider.internal;

import java.util.Optional;

/**
 * Finds the contact a message that DND Guard sent was for, by the provider's message id. The
 * outbox implements it; when a bean of this type exists, a Twilio status callback applies its
 * carrier error to that contact as well as to every contact with the {@code To} number, so the
 * error reaches the contact the message was meant for even when its number changed in between.
 * Without such a bean the {@code To} number alone decides.
 */
public interface SentMessageLookup {

  /**
   * The contact the message was sent to, or empty when DND Guard did not send it.
   *
   * @param messageSid the provider's message id (Twilio's {@code MessageSid})
   */
  Optional<String> contactIdForProviderMessage(String messageSid);
}
