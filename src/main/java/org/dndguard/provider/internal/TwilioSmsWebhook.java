package org.dndguard.provider.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.internal.ProviderRules;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.contact.internal.SmsKeywords;
import org.dndguard.provider.internal.ProviderEventLog.EventKind;
import org.dndguard.provider.internal.TwilioWebhooks.Keywords;
import org.dndguard.provider.internal.TwilioWebhooks.Receipt;
import org.dndguard.provider.internal.TwilioWebhooks.Replies;
import org.dndguard.store.internal.AddressChange;
import org.dndguard.store.internal.ContactChange;

/**
 * Twilio's inbound text. Opt-outs (a keyword, or a reply with an opt-out phrase: {@link SmsKeywords})
 * and opt-in keywords change SMS DND (even under inbound SMS DND) and are confirmed, an opt-out in the
 * language it was written in; under revoke-all a texted opt-out sets CALL DND too. HELP is answered;
 * any other text is handed to the workflows of every contact with
 * the number whose inbound SMS DND is off, by a delivery recorded in the transaction that claims the
 * text ({@link InboundSmsCorrelator}): one connection per request, and nothing lost if the node stops.
 */
final class TwilioSmsWebhook extends TwilioWebhook {

  private final Replies replies;
  private final Keywords keywords;

  TwilioSmsWebhook(Parts parts, Keywords keywords) {
    super(parts, "MessageSid", "inbound message");
    this.replies = parts.replies();
    this.keywords = keywords;
  }

  @Override
  Receipt receive(FormParameters form, String sid) {
    String rawFrom = ProviderText.clean(form.require("From", event));
    if (TwilioForm.isWhatsApp(rawFrom)) {
      return whatsApp(form, sid, rawFrom);
    }
    if (TwilioForm.CHANNEL_PREFIX.matcher(rawFrom).find()) {
      throw new MalformedWebhookException("From", "From '" + TwilioForm.abbreviate(rawFrom) + "' is not a phone"
          + " number: this webhook handles SMS; do not point WhatsApp or other channels' senders at it");
    }
    String body = ProviderText.clean(form.get("Body"));
    if (body == null) {
      throw new MalformedWebhookException("Body", "The form parameter Body is missing; Twilio sends it with every"
          + " inbound message (empty for a picture without text)");
    }
    String optOutType = TwilioForm.text(form, "OptOutType");
    Optional<SmsKeyword> keyword = keyword(body, optOutType);
    boolean twilioAnswered = optOutType != null && twilioKeywordType(optOutType).isPresent();
    Instant receivedAt = dnd.clock().instant();
    String key = "sms:" + sid;
    Optional<String> parsedFrom = forms.callerNumber(rawFrom);

    if (keyword.isPresent()) {
      SmsKeyword word = keyword.get();
      boolean verbatim = parsedFrom.isEmpty();
      if (verbatim && word.type() != SmsKeyword.Type.OPT_OUT) {
        forms.phone(rawFrom, "From");
      }
      // an opt-out must never be lost: from a sender that is no phone number it is kept for the address as sent
      String from = parsedFrom.orElse(rawFrom);
      Evidence evidence = evidence(form, sid, receivedAt).keyword(word, body).note(
          "inbound SMS " + word.describe() + (optOutType == null ? "" : " (Twilio OptOutType " + optOutType + ")")
              + (verbatim ? "; the sender '" + TwilioForm.abbreviate(rawFrom) + "' is not a phone number DND Guard"
              + " can read, so the opt-out is kept for the address exactly as Twilio sent it" : "")).build();
      // a repeated text is a duplicate: the first delivery answered already; one text gets one confirmation
      return once(sid, key, AddressKind.PHONE, from, receivedAt, () -> {
        Receipt receipt = verbatim
            ? optOut(sid, textedOptOut(from, evidence, true), twilioAnswered, word)
            : keyword(sid, from, word, evidence, twilioAnswered);
        return complete(key, receipt, word.describe());
      });
    }

    String from = parsedFrom.orElseGet(() -> forms.phone(rawFrom, "From"));
    Evidence evidence = evidence(form, sid, receivedAt).note("inbound SMS").build();
    return once(sid, key, AddressKind.PHONE, from, receivedAt, () -> {
      List<String> recipients = contactsAcceptingInbound(from, evidence);
      if (recipients.isEmpty()) {
        boolean known = !dnd.contactsWithAddress(AddressKind.PHONE, from).isEmpty();
        return complete(key, new Receipt(sid, known ? ProviderOutcome.INBOUND_BLOCKED : ProviderOutcome.UNKNOWN_SENDER,
            TwiML.empty()), known ? "every contact with the number is under inbound SMS DND" : "no contact has the number");
      }
      // delivered by a job once this commits; the job records where the text went
      parts.correlator().schedule(sid, from, body, recipients);
      return new Receipt(sid, ProviderOutcome.RECEIVED, TwiML.empty());
    });
  }

