package org.dndguard.messaging;

import org.dndguard.contact.Channel;

/**
 * A message DND Guard refused to queue for a contact on a channel; nothing was queued. The
 * subclasses say why (the channel is in DND, the contact left the topic, there is no address), and
 * the message says how to fix it.
 */
public abstract class MessageRefusedException extends RuntimeException {

  private final String contactId;
  private final Channel channel;

  protected MessageRefusedException(String contactId, Channel channel, String message) {
    super(message);
    this.contactId = contactId;
    this.channel = channel;
  }

  public String contactId() {
    return contactId;
  }

  public Channel channel() {
    return channel;
  }
}
