package org.dndguard.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndKind;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.contact.Source;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every row of DESIGN.md's Rules table, and every refusal, without Spring or an engine. */
class DndRulesTest {

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  private static final String C = "c-42";

  private static Evidence user(String name) {
    return Evidence.user(name, T0);
  }

  private static Evidence twilio(String code, String keyword) {
    return Evidence.providerEvent(Source.TWILIO, "SM123", T0).message("SM123").code(code).keyword(keyword).build();
  }

  private static Evidence mailgun(String reason) {
    return Evidence.providerEvent(Source.MAILGUN, "ev-1", T0).message("msg-1").code(reason).build();
  }

  private static DndRecord apply(DndRecord record, DndCommand command) {
    DndDecision decision = DndRules.decide(record, command);
    assertThat(decision.isRefused()).as("refused: %s", decision.refusal().map(Throwable::getMessage)).isFalse();
    return decision.applyTo(record);
  }

  private static DndRecord with(DndTarget target, DndReason reason, Evidence evidence) {
    return apply(DndRecord.empty(C), new DndCommand.Set(target, reason, evidence));
  }

  @Nested
  class UserOrWorkflowAction {

    @Test
    void setsAnyChannelAndAUserClearsIt() {
      DndRecord record = with(DndTarget.WHATSAPP, DndReason.MANUAL, user("ann"));

      assertThat(record.isBlocked(Channel.WHATSAPP)).isTrue();
      assertThat(record.isBlocked(Channel.SMS)).isFalse();
      assertThat(record.status()).isEqualTo(DndStatus.PARTIAL);
      assertThat(record.entries().get(0).kind()).isEqualTo(DndKind.MANUAL);

      DndRecord cleared = apply(record, new DndCommand.Clear(DndTarget.WHATSAPP, user("bob")));
      assertThat(cleared.isBlocked(Channel.WHATSAPP)).isFalse();
      assertThat(cleared.status()).isEqualTo(DndStatus.OFF);
    }

    @Test
    void allBlocksEveryOutboundChannelButNotInbound() {
      DndRecord record = with(DndTarget.ALL, DndReason.MANUAL, user("ann"));

      for (Channel channel : Channel.values()) {
        assertThat(record.isBlocked(channel)).as(channel.name()).isTrue();
      }
      assertThat(record.status()).isEqualTo(DndStatus.ON);
      assertThat(record.isInboundBlocked(InboundChannel.SMS)).isFalse();
      assertThat(record.isInboundBlocked(InboundChannel.CALL)).isFalse();
    }

    @Test
    void everyChannelSeparatelyIsStatusOn() {
      DndRecord record = DndRecord.empty(C);
      for (Channel channel : Channel.values()) {
        assertThat(record.status()).isNotEqualTo(DndStatus.ON);
        record = apply(record, new DndCommand.Set(DndTarget.of(channel), DndReason.MANUAL, user("ann")));
      }
      assertThat(record.status()).isEqualTo(DndStatus.ON);
    }

    @Test
    void inboundDndIsSeparateFromOutbound() {
      DndRecord record = with(DndTarget.INBOUND_CALL, DndReason.MANUAL, user("ann"));

      assertThat(record.isInboundBlocked(InboundChannel.CALL)).isTrue();
      assertThat(record.isInboundBlocked(InboundChannel.SMS)).isFalse();
      assertThat(record.isBlocked(Channel.CALL)).isFalse();
      assertThat(record.status()).isEqualTo(DndStatus.OFF);
    }

    @Test
    void settingWhatIsAlreadySetChangesNothing() {
      DndRecord record = with(DndTarget.SMS, DndReason.MANUAL, user("ann"));

      DndDecision again = DndRules.decide(record, new DndCommand.Set(DndTarget.SMS, DndReason.MANUAL, user("bob")));

      assertThat(again.changesSomething()).isFalse();
      assertThat(again.isRefused()).isFalse();
      assertThat(again.applyTo(record).entries().get(0).evidence().actor()).isEqualTo("ann");
    }

