package org.dndguard.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.internal.DndDecision;
import org.dndguard.contact.internal.DndRules;
import org.dndguard.contact.internal.ProviderRules;
import org.junit.jupiter.api.Test;

/** WhatsApp's rows of the rules table, without Spring or an engine. */
class WhatsAppRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");
  private static final Evidence STOP = Evidence.providerEvent(Source.TWILIO, "SM1", NOW).keyword("STOP").build();
  private static final Evidence START = Evidence.providerEvent(Source.TWILIO, "SM2", NOW).keyword("START").build();

  @Test
  void stopFromAWhatsAppSenderSetsWhatsAppOnlyAndOnlyTheContactLiftsIt() {
    DndCommand.Set optOut = ProviderRules.optOut("whatsapp:+14155550100", STOP);

    assertThat(optOut.target()).isEqualTo(DndTarget.WHATSAPP);
    assertThat(optOut.reason()).isEqualTo(DndReason.WHATSAPP_OPT_OUT);
    DndRecord after = DndRules.decide(DndRecord.empty("c-42"), optOut).applyTo(DndRecord.empty("c-42"));
    assertThat(after.isBlocked(Channel.WHATSAPP)).isTrue();
    assertThat(after.isBlocked(Channel.SMS)).isFalse();
    assertThat(DndRules.decide(after, DndCommand.clear(DndTarget.WHATSAPP, Evidence.user("ann", NOW)))
        .refusal()).hasValueSatisfying(refusal -> assertThat(refusal.getMessage())
        .contains("the opt-out keyword STOP on WhatsApp", "only the contact can lift it, by sending START on WhatsApp"));
  }

  @Test
  void stopFromAPhoneNumberStillSetsSms() {
    assertThat(ProviderRules.optOut("+14155550100", STOP).target()).isEqualTo(DndTarget.SMS);
  }

  @Test
  void startOnWhatsAppLiftsWhatsAppButNotSmsAndStartBySmsLiftsSmsButNotWhatsApp() {
    DndRecord both = new DndRecord("c-42", List.of(
        new DndEntry(DndTarget.WHATSAPP, DndReason.WHATSAPP_OPT_OUT, NOW, STOP),
        new DndEntry(DndTarget.WHATSAPP, DndReason.WHATSAPP_BLOCKED, NOW, STOP),
        new DndEntry(DndTarget.SMS, DndReason.SMS_OPT_OUT, NOW, STOP)));

    DndRecord afterWhatsApp = DndRules.decide(both, ProviderRules.optIn("whatsapp:+14155550100", START)).applyTo(both);
    DndRecord afterSms = DndRules.decide(both, ProviderRules.optIn("+14155550100", START)).applyTo(both);

    assertThat(afterWhatsApp.isBlocked(Channel.WHATSAPP)).isFalse();
    assertThat(afterWhatsApp.isBlocked(Channel.SMS)).isTrue();
    assertThat(afterSms.isBlocked(Channel.SMS)).isFalse();
    assertThat(afterSms.isBlocked(Channel.WHATSAPP)).isTrue();
  }

  @Test
  void startOnWhatsAppDoesNotLiftAUsersWhatsAppDndAndSaysWhy() {
    DndRecord record = new DndRecord("c-42", List.of(
        new DndEntry(DndTarget.WHATSAPP, DndReason.MANUAL, NOW, Evidence.user("ann", NOW))));

    DndDecision decision = DndRules.decide(record, ProviderRules.optIn("whatsapp:+14155550100", START));

    assertThat(decision.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.getMessage())
        .startsWith("Contact c-42 sent START on WhatsApp, but WHATSAPP stays in DND"));
  }

  @Test
  void twilio63014OnWhatsAppBlocksAndTheSmsCarrierCodesDoNot() {
    assertThat(ProviderRules.twilioWhatsAppError("63014")).contains(DndReason.WHATSAPP_BLOCKED);
    assertThat(ProviderRules.twilioWhatsAppError("30004")).isEmpty();
    assertThat(DndReason.WHATSAPP_BLOCKED.userMayClear()).isFalse();
    assertThat(ProviderRules.isWhatsApp(" WhatsApp:+14155550100")).isTrue();
    assertThat(ProviderRules.isWhatsApp("+14155550100")).isFalse();
  }
}
