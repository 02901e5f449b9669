package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.messaging.ComplianceOutcome;
import org.dndguard.messaging.MessageLimit;
import org.dndguard.messaging.MessageOrigin;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.SmsEncoding;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.MvcUriComponentsBuilder;

/**
 * Manual messages and the outbox: {@code POST /api/contacts/{id}/messages} queues a message unless
 * its channel is in DND (409, nothing queued) or no provider sends it (422); the read endpoints show
 * what became of each message, failed, unknown and blocked ones included; {@code POST
 * /api/messages/{id}/resend} sends an UNKNOWN or FAILED one again. Errors are problem details (RFC 9457), answered by
 * {@link ProblemDetailsAdvice}.
 */
@RestController
@RequestMapping(DndPaths.API)
@Tag(name = "Messages", description = "Manual messages, and the outbox: what became of each message")
public class MessageController {

  private final Outbox outbox;

  public MessageController(Outbox outbox) {
    this.outbox = outbox;
  }

  /**
   * A manual message.
   *
   * @param channel SMS, EMAIL, WHATSAPP, FACEBOOK or GMB
   * @param body the text; SMS get the compliance text as workflow messages do
   * @param subject the subject, required for EMAIL
   * @param topic the topic the message is about, if any: refused (409) when the contact left it
   * @param limit {@code exempt} for a transactional message that no communication limit holds back
   *     (it counts only with {@code dnd.limits.count-exempt=true}); absent for a message the limits
   *     count and hold
   * @param overrideLimit the reason to send the message at once over a full communication limit
   *     (audited as {@code LIMIT_OVERRIDDEN}; it still counts); absent to let the limits hold it
   */
  public record NewMessage(String channel, String body, String subject, String topic, String limit,
      String overrideLimit) {
  }

  /** A message of the outbox, as the API shows it. */
  public record MessageResource(long id, String contactId, Channel channel, String recipient, String subject,
      String body, SmsEncoding encoding, Integer segments, ComplianceOutcome compliance, MessageOrigin origin,
      String actor, String processInstanceId, String activityId, MessageStatus status, int attempts,
      Instant nextAttemptAt, String provider, String providerMessageId, DndReason dndReason, String detail,
      Instant createdAt, Instant updatedAt, Instant sentAt, String topic,
      @Schema(description = "When quiet hours in the contact's time zone hold"
          + " the message, or a full communication limit: when it is due") Instant heldUntil,
      @Schema(description = "How the communication limits treat the message:"
          + " LIMITED, STEP (queued by a guarded step, counted as the step), EXEMPT or OVERRIDDEN") MessageLimit limit) {

    static MessageResource of(OutboxMessage m) {
      return new MessageResource(m.id(), m.contactId(), m.channel(), m.recipient(), m.subject(), m.body(),
          m.encoding(), m.segments(), m.compliance(), m.origin(), m.actor(), m.processInstanceId(), m.activityId(),
          m.status(), m.attempts(), m.nextAttemptAt(), m.provider(), m.providerMessageId(), m.dndReason(),
          m.detail(), m.createdAt(), m.updatedAt(), m.sentAt(), m.topic(), m.heldUntil(), m.limit());
    }
  }

  @PostMapping("/contacts/{contactId}/messages")
  @Operation(summary = "Send a manual message",
      description = "Queues a message to the contact on SMS, EMAIL, WHATSAPP, FACEBOOK or GMB as the authenticated"
          + " user; the outbox sends it. SMS get the compliance text as workflow messages do; quiet hours and a"
          + " full communication limit hold it (heldUntil) unless limit is exempt or overrideLimit gives a reason."
          + " Nothing is queued when the channel is in DND or the contact left the topic (409), or when the contact"
          + " has no address for the channel or no provider sends it (422).")
  @ApiDocs.MessageQueued
  @ApiResponse(responseCode = "400", description = "The contact id, or a field of the message, is missing or wrong"
      + " (channel, body, subject for EMAIL, topic, limit, overrideLimit); the problem names it", content = @Content(
      examples = @ExampleObject(value = ApiExamples.INVALID_MESSAGE)))
  @ApiDocs.ContactNotFound
  @ApiResponse(responseCode = "409", description = "Nothing queued: the channel is in DND for the contact, or the"
      + " contact left the message's topic", content = @Content(examples = {
          @ExampleObject(name = "channel-in-dnd", value = ApiExamples.CHANNEL_IN_DND),
          @ExampleObject(name = "topic-left", value = ApiExamples.TOPIC_LEFT)}))
  @ApiResponse(responseCode = "422", description = "Nothing queued: the contact has no address for the channel, or"
      + " no provider sends the channel (property names what to set)", content = @Content(examples = {
          @ExampleObject(name = "missing-address", value = ApiExamples.MISSING_ADDRESS),
          @ExampleObject(name = "no-provider", value = ApiExamples.NO_PROVIDER)}))
  public ResponseEntity<MessageResource> send(@PathVariable @ApiDocs.ContactId String contactId,
      @RequestBody(required = false) NewMessage message, Principal principal) {
    if (message == null) {
      throw new InvalidDndInputException("body", "The request has no body; send {\"channel\": \"SMS\", \"body\":"
          + " \"...\"} (and \"subject\" for EMAIL)");
    }
    if (message.channel() == null || message.channel().isBlank()) {
      throw new InvalidDndInputException("channel", "The message has no channel; give one of SMS, EMAIL, WHATSAPP,"
          + " FACEBOOK or GMB");
    }
    MessageRequest request = MessageRequest.manual(contactId, Channel.parse(message.channel()),
        message.subject(), message.body(), principal == null ? null : principal.getName())
        .withTopic(message.topic() == null || message.topic().isBlank() ? null : message.topic());
    if (message.limit() != null && !message.limit().isBlank()) {
      if (!"exempt".equalsIgnoreCase(message.limit().trim())) {
        throw new InvalidDndInputException("limit", "Unknown limit '" + message.limit() + "'; use \"exempt\" for a"
            + " transactional message that no communication limit holds back, or leave it out");
      }
      if (message.overrideLimit() != null) {
        throw new InvalidDndInputException("overrideLimit", "An exempt message is never held by a limit, so there"
            + " is nothing to override; give either \"limit\": \"exempt\" or \"overrideLimit\"");
      }
      request = request.withLimit(MessageLimit.EXEMPT);
    } else if (message.overrideLimit() != null) {
      request = request.overridingLimit(message.overrideLimit());
    }
    OutboxMessage queued = outbox.queueManual(request);
    return ResponseEntity.accepted().location(URI.create(
        MvcUriComponentsBuilder.fromMethodName(MessageController.class, "message", queued.id()).build().getPath()))
        .body(MessageResource.of(queued));
  }

