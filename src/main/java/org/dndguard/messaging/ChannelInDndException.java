package org.dndguard.messaging;

import org.dndguard.contact.Channel;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRules;

/** A manual message refused because its channel is in DND for the contact; nothing was queued. */
public class ChannelInDndException extends RuntimeException {

  private final String contactId;
  private final Channel channel;
  private final DndEntry blockingEntry;

  public ChannelInDndException(String contactId, Channel channel, DndEntry blockingEntry) {
    super(channel + " message to contact " + contactId + " not queued: "
        + DndRules.refusalMessage(contactId, blockingEntry));
    this.contactId = contactId;
    this.channel = channel;
    this.blockingEntry = blockingEntry;
  }

  public String contactId() {
    return contactId;
  }

  public Channel channel() {
    return channel;
  }

  /** The DND entry that blocks the channel: the channel's own, or ALL. */
  public DndEntry blockingEntry() {
    return blockingEntry;
  }
}
