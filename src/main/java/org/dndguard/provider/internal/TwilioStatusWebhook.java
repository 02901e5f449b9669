package org.dndguard.provider.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.internal.ProviderRules;
import org.dndguard.provider.internal.ProviderEventLog.EventKind;
import org.dndguard.provider.internal.TwilioWebhooks.Receipt;
import org.dndguard.store.internal.AddressChange;
import org.dndguard.store.ContactNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's message status callback: error codes 30003, 30005 and 30006 set temporary SMS DND, 30004
 * and 21610 permanent; other codes are audited as ignored; statuses without an error change nothing.
 */
final class TwilioStatusWebhook extends TwilioWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioStatusWebhook.class);
  private static final Pattern STATUS = Pattern.compile("[a-z_-]{1,32}");

  TwilioStatusWebhook(Parts parts) {
    super(parts, "MessageSid", "message status callback");
  }

  @Override
  Receipt receive(FormParameters form, String sid) {
    String status = form.require("MessageStatus", event).toLowerCase(Locale.ROOT);
    if (!STATUS.matcher(status).matches()) {
      throw new MalformedWebhookException("MessageStatus", "The form parameter MessageStatus '"
          + TwilioForm.abbreviate(ProviderText.clean(status)) + "' is not a Twilio message status such as"
          + " undelivered or failed");
    }
    String rawTo = form.require("To", event);
    String errorCode = TwilioForm.text(form, "ErrorCode");
    if (errorCode != null && TwilioForm.isWhatsApp(rawTo)) {
      return whatsApp(form, sid, status, rawTo, errorCode);
    }
    if (errorCode == null || TwilioForm.CHANNEL_PREFIX.matcher(rawTo).find()) {
      // a delivery report without an error, or a WhatsApp message: no SMS rule applies, nothing to record
      return new Receipt(sid, ProviderOutcome.IGNORED, null);
    }
    Optional<DndReason> reason = ProviderRules.twilioError(errorCode);
    Optional<String> parsedTo = forms.callerNumber(rawTo);
    // an error that sets DND must never be lost: for a number DND Guard cannot read it is kept as sent
    boolean verbatim = parsedTo.isEmpty() && reason.isPresent();
    String to = verbatim ? ProviderText.clean(rawTo).strip() : parsedTo.orElseGet(() -> forms.phone(rawTo, "To"));
    String description = "Twilio message " + sid + " " + status + " with error " + errorCode;
    Evidence evidence = evidence(form, sid, dnd.clock().instant()).code(errorCode)
        .note(description + (verbatim ? verbatimNote(rawTo) : "")).build();
    return once(sid, status, AddressKind.PHONE, to, evidence, description, () -> {
      if (reason.isPresent()) {
        return setDnd(sid, AddressKind.PHONE, to, new DndCommand.Set(DndTarget.SMS, reason.get(), evidence), verbatim);
      }
      audit.ignored(AddressKind.PHONE, to, DndTarget.SMS, evidence, description
          + ": by the rules only errors 30003, 30004, 30005, 30006 and 21610 set SMS DND");
      return ProviderOutcome.IGNORED;
    });
  }

  /**
   * A status callback of a WhatsApp message: 63014 (the recipient blocked the sender or opted out)
   * sets WHATSAPP DND for every contact with the WhatsApp number, with the message as evidence;
   * only START on WhatsApp lifts it. The SMS carrier codes do not apply; other codes change nothing.
   */
  private Receipt whatsApp(FormParameters form, String sid, String status, String rawTo, String errorCode) {
    Optional<DndReason> reason = ProviderRules.twilioWhatsAppError(errorCode);
    if (reason.isEmpty()) {
      return new Receipt(sid, ProviderOutcome.IGNORED, null);
    }
    Optional<String> parsedTo = forms.whatsAppNumber(rawTo);
    boolean verbatim = parsedTo.isEmpty();
    String to = parsedTo.orElseGet(() -> ProviderText.clean(rawTo).strip());
    String description = "Twilio WhatsApp message " + sid + " " + status + " with error " + errorCode;
    Evidence evidence = evidence(form, sid, dnd.clock().instant()).code(errorCode)
        .note(description + (verbatim ? verbatimNote(rawTo) : "")).build();
    return once(sid, status, AddressKind.WHATSAPP, to, evidence, description, () -> setDnd(sid, AddressKind.WHATSAPP,
        to, new DndCommand.Set(DndTarget.WHATSAPP, reason.get(), evidence), verbatim));
  }

  private static String verbatimNote(String rawTo) {
    return "; the recipient '" + TwilioForm.abbreviate(ProviderText.clean(rawTo)) + "' is not a number DND Guard can"
        + " read, so the DND is kept for the address exactly as Twilio sent it";
  }

  /** Acts on one status of a message once, and records what it did. */
  private Receipt once(String sid, String status, AddressKind kind, String to, Evidence evidence,
      String description, Supplier<ProviderOutcome> action) {
    String key = "status:" + sid + ":" + status;
    return once(sid, key, EventKind.TWILIO_STATUS, kind, to, evidence.receivedAt(), null,
        () -> complete(key, new Receipt(sid, action.get(), null), description));
  }

  /**
   * Sets the DND for every contact with the address, and for the contact the message went to; an
   * address DND Guard cannot read ({@code verbatim}) keeps the DND exactly as sent.
   */
  private ProviderOutcome setDnd(String sid, AddressKind kind, String to, DndCommand.Set command, boolean verbatim) {
    AddressChange change = verbatim ? dnd.applyToVerbatimAddress(kind, to, command)
        : dnd.applyToAddress(kind, to, command);
    boolean changedSender = applyToSender(sid, change, command);
    return change.changedSomething() || changedSender ? ProviderOutcome.DND_SET : ProviderOutcome.DND_ALREADY_SET;
  }

  /**
   * The contact the outbox sent the message to also gets the DND, when it does not have the number
   * (any more): failing closed, the error reaches the contact the message was meant for.
   */
  private boolean applyToSender(String sid, AddressChange change, DndCommand.Set command) {
    SentMessageLookup lookup = parts.sentMessages().getIfAvailable();
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
}
