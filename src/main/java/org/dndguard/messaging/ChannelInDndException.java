package org.dndguard.messaging;

import org.dndguard.contact.Channel;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.internal.DndRules;

/** A manual message refused because its channel is in DND for the contact; nothing was queued. */
public class ChannelInDndException extends MessageRefusedException {

  private final DndEntry blockingEntry;

  public ChannelInDndException(String contactId, Channel channel, DndEntry blockingEntry) {
    super(contactId, channel, channel + " message to contact " + contactId + " not queued: "
        + DndRules.refusalMessage(contactId, blockingEntry));
    this.blockingEntry = blockingEntry;
  }

  /** The DND entry that blocks the channel: the channel's own, or ALL. */
  public DndEntry blockingEntry() {
    return blockingEntry;
  }
}
