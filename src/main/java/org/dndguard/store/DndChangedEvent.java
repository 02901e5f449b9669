package org.dndguard.store;

import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;

/**
 * Published (as a Spring application event) for every DND entry a change turned on or off, inside
 * the change's transaction. Listen with {@code @TransactionalEventListener} to act only once the
 * change has committed.
 *
 * @param contactId the contact
 * @param target the channel, ALL or inbound target that changed
 * @param active whether the target is still blocked after the change (another reason may hold it)
 * @param reason the reason of the entry that was turned on or off
 * @param status the contact's status after the change
 * @param evidence what the change rests on
 */
public record DndChangedEvent(String contactId, DndTarget target, boolean active, DndReason reason,
    DndStatus status, Evidence evidence) {

  static DndChangedEvent of(String contactId, DndEntry entry, DndRecord after, Evidence evidence) {
    return new DndChangedEvent(contactId, entry.target(), after.isActive(entry.target()), entry.reason(),
        after.status(), evidence);
  }
}
