package org.dndguard.contact;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.internal.Topics;

/**
 * The topics a contact left. A contact is subscribed to every topic it has not left, so a new
 * topic reaches everyone until they leave it.
 */
public record TopicSubscriptions(String contactId, List<TopicEntry> left) {

  public TopicSubscriptions {
    contactId = ContactIds.require(contactId);
    left = left.stream().sorted(Comparator.comparing(TopicEntry::topic)).toList();
  }

  public static TopicSubscriptions none(String contactId) {
    return new TopicSubscriptions(contactId, List.of());
  }

  /** The entry by which the contact left the topic; empty when it is subscribed. */
  public Optional<TopicEntry> leftTopic(String topic) {
    return left.stream().filter(e -> e.topic().equals(topic)).findFirst();
  }

  /**
   * What leaving a topic adds: an entry, or nothing when the contact has already left it (the
   * first reason stays, as with a channel set twice).
   */
  public Optional<TopicEntry> leave(String topic, DndReason reason, Evidence evidence) {
    String name = Topics.require(topic);
    if (leftTopic(name).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new TopicEntry(name, reason, evidence.receivedAt(), evidence));
  }

  /** What rejoining a topic removes: the entry, or nothing when the contact had not left it. */
  public Optional<TopicEntry> rejoin(String topic) {
    return leftTopic(Topics.require(topic));
  }
}
