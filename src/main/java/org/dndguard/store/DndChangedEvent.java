package org.dndguard.store;

import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.TopicEntry;
import org.dndguard.store.internal.DndChangePublisher;

/**
 * Published (as a Spring application event) for every DND entry a change turned on or off, inside
 * the change's transaction. Listen with {@code @TransactionalEventListener} to act only once the
 * change has committed. A listener runs in a savepoint of that transaction: one that throws is rolled
 * back to it, logged and counted ({@link DndChangePublisher#FAILURES}), and the change commits anyway.
 *
 * @param contactId the contact
 * @param target the channel, ALL or inbound target that changed
 * @param active whether the target is still blocked after the change (another reason may hold it)
 * @param reason the reason of the entry that was turned on or off
 * @param status the contact's status after the change
 * @param evidence what the change rests on
 * @param topic for a topic change, the topic the contact left ({@code active}) or rejoined; the
 *     target is then null, since a topic counts on every channel. Null for a channel change.
 */
public record DndChangedEvent(String contactId, DndTarget target, boolean active, DndReason reason,
    DndStatus status, Evidence evidence, String topic) {

  /** A change of a channel, ALL or inbound target. */
  public DndChangedEvent(String contactId, DndTarget target, boolean active, DndReason reason, DndStatus status,
      Evidence evidence) {
    this(contactId, target, active, reason, status, evidence, null);
  }

  /** A contact left ({@code active}) or rejoined a topic. */
  static DndChangedEvent ofTopic(String contactId, TopicEntry entry, boolean active, DndStatus status,
      Evidence evidence) {
    return new DndChangedEvent(contactId, null, active, entry.reason(), status, evidence, entry.topic());
  }

  static DndChangedEvent of(String contactId, DndEntry entry, DndRecord after, Evidence evidence) {
    return new DndChangedEvent(contactId, entry.target(), after.isActive(entry.target()), entry.reason(),
        after.status(), evidence);
  }
}