  /** A contact's messages, newest first; {@code status} narrows them to one status. */
  @GetMapping("/contacts/{contactId}/messages")
  @Operation(summary = "A contact's messages",
      description = "Newest first, failed, unknown and blocked ones included; status narrows them to one status."
          + " page counts from 0; size is 1 to 500.")
  @ApiDocs.MessageList
  @ApiDocs.ContactNotFound
  public List<MessageResource> messagesOf(@PathVariable @ApiDocs.ContactId String contactId,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return outbox.messagesOf(contactId, status == null ? null : status(status), page, size).stream()
        .map(MessageResource::of).toList();
  }

  /** Every contact's messages in one status, e.g. {@code GET /api/messages?status=FAILED}. */
  @GetMapping("/messages")
  @Operation(summary = "Every contact's messages in one status",
      description = "E.g. FAILED or UNKNOWN, newest first. status is required; page counts from 0; size is 1 to"
          + " 500.")
  @ApiDocs.MessageList
  public List<MessageResource> withStatus(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return outbox.withStatus(status == null ? null : status(status), page, size).stream()
        .map(MessageResource::of).toList();
  }

  @GetMapping("/messages/{id}")
  @Operation(summary = "One message of the outbox", description = "What became of it: its status, attempts,"
      + " provider and, when it was blocked, failed or is unknown, the DND reason or the detail.")
  @ApiResponse(responseCode = "200", description = "The message", content = @Content(
      mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = MessageResource.class),
      examples = @ExampleObject(value = ApiExamples.MESSAGE)))
  @ApiDocs.MessageIdErrors
  public MessageResource message(@PathVariable @ApiDocs.MessageId long id) {
    return outbox.find(id).map(MessageResource::of).orElseThrow(() -> new MessageNotFoundException(id));
  }

  /**
   * Sends an UNKNOWN or FAILED message again, as a new message (202, its location): DND is checked
   * again (409 when the channel is in DND now), and the resend is audited.
   */
  @PostMapping("/messages/{id}/resend")
  @Operation(summary = "Send an UNKNOWN or FAILED message again",
      description = "Queues a new message with the original's final body, as the authenticated user; the original"
          + " keeps its status. DND and the message's topic are checked again, and the resend is audited as"
          + " MESSAGE_RESENT.")
  @ApiDocs.MessageQueued
  @ApiDocs.MessageIdErrors
  @ApiResponse(responseCode = "409", description = "Nothing queued: the message is not UNKNOWN or FAILED"
      + " (urn:dndguard:problem:message-not-resendable), its channel is in DND now, or the contact left its topic",
      content = @Content(examples = @ExampleObject(value = ApiExamples.CHANNEL_IN_DND)))
  @ApiResponse(responseCode = "422", description = "Nothing queued: no provider sends the channel now (property"
      + " names what to set)", content = @Content(examples = @ExampleObject(value = ApiExamples.NO_PROVIDER)))
  public ResponseEntity<MessageResource> resend(@PathVariable @ApiDocs.MessageId long id, Principal principal) {
    if (outbox.find(id).isEmpty()) {
      throw new MessageNotFoundException(id);
    }
    OutboxMessage copy = outbox.resend(id, principal == null ? null : principal.getName());
    return ResponseEntity.accepted().location(URI.create(
        MvcUriComponentsBuilder.fromMethodName(MessageController.class, "message", copy.id()).build().getPath()))
        .body(MessageResource.of(copy));
  }

  private static MessageStatus status(String name) {
    try {
      return MessageStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidDndInputException("status", "Unknown status '" + name + "'; valid statuses are "
          + String.join(", ", Arrays.stream(MessageStatus.values()).map(Enum::name).toList()));
    }
  }
}
