package org.dndguard.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.messaging.ChannelInDndException;
import org.dndguard.messaging.ComplianceOutcome;
import org.dndguard.messaging.MessageOrigin;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.MissingAddressException;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.SmsEncoding;
import org.dndguard.store.ContactNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * its channel is in DND (409, nothing queued); the read endpoints show what became of each message,
 * failed and blocked ones included. Errors are problem details (RFC 9457).
 */
@RestController
@RequestMapping(DndPaths.API)
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
   */
  public record NewMessage(String channel, String body, String subject) {
  }

  /** A message of the outbox, as the API shows it. */
  public record MessageResource(long id, String contactId, Channel channel, String recipient, String subject,
      String body, SmsEncoding encoding, Integer segments, ComplianceOutcome compliance, MessageOrigin origin,
      String actor, String processInstanceId, String activityId, MessageStatus status, int attempts,
      Instant nextAttemptAt, String provider, String providerMessageId, DndReason dndReason, String detail,
      Instant createdAt, Instant updatedAt, Instant sentAt) {

    static MessageResource of(OutboxMessage m) {
      return new MessageResource(m.id(), m.contactId(), m.channel(), m.recipient(), m.subject(), m.body(),
          m.encoding(), m.segments(), m.compliance(), m.origin(), m.actor(), m.processInstanceId(), m.activityId(),
          m.status(), m.attempts(), m.nextAttemptAt(), m.provider(), m.providerMessageId(), m.dndReason(),
          m.detail(), m.createdAt(), m.updatedAt(), m.sentAt());
    }
  }

  @PostMapping("/contacts/{contactId}/messages")
  public ResponseEntity<MessageResource> send(@PathVariable String contactId, @RequestBody(required = false)
      NewMessage message, Principal principal) {
    if (message == null) {
      throw badRequest("The request has no body; send {\"channel\": \"SMS\", \"body\": \"...\"} (and \"subject\""
          + " for EMAIL)");
    }
    if (message.channel() == null || message.channel().isBlank()) {
      throw badRequest("The message has no channel; give one of SMS, EMAIL, WHATSAPP, FACEBOOK or GMB");
    }
    try {
      OutboxMessage queued = outbox.queueManual(MessageRequest.manual(contactId, Channel.parse(message.channel()),
          message.subject(), message.body(), principal == null ? null : principal.getName()));
      return ResponseEntity.accepted().location(URI.create(
          MvcUriComponentsBuilder.fromMethodName(MessageController.class, "message", queued.id()).build().getPath()))
          .body(MessageResource.of(queued));
    } catch (RuntimeException e) {
      throw problem(e);
    }
  }

  /** A contact's messages, newest first; {@code status} narrows them to one status. */
  @GetMapping("/contacts/{contactId}/messages")
  public List<MessageResource> messagesOf(@PathVariable String contactId,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    try {
      return outbox.messagesOf(contactId, status == null ? null : status(status), page, size).stream()
          .map(MessageResource::of).toList();
    } catch (RuntimeException e) {
      throw problem(e);
    }
  }

  /** Every contact's messages in one status, e.g. {@code GET /api/messages?status=FAILED}. */
  @GetMapping("/messages")
  public List<MessageResource> withStatus(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    try {
      return outbox.withStatus(status == null ? null : status(status), page, size).stream()
          .map(MessageResource::of).toList();
    } catch (RuntimeException e) {
      throw problem(e);
    }
  }

  @GetMapping("/messages/{id}")
  public MessageResource message(@PathVariable long id) {
    return outbox.find(id).map(MessageResource::of).orElseThrow(() -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
          "There is no message " + id + " in the outbox; POST /api/contacts/{id}/messages answers with the id");
      problem.setTitle("Unknown message");
      return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    });
  }

  // Rendered here rather than by a global advice, so that this API answers problem+json on its own.
  @ExceptionHandler(ErrorResponseException.class)
  ResponseEntity<ProblemDetail> render(ErrorResponseException e) {
    return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
  }

  private static MessageStatus status(String name) {
    try {
      return MessageStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidDndInputException("status", "Unknown status '" + name + "'; valid statuses are "
          + String.join(", ", java.util.Arrays.stream(MessageStatus.values()).map(Enum::name).toList()));
    }
  }

  private static ErrorResponseException problem(RuntimeException e) {
    if (e instanceof ErrorResponseException response) {
      return response;
    }
    if (e instanceof ChannelInDndException dnd) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, dnd.getMessage());
      problem.setTitle("Channel in DND");
      problem.setProperty("contactId", dnd.contactId());
      problem.setProperty("channel", dnd.channel().name());
      problem.setProperty("target", dnd.blockingEntry().target().name());
      problem.setProperty("reason", dnd.blockingEntry().reason().name());
      problem.setProperty("userMayClear", dnd.blockingEntry().userMayClear());
      return new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
    }
    if (e instanceof ContactNotFoundException notFound) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound.getMessage());
      problem.setTitle("Unknown contact");
      problem.setProperty("contactId", notFound.contactId());
      return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, e);
    }
    if (e instanceof MissingAddressException missing) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, missing.getMessage());
      problem.setTitle("No address for the channel");
      problem.setProperty("contactId", missing.contactId());
      problem.setProperty("channel", missing.channel().name());
      return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, e);
    }
    if (e instanceof InvalidDndInputException invalid) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
      problem.setTitle("Invalid input");
      problem.setProperty("field", invalid.field());
      return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
    }
    throw e;
  }

  private static ErrorResponseException badRequest(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Invalid input");
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
