package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code dnd.keywords.revoke-all=true} (the FCC's revoke-all provision, 47 CFR 64.1200(a)(10), from
 * 31 January 2027): a texted opt-out also sets CALL DND with the same evidence; no user lifts it; the
 * contact's START lifts both. With the property off (the default), {@link TwilioOptOutLanguageTest}
 * shows CALL untouched.
 */
@TestPropertySource(properties = "dnd.keywords.revoke-all=true")
class TwilioRevokeAllTest extends WebhookHttpTestSupport {

  private static final String SMS = TwilioWebhooks.SMS_PATH;

  @Test
  void aTextedOptOutSetsCallDndWithTheSameEvidenceAndStartLiftsBoth() {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);

    // when
    HttpResponse<String> stop = client.twilio(SMS, WebhookClient.inboundSms(phone, "Please stop texting me"));

    // then: one confirmation; SMS and CALL in DND for the same reason, on the same evidence
    assertThat(stop.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
        + properties.webhooks().twilio().optOutReply() + "</Message></Response>");
    assertThat(record(contactId).isBlocked(Channel.SMS)).isTrue();
    assertThat(record(contactId).isBlocked(Channel.CALL)).isTrue();
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET)
        .extracting(AuditRecord::target).containsExactly(DndTarget.SMS, DndTarget.CALL);
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).allSatisfy(row -> {
      assertThat(row.reason()).isEqualTo(DndReason.SMS_OPT_OUT);
      assertThat(row.evidence().keyword()).isEqualTo("please stop");
      assertThat(row.evidence().reply().rule()).isEqualTo(SmsKeyword.Rule.RULE_WORD);
    });

    // when a user tries to clear CALL: refused, naming what lifts it
    assertThatThrownBy(() -> dnd.clear(contactId, DndTarget.CALL, Evidence.user("operator", Instant.now())))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageMatching("CALL DND for contact " + contactId + " was set by the opt-out phrase \"please stop\""
            + " \\(a texted opt-out that revokes all consent\\) on \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ; only the contact"
            + " can lift it, by texting START");
    assertThat(record(contactId).isBlocked(Channel.CALL)).isTrue();

    // when the contact texts START
    HttpResponse<String> start = client.twilio(SMS, WebhookClient.inboundSms(phone, "START"));

    // then both are lifted
    assertThat(start.body()).contains("<Message>" + properties.webhooks().twilio().optInReply() + "</Message>");
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.CLEARED)
        .extracting(AuditRecord::target).containsExactlyInAnyOrder(DndTarget.SMS, DndTarget.CALL);
  }

  @Test
  void startDoesNotLiftACallDndAUserSet() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.CALL, Evidence.user("operator", "asked by phone", Instant.now()));
    client.twilio(SMS, WebhookClient.inboundSms(phone, "STOP"));

    client.twilio(SMS, WebhookClient.inboundSms(phone, "START"));

    assertThat(record(contactId).isBlocked(Channel.SMS)).isFalse();
    assertThat(record(contactId).entries(DndTarget.CALL)).extracting(e -> e.reason()).containsExactly(DndReason.MANUAL);
  }

  @Test
  void anOptOutFromAnUnknownNumberKeepsCallDndForTheContactWhoGetsItLater() {
    String phone = newPhone();
    client.twilio(SMS, WebhookClient.inboundSms(phone, "ARRÊT"));

    String later = contactWith(phone, null);

    assertThat(record(later).entry(DndTarget.CALL, DndReason.SMS_OPT_OUT)).isPresent();
    assertThat(record(later).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();
  }
}
