package org.dndguard.store;

import java.time.Instant;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;

/**
 * One row of the append-only audit trail.
 *
 * @param id the row's id, increasing in the order the changes committed for one contact; null
 *     before it is written
 * @param contactId the contact, or null for an address that no contact has
 * @param addressKind the address an event named, when it came by address
 * @param address the normalised address
 * @param action what happened
 * @param target the target concerned, when there is one
 * @param reason the DND reason concerned, when there is one
 * @param statusAfter the contact's status after the change
 * @param evidence what it rests on
 * @param message a sentence for people: the refusal's message, a removal's count
 * @param recordedAt when the row was written
 * @param topic the topic a contact left or rejoined, for {@link AuditAction#TOPIC_LEFT} and
 *     {@link AuditAction#TOPIC_REJOINED}; null otherwise
 */
public record AuditRecord(
    Long id,
    String contactId,
    AddressKind addressKind,
    String address,
    AuditAction action,
    DndTarget target,
    DndReason reason,
    DndStatus statusAfter,
    Evidence evidence,
    String message,
    Instant recordedAt,
    String topic) {

  /** A row that is not about a topic. */
  public AuditRecord(Long id, String contactId, AddressKind addressKind, String address, AuditAction action,
      DndTarget target, DndReason reason, DndStatus statusAfter, Evidence evidence, String message,
      Instant recordedAt) {
    this(id, contactId, addressKind, address, action, target, reason, statusAfter, evidence, message, recordedAt,
        null);
  }

  /** A row about a contact, with no address, target or reason: a removal, say. */
  public static AuditRecord of(String contactId, AuditAction action, Evidence evidence, String message,
      Instant recordedAt) {
    return new AuditRecord(null, contactId, null, null, action, null, null, null, evidence, message, recordedAt);
  }
}