    @Test
    void clearingWhatIsNotSetChangesNothing() {
      DndDecision decision = DndRules.decide(DndRecord.empty(C), new DndCommand.Clear(DndTarget.SMS, user("ann")));

      assertThat(decision.changesSomething()).isFalse();
      assertThat(decision.isRefused()).isFalse();
    }

    @Test
    void clearingOneChannelLeavesAllInPlace() {
      DndRecord record = apply(with(DndTarget.ALL, DndReason.MANUAL, user("ann")),
          new DndCommand.Set(DndTarget.SMS, DndReason.MANUAL, user("ann")));

      DndRecord after = apply(record, new DndCommand.Clear(DndTarget.SMS, user("ann")));

      assertThat(after.isActive(DndTarget.SMS)).isFalse();
      assertThat(after.isBlocked(Channel.SMS)).as("still blocked by ALL").isTrue();
      assertThat(after.blockingEntry(Channel.SMS)).map(DndEntry::target).contains(DndTarget.ALL);
    }
  }

  @Nested
  class Mailgun {

    @Test
    void permanentBounceSetsEmailDndThatAUserMayClear() {
      for (String reason : List.of("bounce", "suppress-bounce", "generic")) {
        Optional<DndReason> dnd = ProviderRules.mailgun("failed", "permanent", reason);
        assertThat(dnd).as(reason).contains(DndReason.EMAIL_BOUNCE);
      }
      DndRecord record = with(DndTarget.EMAIL, DndReason.EMAIL_BOUNCE, mailgun("bounce"));
      assertThat(record.isBlocked(Channel.EMAIL)).isTrue();
      assertThat(record.userMayClear(DndTarget.EMAIL)).isTrue();
      assertThat(record.entries().get(0).kind()).isEqualTo(DndKind.PERMANENT);

      assertThat(apply(record, new DndCommand.Clear(DndTarget.EMAIL, user("ann"))).isBlocked(Channel.EMAIL)).isFalse();
    }

    @Test
    void unsubscribeSetsEmailDndThatAUserMayClear() {
      assertThat(ProviderRules.mailgun("unsubscribed", null, null)).contains(DndReason.EMAIL_UNSUBSCRIBE);
      assertThat(ProviderRules.mailgun("failed", "permanent", "suppress-unsubscribe")).contains(DndReason.EMAIL_UNSUBSCRIBE);

      DndRecord record = with(DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE, mailgun(null));
      assertThat(apply(record, new DndCommand.Clear(DndTarget.EMAIL, user("ann"))).isBlocked(Channel.EMAIL)).isFalse();
    }

    @Test
    void spamComplaintCannotBeClearedByAUser() {
      assertThat(ProviderRules.mailgun("complained", null, null)).contains(DndReason.SPAM_COMPLAINT);
      assertThat(ProviderRules.mailgun("failed", "permanent", "suppress-complaint")).contains(DndReason.SPAM_COMPLAINT);
      DndRecord record = with(DndTarget.EMAIL, DndReason.SPAM_COMPLAINT, mailgun(null));

      DndDecision decision = DndRules.decide(record, new DndCommand.Clear(DndTarget.EMAIL, user("ann")));

      assertThat(decision.isRefused()).isTrue();
      assertThat(decision.changesSomething()).isFalse();
      assertThat(decision.refusal().get().getMessage()).isEqualTo("EMAIL DND for contact c-42 was set by a spam"
          + " complaint (Mailgun event ev-1) on 2026-11-27T08:00Z; it is permanent: no user or workflow can lift it");
      assertThat(decision.refusal().get().reason()).isEqualTo(DndReason.SPAM_COMPLAINT);
    }

    @Test
    void spamComplaintIsNotLiftedByStart() {
      DndRecord record = with(DndTarget.EMAIL, DndReason.SPAM_COMPLAINT, mailgun(null));

      assertThat(apply(record, new DndCommand.OptIn(twilio(null, "START"))).isBlocked(Channel.EMAIL)).isTrue();
    }