  /**
   * An inbound WhatsApp message ({@code From=whatsapp:+1...}). Its opt-out keywords set WHATSAPP
   * DND (not SMS) for every contact with that WhatsApp number, and only START on WhatsApp lifts
   * it; HELP is answered; any other text reaches no workflow (InboundSms is about texts).
   */
  private Receipt whatsApp(FormParameters form, String sid, String rawFrom) {
    String body = ProviderText.clean(form.get("Body"));
    Optional<SmsKeyword> keyword = body == null ? Optional.empty() : keywords.lists().recognise(body);
    Optional<String> parsedFrom = forms.whatsAppNumber(rawFrom);
    if (parsedFrom.isEmpty() && keyword.filter(word -> word.type() == SmsKeyword.Type.OPT_OUT).isPresent()) {
      return verbatimWhatsAppOptOut(form, sid, rawFrom, keyword.get());
    }
    String from = parsedFrom.orElseGet(() -> forms.whatsApp(rawFrom, "From"));
    Instant receivedAt = dnd.clock().instant();
    String key = "sms:" + sid;
    return once(sid, key, AddressKind.WHATSAPP, from, receivedAt, () -> {
      if (keyword.isEmpty()) {
        return complete(key, new Receipt(sid, ProviderOutcome.IGNORED, TwiML.empty()),
            "WhatsApp message; only keywords are acted on");
      }
      SmsKeyword word = keyword.get();
      Evidence evidence = evidence(form, sid, receivedAt).keyword(word, body)
          .note("inbound WhatsApp " + word.describe()).build();
      Receipt receipt = switch (word.type()) {
        case OPT_OUT -> optOut(sid, dnd.applyToAddress(AddressKind.WHATSAPP, from,
            ProviderRules.optOut(rawFrom, evidence)), false, word);
        case OPT_IN -> optIn(sid, AddressKind.WHATSAPP, from, ProviderRules.optIn(rawFrom, evidence), false);
        case HELP -> new Receipt(sid, ProviderOutcome.HELP_ANSWERED, TwiML.message(replies.help()));
      };
      return complete(key, receipt, "WhatsApp " + word.describe());
    });
  }

  /**
   * A WhatsApp opt-out from a sender whose number DND Guard cannot read: an opt-out must never be
   * lost, so, as on the SMS path, it is kept (and audited) for the address exactly as Twilio sent it.
   */
  private Receipt verbatimWhatsAppOptOut(FormParameters form, String sid, String rawFrom, SmsKeyword word) {
    Instant receivedAt = dnd.clock().instant();
    String key = "sms:" + sid;
    Evidence evidence = evidence(form, sid, receivedAt).keyword(word, ProviderText.clean(form.get("Body")))
        .note("inbound WhatsApp " + word.describe() + "; the sender '" + TwilioForm.abbreviate(rawFrom) + "' is not a"
            + " WhatsApp number DND Guard can read, so the opt-out is kept for the address exactly as Twilio sent it")
        .build();
    return once(sid, key, AddressKind.WHATSAPP, rawFrom, receivedAt, () -> complete(key,
        optOut(sid, dnd.applyToVerbatimAddress(AddressKind.WHATSAPP, rawFrom, ProviderRules.optOut(rawFrom, evidence)),
            false, word), "WhatsApp " + word.describe()));
  }

  /** Claims an inbound text once; a repeated one is answered with nothing. */
  private Receipt once(String sid, String key, AddressKind kind, String from, Instant receivedAt,
      Supplier<Receipt> action) {
    return once(sid, key, EventKind.TWILIO_SMS, kind, from, receivedAt, TwiML.empty(), action);
  }

