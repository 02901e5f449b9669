package org.dndguard.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.AddressNormalizer;
import org.dndguard.contact.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.ProviderRules;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.contact.Source;
import org.dndguard.provider.ProviderEventLog.EventKind;
import org.dndguard.store.AddressChange;
import org.dndguard.store.AuditTrail;
import org.dndguard.store.ContactChange;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Twilio's webhooks: message status callbacks (carrier errors set SMS DND), inbound texts
 * (keywords, or the BPMN message {@code InboundSms}) and inbound calls ({@code <Reject/>} under
 * inbound CALL DND). Every request's signature is checked first; every event is acted on once.
 */
public class TwilioWebhooks {

  public static final String STATUS_PATH = "/webhooks/twilio/status";
  public static final String SMS_PATH = "/webhooks/twilio/sms";
  public static final String VOICE_PATH = "/webhooks/twilio/voice";

  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhooks.class);

  // Twilio writes addresses of other channels with a prefix: whatsapp:+1..., messenger:..., client:...
  private static final Pattern CHANNEL_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*:");
  private static final int MAX_SID_LENGTH = 64;
  private static final Pattern STATUS = Pattern.compile("[a-z_-]{1,32}");

  /** A Twilio webhook request as received: what the signature covers, and the signature. */
  public record Request(String path, String rawQuery, FormParameters parameters, String signature) {
  }

  /** What the webhook did, and the TwiML to answer with (null for status callbacks). */
  public record Receipt(String sid, ProviderOutcome outcome, TwiML answer) {
  }

  /**
   * The texts and the call response that the webhooks answer with.
   *
   * @param optOut the answer to an opt-out keyword
   * @param optIn the answer to an opt-in keyword that leaves SMS free
   * @param optInBlocked the answer to an opt-in keyword after which SMS stays in DND (a user's DND
   *     or ALL, which an opt-in does not lift)
   * @param help the answer to HELP
   * @param voice the answer to a call that inbound CALL DND does not block
   */
  public record Replies(String optOut, String optIn, String optInBlocked, String help, TwiML voice) {
  }

  private final TwilioSignature signature;
  private final ProviderEventLog log;
  private final DndService dnd;
  private final ProviderAudit audit;
  private final AddressNormalizer addresses;
  private final InboundSmsCorrelator correlator;
  private final ObjectProvider<SentMessageLookup> sentMessages;
  private final Replies replies;
  private final TransactionTemplate transaction;

  public TwilioWebhooks(TwilioSignature signature, ProviderEventLog log, DndService dnd, AuditTrail auditTrail,
      AddressNormalizer addresses, InboundSmsCorrelator correlator, ObjectProvider<SentMessageLookup> sentMessages,
      Replies replies, PlatformTransactionManager transactions) {
    this.signature = signature;
    this.log = log;
    this.dnd = dnd;
    this.audit = new ProviderAudit(dnd, auditTrail);
    this.addresses = addresses;
    this.correlator = correlator;
    this.sentMessages = sentMessages;
    this.replies = replies;
    this.transaction = new TransactionTemplate(transactions);
  }

  // --- status callbacks ---

  /**
   * A message status callback. Error codes 30003, 30005 and 30006 set temporary SMS DND, 30004 and
   * 21610 permanent; other codes are audited as ignored; statuses without an error change nothing.
   */
  public Receipt status(Request request) {
    verify(request);
    FormParameters form = request.parameters();
    String sid = sid(form, "MessageSid", "message status callback");
    String status = form.require("MessageStatus", "message status callback").toLowerCase(Locale.ROOT);
    if (!STATUS.matcher(status).matches()) {
      throw new MalformedWebhookException("MessageStatus", "The form parameter MessageStatus '" + abbreviate(status)
          + "' is not a Twilio message status such as undelivered or failed");
    }
    String rawTo = form.require("To", "message status callback");
    String errorCode = blankToNull(form.get("ErrorCode"));
    if (errorCode == null || CHANNEL_PREFIX.matcher(rawTo).find()) {
      // a delivery report without an error, or a WhatsApp message: no SMS rule applies, nothing to record
      return new Receipt(sid, ProviderOutcome.IGNORED, null);
    }
    String to = phone(rawTo, "To");
    Instant receivedAt = dnd.clock().instant();
    Optional<DndReason> reason = ProviderRules.twilioError(errorCode);
    String description = "Twilio message " + sid + " " + status + " with error " + errorCode;
    Evidence evidence = new Evidence(Source.TWILIO, blankToNull(form.get("AccountSid")), sid, sid, errorCode, null,
        description, receivedAt);
    String key = "status:" + sid + ":" + status;
    return transaction.execute(tx -> {
      if (!log.claim(Source.TWILIO, key, EventKind.TWILIO_STATUS, AddressKind.PHONE, to, receivedAt)) {
        return new Receipt(sid, ProviderOutcome.DUPLICATE, null);
      }
      ProviderOutcome outcome;
      if (reason.isPresent()) {
        DndCommand.Set command = new DndCommand.Set(DndTarget.SMS, reason.get(), evidence);
        AddressChange change = dnd.applyToAddress(AddressKind.PHONE, to, command);
        boolean changedSender = applyToSender(sid, change, command);
        outcome = change.changedSomething() || changedSender
            ? ProviderOutcome.DND_SET : ProviderOutcome.DND_ALREADY_SET;
      } else {
        audit.ignored(AddressKind.PHONE, to, DndTarget.SMS, evidence, description
            + ": by the rules only errors 30003, 30004, 30005, 30006 and 21610 set SMS DND");
        outcome = ProviderOutcome.IGNORED;
      }
      log.complete(Source.TWILIO, key, outcome, description);
      return new Receipt(sid, outcome, null);
    });
  }

  /**
   * The contact the outbox sent the message to also gets the DND, when it does not have the number
   * (any more): failing closed, the error reaches the contact the message was meant for.
   */
  private boolean applyToSender(String sid, AddressChange change, DndCommand.Set command) {
    SentMessageLookup lookup = sentMessages.getIfAvailable();
    if (lookup == null) {
      return false;
    }
    Optional<String> contactId = lookup.contactIdForProviderMessage(sid);
    if (contactId.isEmpty() || change.contacts().stream().anyMatch(c -> c.contactId().equals(contactId.get()))) {
      return false;
    }
    DndCommand.Set forSender = new DndCommand.Set(command.target(), command.reason(), command.evidence()
        .withNote(command.evidence().note() + "; the contact was found by the outbox's message id, as it no longer"
            + " has the number " + change.address()));
    try {
      boolean had = dnd.record(contactId.get()).entry(command.target(), command.reason()).isPresent();
      dnd.apply(contactId.get(), forSender);
      return !had;
    } catch (ContactNotFoundException e) {
      LOG.warn("The outbox names contact {} for Twilio message {}, but DND Guard does not know it",
          contactId.get(), sid);
      return false;
    }
  }

  // --- inbound texts ---

  /**
   * An inbound text. Opt-out and opt-in keywords change SMS DND (even under inbound SMS DND) and
   * are confirmed; HELP is answered; any other text is handed to the workflows of every contact
   * with the number whose inbound SMS DND is off.
   */
  public Receipt sms(Request request) {
    verify(request);
    FormParameters form = request.parameters();
    String sid = sid(form, "MessageSid", "inbound message");
    String rawFrom = form.require("From", "inbound message");
    if (CHANNEL_PREFIX.matcher(rawFrom).find()) {
      throw new MalformedWebhookException("From", "From '" + rawFrom + "' is not a phone number: this webhook"
          + " handles SMS; do not point WhatsApp or other channels' senders at it");
    }
    String from = phone(rawFrom, "From");
    String body = form.get("Body");
    if (body == null) {
      throw new MalformedWebhookException("Body", "The form parameter Body is missing; Twilio sends it with every"
          + " inbound message (empty for a picture without text)");
    }
    String optOutType = blankToNull(form.get("OptOutType"));
    Optional<SmsKeyword> keyword = keyword(body, optOutType);
    boolean twilioAnswered = optOutType != null && twilioKeywordType(optOutType).isPresent();
    Instant receivedAt = dnd.clock().instant();
    String accountSid = blankToNull(form.get("AccountSid"));
    String key = "sms:" + sid;

    if (keyword.isPresent()) {
      SmsKeyword word = keyword.get();
      Evidence evidence = new Evidence(Source.TWILIO, accountSid, sid, sid, null, word.word(),
          "inbound SMS keyword " + word.word() + (optOutType == null ? "" : " (Twilio OptOutType " + optOutType + ")"),
          receivedAt);
      return transaction.execute(tx -> {
        if (!log.claim(Source.TWILIO, key, EventKind.TWILIO_SMS, AddressKind.PHONE, from, receivedAt)) {
          // the first delivery answered already; one text gets one confirmation
          return new Receipt(sid, ProviderOutcome.DUPLICATE, TwiML.empty());
        }
        Receipt receipt = keyword(sid, from, word, evidence, twilioAnswered);
        log.complete(Source.TWILIO, key, receipt.outcome(), "keyword " + word.word());
        return receipt;
      });
    }

    Evidence evidence = new Evidence(Source.TWILIO, accountSid, sid, sid, null, null, "inbound SMS", receivedAt);
    Optional<List<String>> recipients = transaction.execute(tx -> {
      if (!log.claim(Source.TWILIO, key, EventKind.TWILIO_SMS, AddressKind.PHONE, from, receivedAt)) {
        return Optional.<List<String>>empty();
      }
      return Optional.of(contactsAcceptingInbound(from, InboundChannel.SMS, evidence,
          "inbound SMS blocked by inbound SMS DND: it reached no workflow"));
    });
    if (recipients.isEmpty()) {
      return new Receipt(sid, ProviderOutcome.DUPLICATE, TwiML.empty());
    }
    // after the record committed: each instance takes the text in a transaction of its own
    ProviderOutcome outcome = correlate(sid, from, body, recipients.get());
    return new Receipt(sid, outcome, TwiML.empty());
  }

  private Receipt keyword(String sid, String from, SmsKeyword word, Evidence evidence, boolean twilioAnswered) {
    // with Advanced Opt-Out (OptOutType present) Twilio has sent its own confirmation: one is enough
    return switch (word.type()) {
      case OPT_OUT -> {
        AddressChange change = dnd.applyToAddress(AddressKind.PHONE, from,
            new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, evidence));
        yield new Receipt(sid, change.changedSomething() ? ProviderOutcome.DND_SET : ProviderOutcome.DND_ALREADY_SET,
            twilioAnswered ? TwiML.empty() : TwiML.message(replies.optOut()));
      }
      case OPT_IN -> optIn(sid, from, evidence, twilioAnswered);
      case HELP -> new Receipt(sid, ProviderOutcome.HELP_ANSWERED,
          twilioAnswered ? TwiML.empty() : TwiML.message(replies.help()));
    };
  }

  /**
   * An opt-in lifts what it may; when SMS stays in DND for a contact with the number (a user's
   * DND, or ALL), the refusal is on that contact's trail and the answer says they are still
   * unsubscribed. That answer goes out even when Twilio has confirmed the opt-in itself (Advanced
   * Opt-Out), since Twilio's confirmation is then wrong and the contact would otherwise wait for
   * messages that will not come.
   */
  private Receipt optIn(String sid, String from, Evidence evidence, boolean twilioAnswered) {
    AddressChange change = dnd.applyToAddress(AddressKind.PHONE, from, new DndCommand.OptIn(evidence));
    List<String> stillBlocked = change.contacts().stream()
        .filter(contact -> contact.decision().isRefused())
        .map(ContactChange::contactId)
        .toList();
    if (!stillBlocked.isEmpty()) {
      return new Receipt(sid, ProviderOutcome.OPT_IN_REFUSED, TwiML.message(replies.optInBlocked()));
    }
    return new Receipt(sid, change.changedSomething() ? ProviderOutcome.DND_LIFTED : ProviderOutcome.NOTHING_TO_LIFT,
        twilioAnswered ? TwiML.empty() : TwiML.message(replies.optIn()));
  }

  /** Hands the text to each recipient's waiting instances, after the text was recorded, and records what it reached. */
  private ProviderOutcome correlate(String sid, String from, String body, List<String> recipients) {
    ProviderOutcome outcome;
    String detail;
    if (recipients.isEmpty()) {
      boolean known = !dnd.contactsWithAddress(AddressKind.PHONE, from).isEmpty();
      outcome = known ? ProviderOutcome.INBOUND_BLOCKED : ProviderOutcome.UNKNOWN_SENDER;
      detail = known ? "every contact with the number is under inbound SMS DND" : "no contact has the number";
    } else {
      List<String> reached = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (String contactId : recipients) {
        InboundSmsCorrelator.Result result = correlator.correlate(contactId, from, body);
        reached.addAll(result.correlated());
        failed.addAll(result.failed());
      }
      outcome = !reached.isEmpty() ? ProviderOutcome.CORRELATED
          : failed.isEmpty() ? ProviderOutcome.NO_WAITING_WORKFLOW : ProviderOutcome.CORRELATION_FAILED;
      detail = "contacts " + recipients + "; process instances " + reached
          + (failed.isEmpty() ? "" : "; failed in process instances " + failed);
    }
    log.complete(Source.TWILIO, "sms:" + sid, outcome, detail);
    return outcome;
  }

  // --- inbound calls ---

  /**
   * An inbound call: rejected when a contact with the caller's number is under inbound CALL DND,
   * else answered with the configured response. A caller without a usable number (withheld, a
   * SIP or client address) is no contact, so the configured response answers.
   */
  public Receipt voice(Request request) {
    verify(request);
    FormParameters form = request.parameters();
    String sid = sid(form, "CallSid", "inbound call");
    String rawFrom = form.require("From", "inbound call");
    Optional<String> from = callerNumber(rawFrom);
    Instant receivedAt = dnd.clock().instant();
    String key = "call:" + sid;
    Evidence evidence = new Evidence(Source.TWILIO, blankToNull(form.get("AccountSid")), sid, sid, null, null,
        "inbound call", receivedAt);
    return transaction.execute(tx -> {
      boolean first = log.claim(Source.TWILIO, key, EventKind.TWILIO_CALL, from.isPresent() ? AddressKind.PHONE : null,
          from.orElse(null), receivedAt);
      List<String> contacts = from.map(number -> dnd.contactsWithAddress(AddressKind.PHONE, number)).orElse(List.of());
      List<DndRecord> blocked = contacts.stream()
          .map(dnd::findRecord).flatMap(Optional::stream)
          .filter(record -> record.isInboundBlocked(InboundChannel.CALL))
          .toList();
      ProviderOutcome outcome = !blocked.isEmpty() ? ProviderOutcome.CALL_REJECTED
          : contacts.isEmpty() ? ProviderOutcome.UNKNOWN_SENDER : ProviderOutcome.CALL_ANSWERED;
      TwiML answer = blocked.isEmpty() ? replies.voice() : TwiML.reject();
      if (!first) {
        // a repeated request for the same call gets the same answer, but is recorded once
        return new Receipt(sid, ProviderOutcome.DUPLICATE, answer);
      }
      for (DndRecord record : blocked) {
        audit.inboundBlocked(record, AddressKind.PHONE, from.get(), DndTarget.INBOUND_CALL, evidence,
            "inbound call rejected by inbound CALL DND");
      }
      log.complete(Source.TWILIO, key, outcome,
          "contacts " + contacts + (from.isPresent() ? "" : "; caller " + rawFrom));
      return new Receipt(sid, outcome, answer);
    });
  }

  // --- shared ---

  private void verify(Request request) {
    signature.verify(request.path(), request.rawQuery(), request.parameters().asMap(), request.signature());
  }

  /**
   * The contacts with the number whose inbound DND on the channel is off; each blocked one gets an
   * INBOUND_BLOCKED row on its trail.
   */
  private List<String> contactsAcceptingInbound(String number, InboundChannel channel, Evidence evidence,
      String message) {
    List<String> accepting = new ArrayList<>();
    for (String contactId : dnd.contactsWithAddress(AddressKind.PHONE, number)) {
      Optional<DndRecord> record = dnd.findRecord(contactId);
      if (record.isEmpty()) {
        continue;
      }
      if (record.get().isInboundBlocked(channel)) {
        audit.inboundBlocked(record.get(), AddressKind.PHONE, number, DndTarget.inbound(channel), evidence, message);
      } else {
        accepting.add(contactId);
      }
    }
    return accepting;
  }

  /**
   * The keyword a text is: Twilio's own classification when it sends one (Advanced Opt-Out, which
   * may have localised keywords), else DND Guard's keyword rules.
   */
  static Optional<SmsKeyword> keyword(String body, String optOutType) {
    Optional<SmsKeyword> fromBody = SmsKeyword.of(body);
    Optional<SmsKeyword.Type> type = optOutType == null ? Optional.empty() : twilioKeywordType(optOutType);
    if (type.isEmpty()) {
      return fromBody;
    }
    // the word the contact texted when it is one of the type, else Twilio's name for the type
    String word = fromBody.filter(k -> k.type() == type.get()).map(SmsKeyword::word)
        .orElse(optOutType.trim().toUpperCase(Locale.ROOT));
    return Optional.of(new SmsKeyword(type.get(), word));
  }

  /** Twilio's OptOutType: STOP, START or HELP. */
  private static Optional<SmsKeyword.Type> twilioKeywordType(String optOutType) {
    return switch (optOutType.trim().toUpperCase(Locale.ROOT)) {
      case "STOP" -> Optional.of(SmsKeyword.Type.OPT_OUT);
      case "START" -> Optional.of(SmsKeyword.Type.OPT_IN);
      case "HELP" -> Optional.of(SmsKeyword.Type.HELP);
      default -> Optional.empty();
    };
  }

  private String phone(String raw, String field) {
    try {
      return addresses.phone(raw, field);
    } catch (InvalidDndInputException e) {
      throw new MalformedWebhookException(field, "The form parameter " + field + ": " + e.getMessage());
    }
  }

  private Optional<String> callerNumber(String raw) {
    if (CHANNEL_PREFIX.matcher(raw).find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(addresses.phone(raw, "From"));
    } catch (InvalidDndInputException e) {
      return Optional.empty();
    }
  }

  private static String sid(FormParameters form, String name, String what) {
    String sid = form.require(name, what);
    if (sid.length() > MAX_SID_LENGTH || !sid.chars().allMatch(Character::isLetterOrDigit)) {
      throw new MalformedWebhookException(name, "The form parameter " + name + " '" + abbreviate(sid)
          + "' is not a Twilio id (34 letters and digits, e.g. SM followed by 32 hex digits)");
    }
    return sid;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
