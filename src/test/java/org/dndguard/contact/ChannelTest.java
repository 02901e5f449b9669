package org.dndguard.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dndguard.contact.internal.ContactIds;
import org.junit.jupiter.api.Test;

class ChannelTest {

  @Test
  void namesAreReadInAnyCase() {
    assertThat(Channel.parse(" sms ")).isEqualTo(Channel.SMS);
    assertThat(DndTarget.parseOutbound("all")).isEqualTo(DndTarget.ALL);
    assertThat(DndTarget.parseOutbound("WhatsApp")).isEqualTo(DndTarget.WHATSAPP);
    assertThat(InboundChannel.parse("call")).isEqualTo(InboundChannel.CALL);
  }

  @Test
  void anUnknownChannelNamesTheValidOnes() {
    assertThatThrownBy(() -> Channel.parse("PIGEON"))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessage("Unknown channel 'PIGEON'; valid channels are CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB");
    assertThatThrownBy(() -> DndTarget.parseOutbound("PIGEON"))
        .hasMessage("Unknown channel 'PIGEON'; valid channels are CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB and ALL");
    assertThatThrownBy(() -> InboundChannel.parse("EMAIL"))
        .hasMessageContaining("inbound DND exists for CALL and SMS only");
  }

  @Test
  void blankAndOverlongContactIdsAreRefused() {
    assertThatThrownBy(() -> ContactIds.require(" ")).isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("The contact id is blank");
    assertThatThrownBy(() -> ContactIds.require("x".repeat(256))).hasMessageContaining("at most 255");
    assertThatThrownBy(() -> ContactIds.require("c\n1")).isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("has the character U+000A (LINE FEED (LF)) at position 2");
    assertThat(ContactIds.require(" c-1 ")).isEqualTo("c-1");
  }
}
