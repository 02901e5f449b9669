package org.dndguard.provider.internal;

import java.util.List;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.DndService;

/**
 * The audit rows of provider events that change no DND: ignored events and blocked inbound
 * messages. Changes themselves are audited by {@link DndService}. Rows join the caller's transaction.
 */
class ProviderAudit {

  private final DndService dnd;
  private final AuditTrail audit;

  ProviderAudit(DndService dnd, AuditTrail audit) {
    this.dnd = dnd;
    this.audit = audit;
  }

  /**
   * An event that the rules ignore, on the trail of every contact with the address, or of the
   * address alone when no contact has it.
   */
  void ignored(AddressKind kind, String address, DndTarget target, Evidence evidence, String message) {
    List<String> contacts = dnd.contactsWithAddress(kind, address);
    if (contacts.isEmpty()) {
      audit.append(new AuditRecord(null, null, kind, address, AuditAction.IGNORED, target, null, null, evidence,
          message, dnd.clock().instant()));
    }
    for (String contactId : contacts) {
      ignored(contactId, kind, address, target, evidence, message);
    }
  }

  /** An event that the rules ignore, on one contact's trail. */
  void ignored(String contactId, AddressKind kind, String address, DndTarget target, Evidence evidence,
      String message) {
    audit.append(new AuditRecord(null, contactId, kind, address, AuditAction.IGNORED, target, null,
        dnd.findRecord(contactId).map(DndRecord::status).orElse(null), evidence, message, dnd.clock().instant()));
  }

  /** An inbound text or call that the contact's inbound DND kept from going anywhere. */
  void inboundBlocked(DndRecord record, AddressKind kind, String address, DndTarget target, Evidence evidence,
      String message) {
    audit.append(new AuditRecord(null, record.contactId(), kind, address, AuditAction.INBOUND_BLOCKED, target,
        record.entries(target).stream().findFirst().map(e -> e.reason()).orElse(null), record.status(), evidence,
        message, dnd.clock().instant()));
  }
}