  private Receipt keyword(String sid, String from, SmsKeyword word, Evidence evidence, boolean twilioAnswered) {
    // with Advanced Opt-Out (OptOutType present) Twilio has sent its own confirmation: one is enough
    return switch (word.type()) {
      case OPT_OUT -> optOut(sid, textedOptOut(from, evidence, false), twilioAnswered, word);
      case OPT_IN -> optIn(sid, from, evidence, twilioAnswered);
      case HELP -> new Receipt(sid, ProviderOutcome.HELP_ANSWERED,
          twilioAnswered ? TwiML.empty() : TwiML.message(replies.help()));
    };
  }

  /**
   * A texted opt-out: SMS DND, and under revoke-all CALL DND too, with the same evidence and reason,
   * so that only the contact lifts it, by the START that lifts SMS (47 CFR 64.1200(a)(10)).
   *
   * @return whether either changed something
   */
  private boolean textedOptOut(String from, Evidence evidence, boolean verbatim) {
    boolean changed = false;
    List<DndTarget> targets = keywords.revokeAll() ? List.of(DndTarget.SMS, DndTarget.CALL) : List.of(DndTarget.SMS);
    for (DndTarget target : targets) {
      DndCommand.Set set = new DndCommand.Set(target, DndReason.SMS_OPT_OUT, evidence);
      AddressChange change = verbatim
          ? dnd.applyToVerbatimAddress(AddressKind.PHONE, from, set)
          : dnd.applyToAddress(AddressKind.PHONE, from, set);
      changed |= change.changedSomething();
    }
    return changed;
  }

  private Receipt optOut(String sid, boolean changed, boolean twilioAnswered, SmsKeyword word) {
    return new Receipt(sid, changed ? ProviderOutcome.DND_SET : ProviderOutcome.DND_ALREADY_SET,
        twilioAnswered ? TwiML.empty() : TwiML.message(keywords.optOutReply(word.language(), replies.optOut())));
  }

  private Receipt optOut(String sid, AddressChange change, boolean twilioAnswered, SmsKeyword word) {
    return optOut(sid, change.changedSomething(), twilioAnswered, word);
  }

  /**
   * An opt-in lifts what it may; when SMS stays in DND for a contact with the number (a user's
   * DND, or ALL), the refusal is on that contact's trail and the answer says they are still
   * unsubscribed. That answer goes out even when Twilio has confirmed the opt-in itself (Advanced
   * Opt-Out), since Twilio's confirmation is then wrong and the contact would otherwise wait for
   * messages that will not come.
   */
  private Receipt optIn(String sid, String from, Evidence evidence, boolean twilioAnswered) {
    return optIn(sid, AddressKind.PHONE, from, new DndCommand.OptIn(evidence), twilioAnswered);
  }

  private Receipt optIn(String sid, AddressKind kind, String from, DndCommand.OptIn command, boolean twilioAnswered) {
    AddressChange change = dnd.applyToAddress(kind, from, command);
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

  /**
   * The contacts with the number whose inbound SMS DND is off; each blocked one gets an
   * INBOUND_BLOCKED row on its trail.
   */
  private List<String> contactsAcceptingInbound(String number, Evidence evidence) {
    List<String> accepting = new ArrayList<>();
    for (String contactId : dnd.contactsWithAddress(AddressKind.PHONE, number)) {
      Optional<DndRecord> record = dnd.findRecord(contactId);
      if (record.isEmpty()) {
        continue;
      }
      if (record.get().isInboundBlocked(InboundChannel.SMS)) {
        audit.inboundBlocked(record.get(), AddressKind.PHONE, number, DndTarget.inbound(InboundChannel.SMS), evidence,
            "inbound SMS blocked by inbound SMS DND: it reached no workflow");
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
  Optional<SmsKeyword> keyword(String body, String optOutType) {
    Optional<SmsKeyword> fromBody = keywords.lists().recognise(body);
    Optional<SmsKeyword.Type> type = optOutType == null ? Optional.empty() : twilioKeywordType(optOutType);
    if (type.isEmpty()) {
      return fromBody;
    }
    // DND Guard's reading when it agrees on the type, else Twilio's name for the type
    return Optional.of(fromBody.filter(k -> k.type() == type.get())
        .orElse(new SmsKeyword(type.get(), optOutType.trim().toUpperCase(Locale.ROOT), null, SmsKeyword.Rule.PROVIDER)));
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
}
