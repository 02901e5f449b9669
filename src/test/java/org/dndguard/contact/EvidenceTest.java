package org.dndguard.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each kind of evidence is built by name, with nothing passed for what it does not have. */
class EvidenceTest {

  private static final Instant AT = Instant.parse("2026-11-27T08:00:00.123456789Z");
  private static final Instant AT_MICROS = Instant.parse("2026-11-27T08:00:00.123456Z");

  @Test
  void aUsersChangeNamesTheUserAndTheNoteOnly() {
    assertThat(Evidence.user("ann", "asked by phone", AT))
        .isEqualTo(new Evidence(Source.USER, "ann", null, null, null, null, "asked by phone", AT_MICROS, null));
    assertThat(Evidence.user("ann", AT))
        .isEqualTo(new Evidence(Source.USER, "ann", null, null, null, null, null, AT_MICROS, null));
  }

  @Test
  void aWorkflowsChangeNamesTheProcessInstance() {
    assertThat(Evidence.workflow("pi-7", "step note", AT))
        .isEqualTo(new Evidence(Source.WORKFLOW, "pi-7", null, null, null, null, "step note", AT_MICROS, null));
    assertThat(Evidence.workflow("pi-7", AT))
        .isEqualTo(new Evidence(Source.WORKFLOW, "pi-7", null, null, null, null, null, AT_MICROS, null));
  }

  @Test
  void aProviderEventSetsEachFieldTheBuilderNames() {
    Evidence evidence = Evidence.providerEvent(Source.MAILGUN, "ev-1", AT).actor("acct").message("msg-1")
        .code("bounce").note("failed permanently").build();

    assertThat(evidence).isEqualTo(
        new Evidence(Source.MAILGUN, "acct", "ev-1", "msg-1", "bounce", null, "failed permanently", AT_MICROS, null));
  }

  @Test
  void aRecognisedReplyKeepsItsKeywordAndTheReplyItself() {
    SmsKeyword word = new SmsKeyword(SmsKeyword.Type.OPT_OUT, "leave me alone", "en", SmsKeyword.Rule.PHRASE_LIST);

    Evidence evidence = Evidence.providerEvent(Source.TWILIO, "SM1", AT).keyword(word, "Please leave me alone").build();

    assertThat(evidence.keyword()).isEqualTo("leave me alone");
    assertThat(evidence.reply())
        .isEqualTo(new Evidence.Reply("Please leave me alone", "en", SmsKeyword.Rule.PHRASE_LIST));
    assertThat(evidence.providerEventId()).isEqualTo("SM1");
    assertThat(evidence.messageId()).isNull();
  }

  @Test
  void theBuilderLimitsFieldsAsTheRecordDoes() {
    Evidence evidence = Evidence.builder(Source.USER, AT).actor(" ").note("n".repeat(1001)).build();

    assertThat(evidence.actor()).as("a blank actor is none").isNull();
    assertThat(evidence.note()).hasSize(1000);
  }

  @Test
  void sourceAndTimeAreRequired() {
    assertThatThrownBy(() -> Evidence.builder(null, AT).build())
        .isInstanceOf(NullPointerException.class).hasMessage("source");
    assertThatThrownBy(() -> Evidence.providerEvent(Source.TWILIO, "SM1", null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("receivedAt");
  }
}
