package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.AuditAction;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp through Twilio's webhooks over real HTTP, signed as Twilio signs: STOP from a
 * {@code whatsapp:} sender and error 63014 set WHATSAPP DND only, and START on WhatsApp lifts it.
 */
class TwilioWhatsAppTest extends WebhookHttpTestSupport {

  private static final String SMS = TwilioWebhooks.SMS_PATH;
  private static final String STATUS = TwilioWebhooks.STATUS_PATH;

  /** A contact whose phone and WhatsApp number are the same, as they usually are. */
  private String contactOn(String number) {
    String id = "c-" + UUID.randomUUID();
    contacts.register(id, new ContactAddresses(number, null, "whatsapp:" + number, null, null),
        Evidence.user("test", Instant.now()));
    return id;
  }

  @Test
  void stopOnWhatsAppSetsWhatsAppDndOnlyAndOnlyStartOnWhatsAppLiftsIt() {
    String number = newPhone();
    String contactId = contactOn(number);

    HttpResponse<String> stop = client.twilio(SMS, WebhookClient.inboundSms("whatsapp:" + number, "Stop"));

    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
    assertThat(stop.body()).contains(properties.webhooks().twilio().optOutReply());
    assertThat(record(contactId).entry(DndTarget.WHATSAPP, DndReason.WHATSAPP_OPT_OUT)).isPresent();
    assertThat(record(contactId).isBlocked(Channel.SMS)).isFalse();
    assertThat(trail(contactId)).filteredOn(row -> row.action() == AuditAction.SET).singleElement()
        .satisfies(row -> assertThat(row.evidence().keyword()).isEqualTo("STOP"));
    assertThatThrownBy(() -> dnd.clear(contactId, DndTarget.WHATSAPP, Evidence.user("operator", Instant.now())))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageContaining("only the contact can lift it, by sending START on WhatsApp");

    // START by SMS is about texts: WhatsApp stays blocked
    client.twilio(SMS, WebhookClient.inboundSms(number, "START"));
    assertThat(record(contactId).isBlocked(Channel.WHATSAPP)).isTrue();

    HttpResponse<String> start = client.twilio(SMS, WebhookClient.inboundSms("whatsapp:" + number, "START"));

    assertThat(start.statusCode()).isEqualTo(200);
    assertThat(start.body()).contains(properties.webhooks().twilio().optInReply());
    assertThat(record(contactId).isBlocked(Channel.WHATSAPP)).isFalse();
  }

  @Test
  void startOnWhatsAppDoesNotLiftSmsDnd() {
    String number = newPhone();
    String contactId = contactOn(number);
    client.twilio(SMS, WebhookClient.inboundSms(number, "STOP"));

    client.twilio(SMS, WebhookClient.inboundSms("whatsapp:" + number, "START"));

    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();
  }

  @Test
  void error63014OnAWhatsAppMessageSetsWhatsAppDndWithTheMessageAsEvidence() {
    String number = newPhone();
    String contactId = contactOn(number);
    var callback = WebhookClient.statusCallback("whatsapp:" + number, "undelivered", "63014");

    HttpResponse<String> response = client.twilio(STATUS, callback);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(record(contactId).entry(DndTarget.WHATSAPP, DndReason.WHATSAPP_BLOCKED)).hasValueSatisfying(entry -> {
      assertThat(entry.evidence().code()).isEqualTo("63014");
      assertThat(entry.evidence().providerEventId()).isEqualTo(callback.get("MessageSid"));
    });
    assertThat(record(contactId).isBlocked(Channel.SMS)).isFalse();

    client.twilio(SMS, WebhookClient.inboundSms("whatsapp:" + number, "START"));
    assertThat(record(contactId).isBlocked(Channel.WHATSAPP)).isFalse();
  }

  @Test
  void anSmsCarrierCodeOnAWhatsAppMessageSetsNothing() {
    String number = newPhone();
    String contactId = contactOn(number);

    client.twilio(STATUS, WebhookClient.statusCallback("whatsapp:" + number, "failed", "21610"));

    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aStopFromAWhatsAppSenderThatCannotBeReadIsKeptForTheAddressAsSentAndAudited() {
    String sender = "whatsapp:12-not-a-number-" + System.nanoTime();
    var stop = WebhookClient.inboundSms(sender, "STOP");

    HttpResponse<String> response = client.twilio(SMS, stop);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains(properties.webhooks().twilio().optOutReply());
    assertThat(audit.addressHistory(AddressKind.WHATSAPP, sender, 0, 10)).singleElement().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.SET);
      assertThat(row.target()).isEqualTo(DndTarget.WHATSAPP);
      assertThat(row.reason()).isEqualTo(DndReason.WHATSAPP_OPT_OUT);
      assertThat(row.evidence().keyword()).isEqualTo("STOP");
      assertThat(row.evidence().providerEventId()).isEqualTo(stop.get("MessageSid"));
      assertThat(row.evidence().note()).contains("kept for the address exactly as Twilio sent it");
    });
    // any other message from such a sender is still refused, naming the field
    HttpResponse<String> hello = client.twilio(SMS, WebhookClient.inboundSms(sender, "hello"));
    assertThat(hello.statusCode()).isEqualTo(400);
    assertThat(hello.body()).contains("From");
  }

  @Test
  void anOrdinaryWhatsAppMessageChangesNothing() {
    String number = newPhone();
    String contactId = contactOn(number);

    HttpResponse<String> response = client.twilio(SMS, WebhookClient.inboundSms("whatsapp:" + number, "Hello"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).endsWith("<Response></Response>");
    assertThat(record(contactId).entries()).isEmpty();
  }
}
