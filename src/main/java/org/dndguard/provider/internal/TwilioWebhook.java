package org.dndguard.provider.internal;

import java.time.Instant;
import java.util.function.Supplier;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.ProviderEventLog.EventKind;
import org.dndguard.provider.internal.TwilioWebhooks.Receipt;
import org.dndguard.provider.internal.TwilioWebhooks.Replies;
import org.dndguard.provider.internal.TwilioWebhooks.Request;
import org.dndguard.store.DndService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Twilio's three webhooks share: the verified form and the event's SID, the event log that
 * acts on each event once, the DND service, the provider audit, and the transaction that claims an
 * event and acts on it.
 */
abstract class TwilioWebhook {

  /**
   * What the Twilio webhooks work with, made once by {@link TwilioWebhooks}.
   *
   * @param replies the answers to keywords and calls (inbound texts and calls)
   * @param correlator hands inbound texts to the workflows (inbound texts)
   * @param sentMessages finds the contact a message went to (status callbacks)
   */
  record Parts(TwilioForm forms, ProviderEventLog log, DndService dnd, ProviderAudit audit,
      TransactionTemplate transaction, Replies replies, InboundSmsCorrelator correlator,
      ObjectProvider<SentMessageLookup> sentMessages) {
  }

  final Parts parts;
  final TwilioForm forms;
  final ProviderEventLog log;
  final DndService dnd;
  final ProviderAudit audit;
  final TransactionTemplate transaction;
  /** What the event is, for the messages about a missing or malformed parameter. */
  final String event;
  private final String sidParameter;

  /**
   * @param sidParameter the form parameter with the event's SID
   * @param event what the event is, e.g. {@code inbound call}
   */
  TwilioWebhook(Parts parts, String sidParameter, String event) {
    this.parts = parts;
    this.forms = parts.forms();
    this.log = parts.log();
    this.dnd = parts.dnd();
    this.audit = parts.audit();
    this.transaction = parts.transaction();
    this.sidParameter = sidParameter;
    this.event = event;
  }

  /** Verifies the request's form (signature, repeated parameters) before anything reads it. */
  final Receipt receive(Request request) {
    FormParameters form = forms.verified(request);
    return receive(form, TwilioForm.sid(form, sidParameter, event));
  }

  /** Acts on a verified event. */
  abstract Receipt receive(FormParameters form, String sid);

  /** The evidence of a Twilio event: the account that sent it and the SID it has; the caller adds the rest. */
  static Evidence.Builder evidence(FormParameters form, String sid, Instant receivedAt) {
    return Evidence.providerEvent(Source.TWILIO, sid, receivedAt).actor(TwilioForm.text(form, "AccountSid"))
        .message(sid);
  }

  /**
   * Claims the event and acts on it in one transaction; a repeated event gets a DUPLICATE receipt
   * with the given answer and changes nothing.
   */
  Receipt once(String sid, String key, EventKind kind, AddressKind addressKind, String address, Instant receivedAt,
      TwiML duplicateAnswer, Supplier<Receipt> action) {
    return transaction.execute(tx -> log.claim(Source.TWILIO, key, kind, addressKind, address, receivedAt)
        ? action.get()
        : new Receipt(sid, ProviderOutcome.DUPLICATE, duplicateAnswer));
  }

  /** Records what the claimed event did, and returns the receipt. */
  Receipt complete(String key, Receipt receipt, String detail) {
    log.complete(Source.TWILIO, key, receipt.outcome(), detail);
    return receipt;
  }
}
