package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contact's DND: the record, changes by users, and the audit trail. Every change goes through
 * {@link DndService}, which applies the rules, refuses what they forbid and audits both; the
 * authenticated Camunda user is the change's actor.
 */
@RestController
@RequestMapping(path = DndPaths.API + "/contacts/{id}/dnd", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "DND", description = "A contact's Do Not Disturb: the record, set and clear, and the audit trail")
public class ContactDndController {

  /** Rows per history page unless the caller asks for another size, and the most it may ask for. */
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private static final List<String> OUTBOUND_VALUES =
      Arrays.stream(DndTarget.values()).filter(t -> !t.isInbound()).map(Enum::name).toList();
  private static final List<String> INBOUND_VALUES =
      Arrays.stream(InboundChannel.values()).map(Enum::name).toList();

  private final DndService dnd;
  private final ContactService contacts;
  private final AuditTrail audit;

  public ContactDndController(DndService dnd, ContactService contacts, AuditTrail audit) {
    this.dnd = dnd;
    this.contacts = contacts;
    this.audit = audit;
  }

  @GetMapping
  @Operation(summary = "A contact's DND record",
      description = "The status (ON: every outbound channel blocked, PARTIAL: some, OFF: none); each channel and"
          + " ALL with whether it is in DND, whether messages on it are blocked (by itself or by ALL), every"
          + " reason with its evidence, and whether a user may clear it; inbound CALL and SMS the same way.")
  @ApiResponse(responseCode = "200", description = "The record", content = @Content(
      schema = @Schema(implementation = DndRecordView.class), examples = @ExampleObject(value = ApiExamples.RECORD)))
  @ApiDocs.ContactNotFound
  public DndRecordView record(@PathVariable @ApiDocs.ContactId String id) {
    return view(dnd.record(id));
  }

  @PutMapping("/channels/{channel}")
  @Operation(summary = "Set DND on a channel or on ALL",
      description = "Turns DND on for one outbound channel, or ALL, as the authenticated user (reason MANUAL)."
          + " DND blocks automatic and manual messages alike. Setting what is already set changes nothing and"
          + " writes no second audit row.")
  @ApiDocs.DndChange
  @ApiDocs.InvalidChannel
  public DndRecordView setChannel(@PathVariable @ApiDocs.ContactId String id,
      @PathVariable @ApiDocs.OutboundChannel String channel,
      @RequestBody(required = false) @Valid NoteRequest body, Principal principal) {
    return view(dnd.set(id, outbound(channel), evidence(body, principal)));
  }

  @DeleteMapping("/channels/{channel}")
  @Operation(summary = "Clear DND on a channel or on ALL",
      description = "Turns DND off for one outbound channel, or lifts ALL, as the authenticated user. The clear is"
          + " all or nothing: when any reason on the channel may not be cleared by a user (a spam complaint, an"
          + " opt-out keyword, a permanent carrier error) it is refused with 409, the refusal is audited, and the"
          + " problem says why and what would lift it. Lifting ALL leaves channels that are in DND on their own."
          + " Clearing what is not set changes nothing.")
  @ApiDocs.DndChange
  @ApiDocs.InvalidChannel
  @ApiDocs.ClearRefused
  public DndRecordView clearChannel(
      @PathVariable @ApiDocs.ContactId String id,
      @PathVariable @ApiDocs.OutboundChannel String channel,
      @RequestBody(required = false) @Valid NoteRequest body, Principal principal) {
    return view(dnd.clear(id, outbound(channel), evidence(body, principal)));
  }

  @PutMapping("/inbound/{channel}")
  @Operation(summary = "Set inbound DND on CALL or SMS",
      description = "Blocks inbound calls or texts from the contact, as the authenticated user. Opt-out and"
          + " opt-in keywords are still honoured under inbound SMS DND. Setting what is already set changes"
          + " nothing.")
  @ApiDocs.DndChange
  @ApiDocs.InvalidInboundChannel
  public DndRecordView setInbound(@PathVariable @ApiDocs.ContactId String id,
      @PathVariable @ApiDocs.InboundChannel String channel,
      @RequestBody(required = false) @Valid NoteRequest body, Principal principal) {
    return view(dnd.set(id, inbound(channel), evidence(body, principal)));
  }

