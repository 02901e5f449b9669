package org.dndguard.messaging;

import org.dndguard.contact.Channel;
import org.dndguard.contact.TopicEntry;

/** A manual message refused because the contact left its topic; nothing was queued. */
public class TopicLeftException extends MessageRefusedException {

  private final TopicEntry leftTopic;

  public TopicLeftException(String contactId, Channel channel, TopicEntry leftTopic) {
    super(contactId, channel, channel + " message to contact " + contactId + " not queued: the contact left the"
        + " topic " + leftTopic.topic() + " on " + leftTopic.since() + " (" + leftTopic.setBy() + "); a user may"
        + " rejoin it with DELETE /api/contacts/" + contactId + "/dnd/topics/" + leftTopic.topic());
    this.leftTopic = leftTopic;
  }

  public TopicEntry leftTopic() {
    return leftTopic;
  }
}
