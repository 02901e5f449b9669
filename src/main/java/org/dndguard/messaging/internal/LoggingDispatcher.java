package org.dndguard.messaging.internal;

import java.util.EnumSet;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.dndguard.messaging.DispatchReceipt;
import org.dndguard.messaging.MessageDispatcher;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.NoProviderException;
import org.dndguard.messaging.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends nothing: it logs that a message was due and leaves it {@link MessageStatus#LOGGED}, never
 * SENT. Only when the deployment chooses it ({@code dnd.messaging.dispatch.log-only=true}, as the
 * reference application does), for every channel without a provider. The log line names the
 * message, never its body or subject, which may be personal.
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
    LOG.info("{} message {} to contact {} only logged, not sent (no provider; {}=true): {} characters",
        message.channel(), message.id(), message.contactId(), NoProviderException.LOG_ONLY_PROPERTY,
        message.body().length());
    return DispatchReceipt.logged();
  }
}
