package org.dndguard.provider.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.ProviderEventLog.EventKind;
import org.dndguard.provider.internal.TwilioWebhooks.Receipt;

/**
 * Twilio's inbound call: rejected when a contact with the caller's number is under inbound CALL
 * DND, else answered with the configured response. A caller without a usable number (withheld, a
 * SIP or client address) is no contact, so the configured response answers.
 */
final class TwilioVoiceWebhook extends TwilioWebhook {

  TwilioVoiceWebhook(Parts parts) {
    super(parts, "CallSid", "inbound call");
  }

  @Override
  Receipt receive(FormParameters form, String sid) {
    String rawFrom = ProviderText.clean(form.require("From", event));
    Optional<String> from = forms.callerNumber(rawFrom);
    Instant receivedAt = dnd.clock().instant();
    String key = "call:" + sid;
    Evidence evidence = evidence(form, sid, receivedAt).note("inbound call").build();
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
      TwiML answer = blocked.isEmpty() ? parts.replies().voice() : TwiML.reject();
      if (!first) {
        // a repeated request for the same call gets the same answer, but is recorded once
        return new Receipt(sid, ProviderOutcome.DUPLICATE, answer);
      }
      for (DndRecord record : blocked) {
        audit.inboundBlocked(record, AddressKind.PHONE, from.get(), DndTarget.INBOUND_CALL, evidence,
            "inbound call rejected by inbound CALL DND");
      }
      return complete(key, new Receipt(sid, outcome, answer),
          "contacts " + contacts + (from.isPresent() ? "" : "; caller " + rawFrom));
    });
  }
}
