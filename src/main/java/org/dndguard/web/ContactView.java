package org.dndguard.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.store.Contact;

/** A registered contact with its normalised addresses; an address the contact lacks is null. */
@Schema(name = "Contact", description = "A registered contact with its normalised addresses")
public record ContactView(
    @Schema(example = "c-42") String id,
    @Schema(description = "E.164", example = "+14155550100", nullable = true) String phone,
    @Schema(description = "lower case", example = "ann@example.com", nullable = true) String email,
    @Schema(description = "E.164", example = "+14155550100", nullable = true) String whatsapp,
    @Schema(description = "page-scoped id (PSID)", nullable = true) String facebook,
    @Schema(example = "conv-7f3a", nullable = true) String gmb,
    @Schema(description = "When DND Guard first registered the contact") Instant createdAt) {

  static ContactView of(Contact contact) {
    ContactAddresses a = contact.addresses();
    return new ContactView(contact.id(), a.phone(), a.email(), a.whatsapp(), a.facebook(), a.gmb(),
        contact.createdAt());
  }
}
