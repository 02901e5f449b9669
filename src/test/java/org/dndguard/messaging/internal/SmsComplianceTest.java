package org.dndguard.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dndguard.messaging.ComplianceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsComplianceTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final SmsCompliance compliance =
      new SmsCompliance("Reply STOP to unsubscribe.", "Acme Dental", Duration.ofDays(30));

  @Test
  void firstSmsCarriesSenderAndOptOutText() {
    SmsCompliance.Composed composed = compliance.compose("Hi Ann, see you at 3pm.", Optional.empty(), NOW);

    assertThat(composed.body()).isEqualTo("Acme Dental: Hi Ann, see you at 3pm.\nReply STOP to unsubscribe.");
    assertThat(composed.outcome()).isEqualTo(ComplianceOutcome.ADDED);
  }

  @Test
  void smsWithinThePeriodOfTheLastOneThatCarriedItGetsNothing() {
    SmsCompliance.Composed composed =
        compliance.compose("Hi Ann, see you at 3pm.", Optional.of(NOW.minus(Duration.ofDays(29))), NOW);

    assertThat(composed.body()).isEqualTo("Hi Ann, see you at 3pm.");
    assertThat(composed.outcome()).isEqualTo(ComplianceOutcome.NOT_DUE);
  }

  @Test
  void theTextComesBackOnceTheLastOneIsOlderThanThePeriod() {
    assertThat(compliance.compose("Hi", Optional.of(NOW.minus(Duration.ofDays(30))), NOW).outcome())
        .isEqualTo(ComplianceOutcome.NOT_DUE);
    assertThat(compliance.compose("Hi", Optional.of(NOW.minus(Duration.ofDays(30)).minusSeconds(1)), NOW).outcome())
        .isEqualTo(ComplianceOutcome.ADDED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Flash sale today! Reply STOP to opt out",
      "Flash sale today! Text the word STOP to 12345 to end",
      "Flash sale today! txt 'stop' to quit",
      "Flash sale today! Reply with UNSUBSCRIBE any time",
      "Flash sale today! stop to unsubscribe",
      "Flash sale today! END to stop receiving these texts",
      "Flash sale today!\nreply   stop TO UNSUBSCRIBE.",
      "Flash sale today! To opt out, reply STOP.",
      "Flash sale today! To stop receiving these texts, text 'stop'",
      "Flash sale today! Unsubscribe: reply STOP",
      "Flash sale today! Text STOP to +1 415 555 0100 to end.\nSee you!",
      "Flash sale today! Reply STOP anytime to opt-out",
      "Flash sale today! Reply CANCEL to cancel these alerts",
      "Flash sale today! Reply “OPTOUT”"})
  void aBodyWithItsOwnOptOutInstructionGetsNothing(String body) {
    SmsCompliance.Composed composed = compliance.compose(body, Optional.empty(), NOW);

    assertThat(composed.outcome()).isEqualTo(ComplianceOutcome.IN_BODY);
    assertThat(composed.body()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Please reply by the end of the week",
      "Don't stop believing: your appointment is confirmed",
      "We will text you when it ends",
      "Send your questions, or cancel online"})
  void ordinaryWordsThatAreKeywordsAreNoInstruction(String body) {
    assertThat(compliance.compose(body, Optional.empty(), NOW).outcome()).isEqualTo(ComplianceOutcome.ADDED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Hi Ann, your cleaning is tomorrow at 3pm. Reply CANCEL to cancel your appointment.",
      "Thanks for visiting! Answer 3 quick questions, then text END when you are done.",
      "Reply YES to confirm or CANCEL to cancel.",
      "Text QUIT to end the game",
      "Reply STOP to pause your order",
      "Your order shipped. Reply STOP"})
  void aKeywordAskedForAnotherPurposeOrForNoneIsNoInstruction(String body) {
    // an appointment reminder that says "Reply CANCEL" must still tell the contact how to opt out
    SmsCompliance.Composed first = compliance.compose(body, Optional.empty(), NOW);

    assertThat(first.outcome()).isEqualTo(ComplianceOutcome.ADDED);
    assertThat(first.body()).endsWith("\nReply STOP to unsubscribe.");
  }

  @Test
  void theSenderIsNotRepeatedWhenTheBodyStartsWithIt() {
    assertThat(compliance.compose("ACME DENTAL: hi", Optional.empty(), NOW).body())
        .isEqualTo("ACME DENTAL: hi\nReply STOP to unsubscribe.");
  }

  @Test
  void withoutASenderOnlyTheOptOutTextIsAdded() {
    SmsCompliance noSender = new SmsCompliance("Reply STOP to unsubscribe.", " ", Duration.ofDays(30));

    assertThat(noSender.compose("Hi  \n", Optional.empty(), NOW).body()).isEqualTo("Hi\nReply STOP to unsubscribe.");
  }

  @Test
  void aLocalisedOptOutTextInTheBodyCountsAsInstruction() {
    SmsCompliance german = new SmsCompliance("Antworten Sie STOP zum Abmelden.", "Praxis Weber", Duration.ofDays(30));

    assertThat(german.compose("Ihr Termin ist morgen.", Optional.empty(), NOW).body())
        .isEqualTo("Praxis Weber: Ihr Termin ist morgen.\nAntworten Sie STOP zum Abmelden.");
    assertThat(german.compose("Termin morgen. Antworten Sie STOP zum Abmelden.", Optional.empty(), NOW).outcome())
        .isEqualTo(ComplianceOutcome.IN_BODY);
  }

  @Test
  void anOptOutTextWithoutKeywordIsRefused() {
    assertThatThrownBy(() -> new SmsCompliance("Call us to stop these messages", "", Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must tell the contact which keyword to text");
    assertThatThrownBy(() -> new SmsCompliance("Reply STOP", "", Duration.ofDays(-1)))
        .hasMessageContaining("period must be zero or more");
  }
}
