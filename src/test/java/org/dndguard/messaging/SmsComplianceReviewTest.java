package org.dndguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review: issue 7 says the opt-out text is left out only "when the body already has an opt-out
 * instruction". A body that asks the contact to text an opt-out keyword for another purpose is not
 * one, yet the first SMS to the contact then goes out without any opt-out instruction.
 */
class SmsComplianceReviewTest {

  private final SmsCompliance compliance =
      new SmsCompliance("Reply STOP to unsubscribe.", "Acme Dental", Duration.ofDays(30));

  @Test
  void anAppointmentReminderThatSaysReplyCancelStillGetsTheOptOutTextOnTheFirstSms() {
    SmsCompliance.Composed first = compliance.compose(
        "Hi Ann, your cleaning is tomorrow at 3pm. Reply CANCEL to cancel your appointment.",
        Optional.empty(), Instant.parse("2026-03-01T09:00:00Z"));

    assertThat(first.outcome()).isEqualTo(ComplianceOutcome.ADDED);
    assertThat(first.body()).endsWith("Reply STOP to unsubscribe.");
  }

  @Test
  void aSurveyThatSaysTextEndWhenDoneStillGetsTheOptOutTextOnTheFirstSms() {
    SmsCompliance.Composed first = compliance.compose(
        "Thanks for visiting! Answer 3 quick questions, then text END when you are done.",
        Optional.empty(), Instant.parse("2026-03-01T09:00:00Z"));

    assertThat(first.outcome()).isEqualTo(ComplianceOutcome.ADDED);
  }
}
