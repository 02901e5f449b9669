package org.dndguard.messaging;

import java.util.Set;
import org.dndguard.contact.Channel;

/**
 * Hands messages of some channels to a provider. DND Guard has one for Twilio (SMS and WhatsApp),
 * one for Mailgun (e-mail) and one that only logs, for channels without a provider when the
 * deployment sets {@code dnd.messaging.dispatch.log-only=true} (its messages end LOGGED, never
 * SENT); a bean of yours of this type takes over its channels. One dispatcher per channel: two for
 * the same one stop the application from starting.
 *
 * <p>The outbox calls it after it has checked DND, outside any transaction, one message at a time.
 */
public interface MessageDispatcher {

  /** A short name, stored with each message it handled: {@code twilio}, {@code mailgun}, {@code log}. */
  String name();

  /** The channels it sends. */
  Set<Channel> channels();

  /**
   * Sends one message.
   *
   * @return the provider's receipt: only a provider's acceptance makes the message SENT
   * @throws DispatchException when the message was not sent, or may not have been: it says whether a
   *     later attempt may succeed ({@link DispatchException#retryable}), or whether it may have gone
   *     out ({@link DispatchException#mayHaveBeenSent}, never sent again automatically)
   */
  DispatchReceipt send(OutboxMessage message);
}
