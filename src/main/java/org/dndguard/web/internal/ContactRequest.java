package org.dndguard.web.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.ContactAddresses;

/**
 * The body of {@code PUT /api/contacts/{id}}: the contact's addresses as the caller writes them;
 * they are normalised when stored.
 *
 * @param unknownFields any other member of the body; a misspelt name must not silently remove an
 *     address, so the request is refused instead
 */
@Schema(name = "ContactRequest", description = "A contact's addresses. Each is optional; an address left out is"
    + " removed from the contact, so send every address the contact has.")
public record ContactRequest(
    @Schema(description = "Phone number for CALL and SMS, in E.164 or as a number of dnd.default-region;"
        + " stored in E.164", example = "+1 415 555 0100") String phone,
    @Schema(description = "E-mail address for EMAIL; stored in lower case", example = "ann@example.com") String email,
    @Schema(description = "WhatsApp number, like phone; a whatsapp: prefix is accepted",
        example = "+1 415 555 0100") String whatsapp,
    @Schema(description = "Facebook page-scoped id (PSID) for FACEBOOK") String facebook,
    @Schema(description = "Google Business Messages conversation id for GMB", example = "conv-7f3a") String gmb,
    @Schema(description = "The contact's IANA time zone for quiet hours; without it the zone comes from the phone"
        + " number, else dnd.quiet-hours.default-zone", example = "America/Chicago") String timeZone,
    @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

  static final List<String> FIELDS = List.of("phone", "email", "whatsapp", "facebook", "gmb", "timeZone");

  /**
   * The addresses, as the caller wrote them.
   *
   * @throws InvalidFieldException when the body has a member that is not an address
   */
  ContactAddresses addresses() {
    UnknownFields.reject(unknownFields, FIELDS, "a contact's addresses");
    return new ContactAddresses(phone, email, whatsapp, facebook, gmb);
  }
}