    @Test
    void temporaryFailuresAndOtherEventsSetNothing() {
      assertThat(ProviderRules.mailgun("failed", "temporary", "bounce")).isEmpty();
      assertThat(ProviderRules.mailgun("failed", "temporary", "suppress-complaint")).isEmpty();
      assertThat(ProviderRules.mailgun("failed", "permanent", "old")).isEmpty();
      assertThat(ProviderRules.mailgun("delivered", null, null)).isEmpty();
      assertThat(ProviderRules.mailgun("opened", null, null)).isEmpty();
      assertThat(ProviderRules.mailgun(null, null, null)).isEmpty();
    }

    @Test
    void eventNamesAreReadInAnyCase() {
      assertThat(ProviderRules.mailgun("FAILED", "Permanent", "Suppress-Bounce")).contains(DndReason.EMAIL_BOUNCE);
    }
  }

  @Nested
  class Twilio {

    @Test
    void temporaryCarrierErrorsSetSmsDndThatAUserOrStartClears() {
      for (String code : List.of("30003", "30005", "30006")) {
        assertThat(ProviderRules.twilioError(code)).as(code).contains(DndReason.CARRIER_TEMPORARY);
      }
      DndRecord record = with(DndTarget.SMS, DndReason.CARRIER_TEMPORARY, twilio("30003", null));
      assertThat(record.entries().get(0).kind()).isEqualTo(DndKind.TEMPORARY);
      assertThat(record.userMayClear(DndTarget.SMS)).isTrue();

      assertThat(apply(record, new DndCommand.Clear(DndTarget.SMS, user("ann"))).isBlocked(Channel.SMS)).isFalse();
      assertThat(apply(record, new DndCommand.OptIn(twilio(null, "START"))).isBlocked(Channel.SMS)).isFalse();
    }

    @Test
    void permanentErrorsSetSmsDndThatOnlyStartLifts() {
      for (String code : List.of("30004", "21610")) {
        assertThat(ProviderRules.twilioError(code)).as(code).contains(DndReason.CARRIER_PERMANENT);
      }
      DndRecord record = with(DndTarget.SMS, DndReason.CARRIER_PERMANENT, twilio("21610", null));

      DndDecision userClear = DndRules.decide(record, new DndCommand.Clear(DndTarget.SMS, user("ann")));
      assertThat(userClear.isRefused()).isTrue();
      assertThat(userClear.refusal().get().getMessage()).isEqualTo("SMS DND for contact c-42 was set by Twilio"
          + " error 21610 on message SM123 on 2026-11-27T08:00Z; only the contact can lift it, by texting START");

      assertThat(apply(record, new DndCommand.OptIn(twilio(null, "START"))).isBlocked(Channel.SMS)).isFalse();
    }

    @Test
    void otherCodesSetNothing() {
      assertThat(ProviderRules.twilioError("30007")).isEmpty();
      assertThat(ProviderRules.twilioError("")).isEmpty();
      assertThat(ProviderRules.twilioError(null)).isEmpty();
    }
  }

  @Nested
  class Keywords {

    @Test
    void optOutSetsPermanentSmsDndThatOnlyTheContactLifts() {
      DndRecord record = with(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio(null, "STOP"));

      DndDecision userClear = DndRules.decide(record, new DndCommand.Clear(DndTarget.SMS, user("ann")));

      assertThat(userClear.isRefused()).isTrue();
      assertThat(userClear.refusal().get().getMessage()).isEqualTo("SMS DND for contact c-42 was set by the"
          + " opt-out keyword STOP on 2026-11-27T08:00Z; only the contact can lift it, by texting START");
      assertThat(userClear.refusal().get().contactId()).isEqualTo(C);
      assertThat(userClear.refusal().get().target()).isEqualTo(DndTarget.SMS);
      assertThat(apply(record, new DndCommand.OptIn(twilio(null, "START"))).isBlocked(Channel.SMS)).isFalse();
    }