  @DeleteMapping("/inbound/{channel}")
  @Operation(summary = "Clear inbound DND on CALL or SMS",
      description = "Lets inbound calls or texts from the contact through again, as the authenticated user.")
  @ApiDocs.DndChange
  @ApiDocs.InvalidInboundChannel
  @ApiDocs.ClearRefused
  public DndRecordView clearInbound(
      @PathVariable @ApiDocs.ContactId String id,
      @PathVariable @ApiDocs.InboundChannel String channel,
      @RequestBody(required = false) @Valid NoteRequest body, Principal principal) {
    return view(dnd.clear(id, inbound(channel), evidence(body, principal)));
  }

  @GetMapping("/history")
  @Operation(summary = "A contact's audit trail",
      description = "Every DND change, refused change, address change and workflow removal of the contact, newest"
          + " first, with its evidence; evidence.actor names the user, workflow or provider behind it.")
  @ApiResponse(responseCode = "200", description = "One page of the trail", content = @Content(
      schema = @Schema(implementation = HistoryPage.class), examples = @ExampleObject(value = ApiExamples.HISTORY)))
  @ApiResponse(responseCode = "400", description = "page or size out of range", content = @Content(
      examples = @ExampleObject(value = ApiExamples.INVALID_PAGE_SIZE)))
  @ApiDocs.ContactNotFound
  public HistoryPage history(@PathVariable @ApiDocs.ContactId String id,
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more (the first page is 0)")
      @Parameter(description = "The page, from 0") int page,
      @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE)
      @Min(value = 1, message = "must be at least 1")
      @Max(value = MAX_PAGE_SIZE, message = "must be at most " + MAX_PAGE_SIZE)
      @Parameter(description = "Rows per page") int size) {
    String contactId = contacts.get(id).orElseThrow(() -> new ContactNotFoundException(id.trim())).id();
    return HistoryPage.of(contactId, page, size, audit.count(contactId), dnd.history(contactId, page, size));
  }

  @PutMapping("/topics/{topic}")
  @Operation(summary = "The contact leaves a topic",
      description = "Unsubscribes the contact from one topic on every channel, as the authenticated user (reason"
          + " MANUAL): steps and messages about the topic are held back; everything else still reaches the"
          + " contact. Audited as TOPIC_LEFT and correlated as DndChanged with the topic. Leaving it again"
          + " changes nothing.")
  @ApiDocs.DndChange
  @InvalidTopic
  public DndRecordView leaveTopic(@PathVariable @ApiDocs.ContactId String id,
      @PathVariable @Parameter(description = "The topic: lower case letters, digits and dashes",
          example = "newsletter") String topic,
      @RequestBody(required = false) @Valid NoteRequest body, Principal principal) {
    dnd.leaveTopic(id, topic, evidence(body, principal));
    return view(dnd.record(id));
  }

  @DeleteMapping("/topics/{topic}")
  @Operation(summary = "The contact rejoins a topic",
      description = "Subscribes the contact to a topic it left, as the authenticated user; audited as"
          + " TOPIC_REJOINED and correlated as DndChanged with the topic. Rejoining a topic the contact is in"
          + " changes nothing. Channel DND still applies.")
  @ApiDocs.DndChange
  @InvalidTopic
  public DndRecordView rejoinTopic(@PathVariable @ApiDocs.ContactId String id,
      @PathVariable @Parameter(description = "The topic", example = "newsletter") String topic,
      @RequestBody(required = false) @Valid NoteRequest body, Principal principal) {
    dnd.rejoinTopic(id, topic, evidence(body, principal));
    return view(dnd.record(id));
  }

  /** 400 for a topic that is not a topic name, or a bad note. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "400", description = "Not a topic name, or a bad note")
  @interface InvalidTopic {
  }

  private DndRecordView view(DndRecord record) {
    return DndRecordView.of(record, dnd.topics(record.contactId()));
  }

  private Evidence evidence(NoteRequest body, Principal principal) {
    return Actors.evidence(principal, NoteRequest.noteOf(body), dnd.clock());
  }

  private static DndTarget outbound(String channel) {
    try {
      return DndTarget.parseOutbound(channel);
    } catch (InvalidDndInputException e) {
      throw new InvalidFieldException(e.field(), e.getMessage(), OUTBOUND_VALUES);
    }
  }

  private static DndTarget inbound(String channel) {
    try {
      return DndTarget.inbound(InboundChannel.parse(channel));
    } catch (InvalidDndInputException e) {
      throw new InvalidFieldException(e.field(), e.getMessage(), INBOUND_VALUES);
    }
  }
}
