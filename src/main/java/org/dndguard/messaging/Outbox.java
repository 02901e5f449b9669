package org.dndguard.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dndguard.InternalApi;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.internal.ControlCharacters;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.Topics;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.messaging.internal.MessageDispatchers;
import org.dndguard.messaging.internal.OutboxRepository;
import org.dndguard.messaging.internal.SmsCompliance;
import org.dndguard.messaging.internal.SmsSegments;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.Contact;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.DndService;
import org.dndguard.store.DndTables;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox. A message is written in the transaction of whoever queues it (a
 * workflow step, a request), with the recipient taken from the contact's addresses and, for SMS,
 * the final body with its compliance text and segment count. Dispatch sends it later, after
 * checking DND again (see {@link OutboxWorker}).
 */
public class Outbox {

  /** The longest body the outbox keeps. */
  public static final int MAX_BODY_LENGTH = 100_000;
  /** The longest SMS or WhatsApp body, compliance text included: Twilio's limit for one message. */
  public static final int MAX_TEXT_LENGTH = 1600;
  /** The longest subject, the length of an e-mail header line. */
  public static final int MAX_SUBJECT_LENGTH = 998;
  /** The most messages one page of a listing has. */
  public static final int MAX_PAGE_SIZE = 500;

  private final OutboxRepository repository;
  private final ContactService contacts;
  private final DndService dnd;
  private final SmsCompliance compliance;
  private final TransactionTemplate required;
  private final Clock clock;
  private final ContactTimeZones timeZones;
  private final MessageDispatchers dispatchers;
  private final AuditTrail audit;
  private final CommunicationCounts counts;

