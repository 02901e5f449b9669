package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import org.dndguard.store.Contact;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.ContactTimeZones;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.MvcUriComponentsBuilder;

/** Registers contacts and their addresses, which DND Guard normalises. */
@RestController
@RequestMapping(path = DndPaths.API + "/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contacts", description = "A contact's addresses: phone, e-mail, WhatsApp, Facebook, GMB")
public class ContactController {

  private final ContactService contacts;
  private final Clock clock;
  private final ContactTimeZones timeZones;

  public ContactController(ContactService contacts, Clock clock, ContactTimeZones timeZones) {
    this.contacts = contacts;
    this.clock = clock;
    this.timeZones = timeZones;
  }

  private ContactView view(Contact contact) {
    return ContactView.of(contact, timeZones.of(contact.id()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A contact's addresses", description = "The registered contact with its normalised addresses.")
  @ApiResponse(responseCode = "200", description = "The contact",
      content = @Content(schema = @Schema(implementation = ContactView.class),
          examples = @ExampleObject(value = ApiExamples.CONTACT)))
  @ApiResponse(responseCode = "400", description = "The contact id is blank, too long or has control characters")
  @ApiDocs.ContactNotFound
  public ContactView get(@PathVariable @Parameter(description = "The contact id", example = "c-42") String id) {
    return contacts.get(id).map(this::view).orElseThrow(() -> new ContactNotFoundException(id.trim()));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Register a contact or replace its addresses",
      description = "Creates the contact, or replaces its addresses: an address left out is removed. Addresses"
          + " are normalised (phone and WhatsApp numbers to E.164, e-mail addresses to lower case); a malformed"
          + " one is refused and nothing changes. A contact that gets an address inherits the opt-outs kept for"
          + " it (a number that texted STOP before it was in the CRM). The change is in the audit trail under"
          + " the authenticated user.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
      content = @Content(schema = @Schema(implementation = ContactRequest.class),
          examples = @ExampleObject(value = ApiExamples.CONTACT_REQUEST)))
  @ApiResponse(responseCode = "200", description = "The contact existed; its addresses as stored now",
      content = @Content(schema = @Schema(implementation = ContactView.class),
          examples = @ExampleObject(value = ApiExamples.CONTACT)))
  @ApiResponse(responseCode = "201", description = "The contact was registered", content = @Content(
      schema = @Schema(implementation = ContactView.class), examples = @ExampleObject(value = ApiExamples.CONTACT)))
  @ApiResponse(responseCode = "400", description = "A malformed address, an unknown field or unreadable JSON;"
      + " the problem's field member names the input",
      content = @Content(examples = @ExampleObject(value = ApiExamples.INVALID_PHONE)))
  public ResponseEntity<ContactView> put(
      @PathVariable @Parameter(description = "The contact id, as the CRM knows it", example = "c-42") String id,
      @RequestBody ContactRequest body, Principal principal) {
    boolean existed = contacts.get(id).isPresent();
    Contact contact = contacts.register(id, body.addresses(), body.timeZone(),
        Actors.evidence(principal, null, clock));
    ContactView view = view(contact);
    if (existed) {
      return ResponseEntity.ok(view);
    }
    // from the mapping, so it holds whatever base path the API has
    URI location = MvcUriComponentsBuilder.fromMethodName(ContactController.class, "get", contact.id())
        .encode().build().toUri();
    return ResponseEntity.created(location).body(view);
  }
}
