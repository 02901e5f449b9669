package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.dndguard.contact.internal.ContactTimeZone;
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
    @Schema(description = "When DND Guard first registered the contact") Instant createdAt,
    @Schema(description = "The time zone the contact was given, if any", example = "America/Chicago",
        nullable = true) String timeZone,
    @Schema(description = "The zones quiet hours are judged in now: the contact's own, its phone number's (a"
        + " number may span several; the window must then be open in all) or the default",
        example = "[\"America/Chicago\"]") List<String> timeZonesInForce,
    @Schema(description = "Where the zones in force came from: CONTACT, PHONE or DEFAULT", example = "CONTACT")
    ContactTimeZone.Source timeZoneSource) {

  static ContactView of(Contact contact, ContactTimeZone inForce) {
    ContactAddresses a = contact.addresses();
    return new ContactView(contact.id(), a.phone(), a.email(), a.whatsapp(), a.facebook(), a.gmb(),
        contact.createdAt(), contact.timeZone(), inForce.zones().stream().map(ZoneId::getId).toList(),
        inForce.source());
  }
}
