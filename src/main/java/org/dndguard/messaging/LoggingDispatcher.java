package org.dndguard.messaging;

import java.util.EnumSet;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends nothing: it logs each message and marks it sent by {@code log}. For the reference
 * application, and for every channel that has no provider of its own, so that queued messages do
 * not pile up; the message's provider shows it was only logged.
 */
public class LoggingDispatcher implements MessageDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingDispatcher.class);

  @Override
  public String name() {
    return "log";
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.SMS, Channel.EMAIL, Channel.WHATSAPP, Channel.FACEBOOK, Channel.GMB);
  }

  @Override
  public DispatchReceipt send(OutboxMessage message) {
    LOG.info("{} message {} to contact {} at {} (no provider configured, only logged){}: {}", message.channel(),
        message.id(), message.contactId(), message.recipient(),
        message.subject() == null ? "" : ", subject '" + message.subject() + "'", message.body());
    return new DispatchReceipt("log-" + message.id());
  }
}
