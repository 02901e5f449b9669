package org.dndguard.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;

/** One row of a contact's audit trail; members that do not apply are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditEntry", description = "One row of a contact's audit trail; members that do not apply are left out")
public record AuditEntryView(
    @Schema(description = "Increasing in the order the contact's changes committed") long id,
    @Schema(example = "SET") AuditAction action,
    @Schema(description = "The channel, ALL, INBOUND_CALL or INBOUND_SMS", example = "SMS") DndTarget target,
    @Schema(example = "MANUAL") DndReason reason,
    @Schema(description = "The contact's status after the change") DndStatus statusAfter,
    @Schema(description = "A sentence for people: a refusal's message, the addresses registered")
    String message,
    @Schema(description = "The address a provider event named") AddressKind addressKind,
    String address,
    @Schema(description = "When the row was written") Instant recordedAt,
    @Schema(description = "What the change rests on; evidence.actor is the user who made it") EvidenceView evidence) {

  public static AuditEntryView of(AuditRecord row) {
    return new AuditEntryView(row.id(), row.action(), row.target(), row.reason(), row.statusAfter(), row.message(),
        row.addressKind(), row.address(), row.recordedAt(), EvidenceView.of(row.evidence()));
  }
}
