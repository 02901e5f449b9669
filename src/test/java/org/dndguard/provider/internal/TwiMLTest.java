package org.dndguard.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TwiMLTest {

  @Test
  void aMessageIsEscapedSoTextCannotBecomeVerbs() {
    assertThat(TwiML.message("Reply STOP & <Hangup/> \"now\"").document())
        .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Reply STOP &amp; &lt;Hangup/&gt;"
            + " &quot;now&quot;</Message></Response>");
  }

  @Test
  void aBlankMessageAnswersNothing() {
    assertThat(TwiML.message("  ").document()).isEqualTo(TwiML.empty().document())
        .endsWith("<Response></Response>");
  }

  @Test
  void configuredVerbsMustBeWellFormed() {
    assertThat(TwiML.verbs("<Dial>+14155550100</Dial>", "p").document()).contains("<Response><Dial>");
    assertThatThrownBy(() -> TwiML.verbs("<Say>unclosed", "dnd.webhooks.twilio.voice-response"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dnd.webhooks.twilio.voice-response is not well-formed TwiML");
  }

  @Test
  void configuredVerbsMayNotBringADoctype() {
    assertThatThrownBy(() -> TwiML.verbs("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Say>&e;</Say>",
        "dnd.webhooks.twilio.voice-response"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dnd.webhooks.twilio.voice-response is not well-formed TwiML")
        .message().as("no external entity was read").doesNotContain("root:");
  }
}
