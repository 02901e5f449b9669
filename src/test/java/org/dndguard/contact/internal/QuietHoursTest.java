package org.dndguard.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.Channel;
import org.dndguard.contact.InvalidDndInputException;
import org.junit.jupiter.api.Test;

/** Quiet hours and a contact's time zones, without Spring or an engine. */
class QuietHoursTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final QuietHours TCPA = QuietHours.of(Map.of("CALL", "08:00-21:00", "SMS", "08:00-21:00",
      "WHATSAPP", "08:00-21:00", "EMAIL", ""));

  @Test
  void aTextDueAt2230WaitsFor0800TheNextMorningInTheContactsZone() {
    Instant at2230 = Instant.parse("2026-03-04T03:30:00Z");

    assertThat(TCPA.nextOpening(Channel.SMS, List.of(NEW_YORK), at2230))
        .contains(Instant.parse("2026-03-04T13:00:00Z"));
  }

  @Test
  void theWindowIncludesItsStartAndExcludesItsEnd() {
    assertThat(TCPA.isOpen(Channel.CALL, List.of(NEW_YORK), Instant.parse("2026-03-04T13:00:00Z"))).isTrue();
    assertThat(TCPA.isOpen(Channel.CALL, List.of(NEW_YORK), Instant.parse("2026-03-04T12:59:59Z"))).isFalse();
    assertThat(TCPA.isOpen(Channel.CALL, List.of(NEW_YORK), Instant.parse("2026-03-05T01:59:59Z"))).isTrue();
    assertThat(TCPA.isOpen(Channel.CALL, List.of(NEW_YORK), Instant.parse("2026-03-05T02:00:00Z"))).isFalse();
  }

  @Test
  void newYorkAndLosAngelesGetDifferentAnswersAtTheSameInstant() {
    Instant instant = Instant.parse("2026-03-04T02:30:00Z");

    assertThat(TCPA.nextOpening(Channel.SMS, List.of(LOS_ANGELES), instant)).isEmpty();
    assertThat(TCPA.nextOpening(Channel.SMS, List.of(NEW_YORK), instant)).isPresent();
  }

  @Test
  void withSeveralZonesTheWindowMustBeOpenInAll() {
    Instant losAngelesStillAsleep = Instant.parse("2026-03-04T14:00:00Z");

    assertThat(TCPA.nextOpening(Channel.SMS, List.of(NEW_YORK, LOS_ANGELES), losAngelesStillAsleep))
        .contains(Instant.parse("2026-03-04T16:00:00Z"));
  }

  @Test
  void aChannelWithoutAWindowMayBeUsedAtAnyTime() {
    assertThat(TCPA.nextOpening(Channel.EMAIL, List.of(NEW_YORK), Instant.parse("2026-03-04T08:00:00Z"))).isEmpty();
  }

  @Test
  void aWindowMaySpanMidnight() {
    QuietHours night = QuietHours.of(Map.of("CALL", "22:00-06:00"));

    assertThat(night.isOpen(Channel.CALL, List.of(ZoneId.of("UTC")), Instant.parse("2026-03-04T23:00:00Z"))).isTrue();
    assertThat(night.isOpen(Channel.CALL, List.of(ZoneId.of("UTC")), Instant.parse("2026-03-04T12:00:00Z"))).isFalse();
    assertThat(night.nextOpening(Channel.CALL, List.of(ZoneId.of("UTC")), Instant.parse("2026-03-04T12:00:00Z")))
        .contains(Instant.parse("2026-03-04T22:00:00Z"));
  }

  @Test
  void zonesWhoseWindowsNeverOverlapAreRefusedRatherThanSentAtSomeTime() {
    QuietHours narrow = QuietHours.of(Map.of("SMS", "08:00-09:00"));

    assertThatThrownBy(() -> narrow.nextOpening(Channel.SMS, List.of(NEW_YORK, ZoneId.of("Asia/Tokyo")),
        Instant.parse("2026-03-04T03:30:00Z")))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("never open in all of");
  }

  @Test
  void aMalformedWindowNamesTheExpectedForm() {
    assertThatThrownBy(() -> QuietHours.Window.parse("8am-9pm"))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("HH:mm-HH:mm");
  }

  @Test
  void theZoneComesFromTheContactThenThePhoneNumberThenTheDefault() {
    ZoneId fallback = ZoneId.of("UTC");

    assertThat(ContactTimeZone.resolve("America/Chicago", "+12125550100", fallback))
        .isEqualTo(new ContactTimeZone(List.of(ZoneId.of("America/Chicago")), ContactTimeZone.Source.CONTACT));
    assertThat(ContactTimeZone.resolve(null, "+12125550100", fallback))
        .isEqualTo(new ContactTimeZone(List.of(NEW_YORK), ContactTimeZone.Source.PHONE));
    assertThat(ContactTimeZone.resolve(null, null, fallback))
        .isEqualTo(new ContactTimeZone(List.of(fallback), ContactTimeZone.Source.DEFAULT));
  }

  @Test
  void anAreaCodeThatSpansTwoZonesGivesBoth() {
    assertThat(ContactTimeZone.resolve(null, "+16055550100", ZoneId.of("UTC")).zones())
        .containsExactly(ZoneId.of("America/Denver"), ZoneId.of("America/North_Dakota/Center"));
  }

  @Test
  void anUnknownZoneIdIsRefusedWithAnExample() {
    assertThatThrownBy(() -> ContactTimeZone.parseZone("EST"))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("America/Chicago");
    assertThatThrownBy(() -> ContactTimeZone.parseZone("Mars/Olympus"))
        .isInstanceOf(InvalidDndInputException.class);
  }
}