  /**
   * The outbox as the auto-configuration builds it.
   *
   * @param timeZones quiet hours and the contacts' time zones: a message due in quiet hours is held
   *     until the window opens; null for no quiet hours
   * @param dispatchers who sends each channel: a message for a channel that none sends is refused
   *     ({@link NoProviderException}); null to refuse nothing here (it fails at dispatch)
   * @param audit where resends are recorded; null: {@link #resend} is not available
   * @param counts the communication limits: a manual message over a full rule is queued held until
   *     the rule's next place frees (dispatch takes the place); null for no limits
   */
  @InternalApi
  public Outbox(DndTables tables, ContactService contacts, DndService dnd, SmsCompliance compliance,
      PlatformTransactionManager transactions, Clock clock, ContactTimeZones timeZones,
      MessageDispatchers dispatchers, AuditTrail audit, CommunicationCounts counts) {
    this.counts = counts;
    this.dispatchers = dispatchers;
    this.audit = audit;
    this.timeZones = timeZones;
    this.repository = new OutboxRepository(tables);
    this.contacts = contacts;
    this.dnd = dnd;
    this.compliance = compliance;
    this.required = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Queues a message from a workflow step, in the step's transaction. DND is not checked here: the
   * guard skipped the step if the channel was in DND, and dispatch checks again before sending.
   *
   * @throws ContactNotFoundException when the contact is not registered
   * @throws MissingAddressException when the contact has no address for the channel
   * @throws NoProviderException when no provider sends the channel (and log-only is off)
   * @throws InvalidDndInputException when the channel, subject or body is unusable
   */
  public OutboxMessage queue(MessageRequest request) {
    return queue(request, false);
  }

  /**
   * Queues a message a user sends by hand, unless its channel is in DND for the contact.
   *
   * @throws ChannelInDndException when the channel is in DND; nothing is queued
   * @throws ContactNotFoundException when the contact is not registered
   * @throws MissingAddressException when the contact has no address for the channel
   * @throws NoProviderException when no provider sends the channel (and log-only is off)
   * @throws InvalidDndInputException when the channel, subject or body is unusable
   */
  public OutboxMessage queueManual(MessageRequest request) {
    return queue(request, true);
  }

  private OutboxMessage queue(MessageRequest request, boolean checkDnd) {
    String contactId = ContactIds.require(request.contactId());
    Channel channel = requireMessageChannel(request.channel());
    String subject = checkSubject(channel, request.subject());
    String body = checkBody(request.body());
    String topic = request.topic() == null ? null : Topics.require(request.topic());
    String overrideReason = request.limit() == MessageLimit.OVERRIDDEN ? requireOverrideReason(request) : null;
    requireDispatcher(contactId, channel);
    return required.execute(tx -> {
      Contact contact = contacts.find(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
      String recipient = contact.addresses().forChannel(channel)
          .orElseThrow(() -> new MissingAddressException(contactId, channel));
      if (checkDnd) {
        DndRecord record = dnd.record(contactId);
        record.blockingEntry(channel).ifPresent(entry -> {
          throw new ChannelInDndException(contactId, channel, entry);
        });
        if (topic != null) {
          dnd.leftTopic(contactId, topic).ifPresent(left -> {
            throw new TopicLeftException(contactId, channel, left);
          });
        }
      }
      Instant now = clock.instant();
      Instant heldUntil = request.ignoreQuietHours() ? null : heldUntil(contactId, channel, now).orElse(null);
      if (counts != null && request.limit().limited()) {
        // shown at once; dispatch takes the place, atomically, when the message goes
        Instant freesAt = counts.peek(contactId, channel, topic, now).map(breach -> breach.freesAt()).orElse(null);
        if (freesAt != null && (heldUntil == null || freesAt.isAfter(heldUntil))) {
          heldUntil = freesAt;
        }
      }
      String finalBody = body;
      ComplianceOutcome outcome = ComplianceOutcome.NOT_APPLICABLE;
      SmsSegments segments = null;
      if (channel == Channel.SMS) {
        SmsCompliance.Composed composed =
            compliance.compose(body, repository.lastComplianceTextAt(contactId, recipient), now);
        finalBody = composed.body();
        outcome = composed.outcome();
        segments = SmsSegments.of(finalBody);
      }
      checkTextLength(channel, body, finalBody);
      long id = repository.insert(new OutboxRepository.NewRow(contactId, channel, recipient, subject, finalBody,
          segments, outcome, request.origin(), request.actor(), request.processInstanceId(), request.activityId(),
          now, topic, heldUntil, request.limit()));
      if (overrideReason != null && audit != null) {
        audit.append(AuditRecord.of(contactId, AuditAction.LIMIT_OVERRIDDEN,
            Evidence.user(request.actor(), overrideReason, now),
            "Message " + id + " (" + channel + (topic == null ? "" : ", topic " + topic) + ") sent by " + request.actor()
                + " over the communication limits, never held by them: " + overrideReason, now));
      }
      return repository.find(id).orElseThrow();
    });
  }

  /**
   * Sends an UNKNOWN or FAILED message again, as a new message with the same final body, by an
   * operator: DND (and the topic) is checked again now, and the resend is audited
   * ({@code MESSAGE_RESENT}, naming both messages). The original keeps its status.
   *
   * @param actor the operator
   * @return the new message, PENDING
   * @throws MessageNotResendableException when the message is in another status
   * @throws ChannelInDndException when the channel is in DND now; nothing is queued
   * @throws TopicLeftException when the contact left the message's topic; nothing is queued
   * @throws NoProviderException when no provider sends the channel now
   * @throws java.util.NoSuchElementException when there is no message with the id
   */
  public OutboxMessage resend(long id, String actor) {
    if (audit == null) {
      throw new IllegalStateException("This outbox was built without an audit trail, so it cannot resend");
    }
    return required.execute(tx -> {
      OutboxMessage original = repository.find(id).orElseThrow();
      if (!original.status().mayBeResent()) {
        throw new MessageNotResendableException(original);
      }
      requireDispatcher(original.contactId(), original.channel());
      DndRecord record = dnd.record(original.contactId());
      record.blockingEntry(original.channel()).ifPresent(entry -> {
        throw new ChannelInDndException(original.contactId(), original.channel(), entry);
      });
      if (original.topic() != null) {
        dnd.leftTopic(original.contactId(), original.topic()).ifPresent(left -> {
          throw new TopicLeftException(original.contactId(), original.channel(), left);
        });
      }
      Instant now = clock.instant();
      long copy = repository.insertResend(original, actor, now);
      audit.append(AuditRecord.of(original.contactId(), AuditAction.MESSAGE_RESENT,
          Evidence.builder(Source.USER, now).actor(actor).message(String.valueOf(original.id()))
              .code(original.status().name()).build(),
          "Message " + original.id() + " (" + original.status() + ", " + original.channel() + ") sent again as"
              + " message " + copy + " by " + actor + "; DND checked: the channel is not in DND",
          now));
      return repository.find(copy).orElseThrow();
    });
  }

  private static String requireOverrideReason(MessageRequest request) {
    if (request.origin() != MessageOrigin.MANUAL) {
      throw new InvalidDndInputException("overrideLimit", "Only an operator's manual message can override the"
          + " communication limits; mark a transactional step dnd.limit=exempt instead");
    }
    String reason = request.overrideReason() == null ? null : request.overrideReason().strip();
    if (reason == null || reason.isEmpty()) {
      throw new InvalidDndInputException("overrideLimit", "Overriding the communication limits needs a reason;"
          + " give it as \"overrideLimit\": \"why this message must go now\"");
    }
    if (reason.length() > 500) {
      throw new InvalidDndInputException("overrideLimit", "The reason is " + reason.length() + " characters long;"
          + " at most 500 are allowed");
    }
    return ControlCharacters.refuse("overrideLimit", reason, false);
  }

  private void requireDispatcher(String contactId, Channel channel) {
    if (dispatchers != null && dispatchers.find(channel).isEmpty()) {
      throw new NoProviderException(contactId, channel);
    }
  }

  /**
   * Until when quiet hours hold a message on the channel to the contact; empty when it may go now.
   *
   * @throws InvalidDndInputException when the contact's zones never share an open window
   */
  @InternalApi
  public Optional<Instant> heldUntil(String contactId, Channel channel, Instant now) {
    return timeZones == null ? Optional.empty() : timeZones.heldUntil(contactId, channel, now);
  }

  /** The message with this outbox id. */
  public Optional<OutboxMessage> find(long id) {
    return repository.find(id);
  }

  /**
   * A contact's messages, newest first.
   *
   * @param status only messages in this status; null for all
   * @throws ContactNotFoundException when the contact is not registered
   */
  public List<OutboxMessage> messagesOf(String contactId, MessageStatus status, int page, int size) {
    String id = ContactIds.require(contactId);
    checkPage(page, size);
    if (contacts.get(id).isEmpty()) {
      throw new ContactNotFoundException(id);
    }
    return repository.ofContact(id, status, page, size);
  }

  /** Every contact's messages in one status (FAILED, say), newest first. */
  public List<OutboxMessage> withStatus(MessageStatus status, int page, int size) {
    if (status == null) {
      throw new InvalidDndInputException("status", "Give the status to list, one of " + statusNames());
    }
    checkPage(page, size);
    return repository.withStatus(status, page, size);
  }

  /**
   * The contact a provider's message was sent to, by the provider's id for it (Twilio's
   * MessageSid): how a status callback finds its contact. Empty when no message has that id.
   */
  public Optional<String> contactIdForProviderMessage(String messageSid) {
    if (messageSid == null || messageSid.isBlank()) {
      return Optional.empty();
    }
    return repository.contactIdForProviderMessage(messageSid.trim());
  }

  @InternalApi
  public OutboxRepository repository() {
    return repository;
  }

  static Channel requireMessageChannel(Channel channel) {
    if (channel == Channel.CALL) {
      throw new InvalidDndInputException("channel", "CALL is not a message channel: calls are made by people"
          + " (model them as user tasks marked dnd.channel=CALL); messages go on " + messageChannelNames());
    }
    return channel;
  }

  static String messageChannelNames() {
    return "SMS, EMAIL, WHATSAPP, FACEBOOK and GMB";
  }

  private static String checkSubject(Channel channel, String subject) {
    String value = subject == null || subject.isBlank() ? null : subject.strip();
    if (channel == Channel.EMAIL && value == null) {
      throw new InvalidDndInputException("subject", "An e-mail needs a subject; give one (the 'subject' field,"
          + " or the 'subject' input parameter of the step)");
    }
    if (value != null && value.length() > MAX_SUBJECT_LENGTH) {
      throw new InvalidDndInputException("subject",
          "The subject is " + value.length() + " characters long; at most " + MAX_SUBJECT_LENGTH + " are allowed");
    }
    if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
      throw new InvalidDndInputException("subject", "The subject has a line break; write it on one line");
    }
    return ControlCharacters.refuse("subject", value, false);
  }

  private static String checkBody(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidDndInputException("body", "The message body is empty; give the text to send (the 'body'"
          + " field, or the 'body' input parameter of the step)");
    }
    if (body.length() > MAX_BODY_LENGTH) {
      throw new InvalidDndInputException("body",
          "The body is " + body.length() + " characters long; at most " + MAX_BODY_LENGTH + " are allowed");
    }
    return ControlCharacters.refuse("body", body, true);
  }

  private static void checkTextLength(Channel channel, String body, String finalBody) {
    if ((channel == Channel.SMS || channel == Channel.WHATSAPP) && finalBody.length() > MAX_TEXT_LENGTH) {
      String added = finalBody.length() == body.length() ? ""
          : " with the compliance text (" + body.length() + " without)";
      throw new InvalidDndInputException("body", "The " + channel + " body is " + finalBody.length()
          + " characters long" + added + "; at most " + MAX_TEXT_LENGTH + " fit in one message: shorten it");
    }
  }

  private static void checkPage(int page, int size) {
    if (page < 0) {
      throw new InvalidDndInputException("page", "The page number is " + page + "; pages count from 0");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidDndInputException("size",
          "The page size is " + size + "; it must be between 1 and " + MAX_PAGE_SIZE);
    }
  }

  private static String statusNames() {
    return String.join(", ", Arrays.stream(MessageStatus.values()).map(Enum::name).toList());
  }
}
