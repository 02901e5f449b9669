package org.dndguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.dndguard.messaging.internal.SmsSegments;
import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void gsm7BodyFitsOneSegmentUpTo160Characters() {
    assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments(SmsEncoding.GSM_7, 160, 1));
    assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments(SmsEncoding.GSM_7, 161, 2));
  }

  @Test
  void longGsm7BodyTakes153CharactersPerPart() {
    assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
  }

  @Test
  void extensionCharactersTakeTwoSeptets() {
    assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments(SmsEncoding.GSM_7, 160, 1));
    assertThat(SmsSegments.of("{}[]~|^\\").units()).isEqualTo(16);
    assertThat(SmsSegments.of("€".repeat(81)).segments()).isEqualTo(2);
  }

  @Test
  void anEscapedCharacterIsNotSplitAcrossParts() {
    // 306 septets would be two parts of 153, but the euro sign cannot start at the 153rd septet
    String body = "a".repeat(152) + "€" + "a".repeat(152);

    assertThat(SmsSegments.of(body)).isEqualTo(new SmsSegments(SmsEncoding.GSM_7, 306, 3));
  }

  @Test
  void gsm7CoversAccentsLineBreaksAndTheDefaultOptOutText() {
    assertThat(SmsSegments.isGsm7("Ça va? Olé! Ñoño, Øre, Straße\nReply STOP to unsubscribe.")).isTrue();
  }

  @Test
  void oneCharacterOutsideGsm7MakesTheWholeBodyUcs2() {
    assertThat(SmsSegments.of("Your order is ready ✓")).isEqualTo(new SmsSegments(SmsEncoding.UCS_2, 21, 1));
    assertThat(SmsSegments.isGsm7("Zażółć")).isFalse();
    assertThat(SmsSegments.isGsm7("Ñandú")).as("ú is not in GSM 03.38, only ù").isFalse();
  }

  @Test
  void ucs2BodyFitsOneSegmentUpTo70UnitsThen67PerPart() {
    assertThat(SmsSegments.of("ą".repeat(70)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("ą".repeat(71)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("ą".repeat(134)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("ą".repeat(135)).segments()).isEqualTo(3);
  }

  @Test
  void emojiCountTwoUnitsAndAreNotSplitAcrossParts() {
    assertThat(SmsSegments.of("😀".repeat(35))).isEqualTo(new SmsSegments(SmsEncoding.UCS_2, 70, 1));

    String body = "ą".repeat(66) + "😀" + "ą".repeat(66);

    assertThat(SmsSegments.of(body)).isEqualTo(new SmsSegments(SmsEncoding.UCS_2, 134, 3));
  }
}