    @Test
    void startLiftsTheOptOutButNotAllOrAUsersDndAndNamesTheEntryThatStays() {
      DndRecord record = with(DndTarget.ALL, DndReason.MANUAL, user("ann"));
      record = apply(record, new DndCommand.Set(DndTarget.SMS, DndReason.MANUAL, user("ann")));
      record = apply(record, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio(null, "STOP")));

      DndDecision start = DndRules.decide(record, new DndCommand.OptIn(twilio(null, "START")));
      DndRecord after = start.applyTo(record);

      assertThat(start.removed()).extracting(DndEntry::reason).containsExactly(DndReason.SMS_OPT_OUT);
      assertThat(after.entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isEmpty();
      assertThat(after.entry(DndTarget.SMS, DndReason.MANUAL)).isPresent();
      assertThat(after.isActive(DndTarget.ALL)).isTrue();
      assertThat(after.isBlocked(Channel.SMS)).isTrue();
      // the SMS entry of its own is named before ALL: clearing ALL alone would not free SMS
      assertThat(start.refusal()).get().satisfies(refusal -> {
        assertThat(refusal.contactId()).isEqualTo(C);
        assertThat(refusal.target()).isEqualTo(DndTarget.SMS);
        assertThat(refusal.blockingEntry().target()).isEqualTo(DndTarget.SMS);
        assertThat(refusal.reason()).isEqualTo(DndReason.MANUAL);
        assertThat(refusal.getMessage()).isEqualTo("Contact c-42 texted START, but SMS stays in DND: SMS DND was"
            + " set by a user (ann) on 2026-11-27T08:00Z, which an opt-in does not lift; a user may clear it");
      });
    }

    @Test
    void startThatCannotLiftAUsersSmsDndLiftsNothingAndIsRefused() {
      DndRecord record = with(DndTarget.SMS, DndReason.MANUAL, user("ann"));

      DndDecision start = DndRules.decide(record, new DndCommand.OptIn(twilio(null, "UNSTOP")));

      assertThat(start.isRefused()).isTrue();
      assertThat(start.changesSomething()).isFalse();
      assertThat(start.refusal().get().getMessage()).startsWith("Contact c-42 texted UNSTOP, but SMS stays in DND:"
          + " SMS DND was set by a user (ann) on 2026-11-27T08:00Z");
    }

    @Test
    void startUnderAllLiftsTheCarrierErrorAndNamesAllAsWhatStays() {
      DndRecord record = with(DndTarget.ALL, DndReason.MANUAL, Evidence.workflow("pi-7", T0));
      record = apply(record, new DndCommand.Set(DndTarget.SMS, DndReason.CARRIER_PERMANENT, twilio("21610", null)));

      DndDecision start = DndRules.decide(record, new DndCommand.OptIn(twilio(null, "START")));

      assertThat(start.removed()).extracting(DndEntry::reason).containsExactly(DndReason.CARRIER_PERMANENT);
      assertThat(start.refusal()).get().satisfies(refusal -> {
        assertThat(refusal.blockingEntry().target()).isEqualTo(DndTarget.ALL);
        assertThat(refusal.getMessage()).isEqualTo("Contact c-42 texted START, but SMS stays in DND: ALL DND was"
            + " set by a workflow (process instance pi-7) on 2026-11-27T08:00Z, which an opt-in does not lift;"
            + " a user may clear it");
      });
    }

    @Test
    void startThatFreesSmsIsNotRefusedWhateverElseStays() {
      DndRecord record = with(DndTarget.EMAIL, DndReason.SPAM_COMPLAINT, mailgun(null));
      record = apply(record, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio(null, "STOP")));

      DndDecision start = DndRules.decide(record, new DndCommand.OptIn(twilio(null, "START")));

      assertThat(start.isRefused()).isFalse();
      assertThat(start.applyTo(record).isBlocked(Channel.SMS)).isFalse();
      assertThat(DndRules.decide(DndRecord.empty(C), new DndCommand.OptIn(twilio(null, "START"))).isRefused())
          .as("START without any SMS DND").isFalse();
    }

    @Test
    void startLiftsTheCallDndOfATextedOptOutUnderRevokeAllButNotAUsersCallDnd() {
      DndRecord record = with(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio(null, "STOP"));
      record = apply(record, new DndCommand.Set(DndTarget.CALL, DndReason.SMS_OPT_OUT, twilio(null, "STOP")));
      DndRecord alsoUsers = apply(record, new DndCommand.Set(DndTarget.CALL, DndReason.MANUAL, user("ann")));

      DndDecision userClear = DndRules.decide(record, new DndCommand.Clear(DndTarget.CALL, user("ann")));
      assertThat(userClear.refusal()).get().extracting(Throwable::getMessage).isEqualTo("CALL DND for contact c-42"
          + " was set by the opt-out keyword STOP (a texted opt-out that revokes all consent) on 2026-11-27T08:00Z;"
          + " only the contact can lift it, by texting START");

      assertThat(apply(record, new DndCommand.OptIn(twilio(null, "START"))).entries()).isEmpty();
      assertThat(apply(alsoUsers, new DndCommand.OptIn(twilio(null, "START"))).entries())
          .extracting(DndEntry::target, DndEntry::reason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(DndTarget.CALL, DndReason.MANUAL));
      assertThat(apply(record, new DndCommand.OptIn(DndTarget.WHATSAPP, twilio(null, "START"))).isBlocked(Channel.CALL))
          .as("START on WhatsApp lifts WhatsApp only").isTrue();
    }

    @Test
    void aPhraseOptOutIsNamedAsThePhrase() {
      Evidence evidence = twilio(null, "please stop")
          .withReply(new Evidence.Reply("Please stop texting me", "en", SmsKeyword.Rule.RULE_WORD));
      DndRecord record = with(DndTarget.SMS, DndReason.SMS_OPT_OUT, evidence);

      assertThat(DndRules.decide(record, new DndCommand.Clear(DndTarget.SMS, user("ann"))).refusal()).get()
          .extracting(Throwable::getMessage).isEqualTo("SMS DND for contact c-42 was set by the opt-out phrase"
              + " \"please stop\" on 2026-11-27T08:00Z; only the contact can lift it, by texting START");
    }

    @Test
    void startDoesNotLiftInboundSmsDnd() {
      DndRecord record = with(DndTarget.INBOUND_SMS, DndReason.MANUAL, user("ann"));

      assertThat(apply(record, new DndCommand.OptIn(twilio(null, "START"))).isInboundBlocked(InboundChannel.SMS)).isTrue();
    }

    @Test
    void aUsersClearIsAllOrNothing() {
      DndRecord record = with(DndTarget.SMS, DndReason.MANUAL, user("ann"));
      record = apply(record, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio(null, "STOP")));

      DndDecision decision = DndRules.decide(record, new DndCommand.Clear(DndTarget.SMS, user("ann")));

      assertThat(decision.isRefused()).isTrue();
      assertThat(decision.removed()).isEmpty();
      assertThat(record.userMayClear(DndTarget.SMS)).isFalse();
    }
  }

  @Test
  void providersCannotSetAll() {
    assertThatThrownBy(() -> new DndCommand.Set(DndTarget.ALL, DndReason.SMS_OPT_OUT, twilio(null, "STOP")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Only a user or a workflow sets DND on ALL channels");
    assertThat(new DndCommand.Set(DndTarget.ALL, DndReason.MANUAL, user("ann")).target()).isEqualTo(DndTarget.ALL);
  }

  @Test
  void blockingEntryPrefersTheChannelsOwnEntryOverAll() {
    DndRecord record = apply(with(DndTarget.ALL, DndReason.MANUAL, user("ann")),
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio(null, "STOP")));

    assertThat(record.blockingEntry(Channel.SMS)).map(DndEntry::reason).contains(DndReason.SMS_OPT_OUT);
    assertThat(record.blockingEntry(Channel.EMAIL)).map(DndEntry::target).contains(DndTarget.ALL);
  }
}
