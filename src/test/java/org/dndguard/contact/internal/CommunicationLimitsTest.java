package org.dndguard.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.dndguard.contact.InvalidDndInputException;
import org.junit.jupiter.api.Test;

class CommunicationLimitsTest {

  private static final List<ZoneId> CHICAGO = List.of(ZoneId.of("America/Chicago"));

  private static LimitRule rule(String name, Set<Channel> channels, int count, String window) {
    return new LimitRule(name, channels, Set.of(), false, count, LimitWindow.parse(window));
  }

  private static Communication sms(String at) {
    return new Communication(Channel.SMS, null, Instant.parse(at));
  }

  @Test
  void aCalendarDayCountsFromTheContactsMidnightAndFreesAtTheNext() {
    LimitRule smsDaily = rule("sms-daily", Set.of(Channel.SMS), 2, "DAY");
    // 23:30 UTC on the 2nd is 17:30 in Chicago (CST): the 2nd there; 05:00 UTC on the 2nd is still the 1st
    List<Communication> history = List.of(sms("2026-03-02T05:00:00Z"), sms("2026-03-02T15:00:00Z"),
        sms("2026-03-02T20:00:00Z"));
    Instant now = Instant.parse("2026-03-02T23:30:00Z");

    assertThat(smsDaily.breach(Channel.SMS, null, history, now, CHICAGO)).hasValueSatisfying(breach -> {
      assertThat(breach.used()).isEqualTo(2);
      assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-03T06:00:00Z"));
    });
    // with one of today's two gone, there is a place
    assertThat(smsDaily.breach(Channel.SMS, null, history.subList(0, 2), now, CHICAGO)).isEmpty();
    // e-mail is not what the rule limits
    assertThat(smsDaily.breach(Channel.EMAIL, null, history, now, CHICAGO)).isEmpty();
  }

  @Test
  void aCalendarWeekStartsOnTheContactsMonday() {
    LimitRule weekly = rule("weekly", Set.of(), 1, "WEEK");
    // Sunday 1 March 2026, 20:00 in Chicago; the next Monday midnight there is 2026-03-02T06:00Z
    Instant sunday = Instant.parse("2026-03-02T02:00:00Z");
    List<Communication> history = List.of(new Communication(Channel.EMAIL, null, Instant.parse("2026-02-23T07:00:00Z")));
    assertThat(weekly.breach(Channel.CALL, null, history, sunday, CHICAGO)).hasValueSatisfying(breach ->
        assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-02T06:00:00Z")));
    assertThat(weekly.breach(Channel.CALL, null, history, Instant.parse("2026-03-02T06:00:00Z"), CHICAGO)).isEmpty();
  }

  @Test
  void aRollingWindowFreesWhenTheOldestCommunicationThatFillsItLeavesIt() {
    LimitRule florida = new LimitRule("florida", Set.of(Channel.CALL, Channel.SMS), Set.of(), true, 3,
        LimitWindow.parse("PT24H"));
    List<Communication> history = List.of(
        new Communication(Channel.SMS, "loans", Instant.parse("2026-03-01T13:00:00Z")),
        new Communication(Channel.CALL, "loans", Instant.parse("2026-03-01T15:00:00Z")),
        new Communication(Channel.SMS, "loans", Instant.parse("2026-03-01T18:00:00Z")),
        new Communication(Channel.SMS, "insurance", Instant.parse("2026-03-01T19:00:00Z")));
    Instant now = Instant.parse("2026-03-02T12:00:00Z");

    assertThat(florida.breach(Channel.CALL, "loans", history, now, CHICAGO)).hasValueSatisfying(breach -> {
      assertThat(breach.used()).isEqualTo(3);
      assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-02T13:00:00Z"));
      assertThat(breach.explanation("c-1")).contains("florida", "CALL and SMS per topic, 3 per PT24H", "3 of 3");
    });
    // another subject has its own three
    assertThat(florida.breach(Channel.SMS, "insurance", history, now, CHICAGO)).isEmpty();
    // exactly 24 hours after the first, it no longer counts
    assertThat(florida.breach(Channel.CALL, "loans", history, Instant.parse("2026-03-02T13:00:00Z"), CHICAGO))
        .isEmpty();
  }

  @Test
  void theMostRestrictiveRuleDecides() {
    LimitRule daily = rule("sms-daily", Set.of(Channel.SMS), 2, "DAY");
    LimitRule weekly = rule("any-weekly", Set.of(), 3, "WEEK");
    LimitRule loose = rule("loose", Set.of(), 100, "P30D");
    CommunicationLimits limits = new CommunicationLimits(List.of(loose, daily, weekly));
    // Wednesday 4 March, three this week, two of them today
    List<Communication> history = List.of(sms("2026-03-03T15:00:00Z"), sms("2026-03-04T15:00:00Z"),
        sms("2026-03-04T16:00:00Z"));
    Instant now = Instant.parse("2026-03-04T18:00:00Z");

    assertThat(limits.check(Channel.SMS, null, history, now, CHICAGO)).hasValueSatisfying(breach -> {
      assertThat(breach.rule().name()).isEqualTo("any-weekly");
      assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-09T05:00:00Z"));
    });
    assertThat(limits.use(history, now, CHICAGO)).extracting(use -> use.rule().name() + "=" + use.used()
        + (use.full() ? " until " + use.freesAt() : "")).containsExactly("loose=3", "sms-daily=2 until"
        + " 2026-03-05T06:00:00Z", "any-weekly=3 until 2026-03-09T05:00:00Z");
    assertThat(limits.lookback(now, CHICAGO)).isEqualTo(Instant.parse("2026-02-02T18:00:00Z"));
    assertThat(CommunicationLimits.none().check(Channel.SMS, null, history, now, CHICAGO)).isEmpty();
  }

  @Test
  void aCommunicationRecordedAMomentAfterNowCounts() {
    // a step read its clock, then waited for the contact's lock while another, whose clock read
    // later, took the last place: that place is taken
    LimitRule smsDaily = rule("sms-daily", Set.of(Channel.SMS), 1, "DAY");
    Instant now = Instant.parse("2026-03-04T18:00:00.000Z");
    List<Communication> history = List.of(sms("2026-03-04T18:00:00.005Z"));
    assertThat(smsDaily.breach(Channel.SMS, null, history, now, CHICAGO)).isPresent();
    LimitRule rolling = rule("sms-rolling", Set.of(Channel.SMS), 1, "PT24H");
    assertThat(rolling.breach(Channel.SMS, null, history, now, CHICAGO)).hasValueSatisfying(breach ->
        assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-05T18:00:00.005Z")));
  }

  @Test
  void topicsNarrowARule() {
    LimitRule promo = new LimitRule("promo", Set.of(), Set.of("promotions"), false, 1, LimitWindow.parse("P7D"));
    List<Communication> history = List.of(new Communication(Channel.EMAIL, "promotions",
        Instant.parse("2026-03-01T00:00:00Z")), new Communication(Channel.EMAIL, null, Instant.parse("2026-03-01T00:00:00Z")));
    Instant now = Instant.parse("2026-03-02T00:00:00Z");
    assertThat(promo.breach(Channel.SMS, "promotions", history, now, CHICAGO)).isPresent();
    assertThat(promo.breach(Channel.SMS, null, history, now, CHICAGO)).isEmpty();
    assertThat(promo.breach(Channel.SMS, "billing", history, now, CHICAGO)).isEmpty();
  }

  @Test
  void aContactWhoseNumberSpansTwoZonesIsHeldToTheStricterCount() {
    LimitWindow day = LimitWindow.parse("day");
    List<ZoneId> two = List.of(ZoneId.of("America/Denver"), ZoneId.of("America/Chicago"));
    Instant now = Instant.parse("2026-03-02T18:00:00Z");
    assertThat(day.start(now, two)).isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
    assertThat(day.freesAt(List.of(now), 1, now, two)).isEqualTo(Instant.parse("2026-03-03T07:00:00Z"));
  }

  @Test
  void badRulesAreRefusedWithWhatToWrite() {
    assertThatThrownBy(() -> LimitWindow.parse("P31D")).isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("PT744H is not between one second and PT720H (P30D)");
    assertThatThrownBy(() -> LimitWindow.parse("daily")).hasMessage("'daily' is not a window; give DAY or WEEK"
        + " (calendar, in the contact's time zone) or an ISO-8601 duration up to P30D such as PT24H or P7D (rolling)");
    assertThatThrownBy(() -> rule("x", Set.of(), 0, "DAY")).hasMessageContaining("count 0 allows nothing");
    assertThatThrownBy(() -> rule("SMS Daily", Set.of(), 1, "DAY")).hasMessageContaining("'SMS Daily' is not a rule name");
    assertThatThrownBy(() -> new LimitRule("t", Set.of(), Set.of("No"), false, 1, LimitWindow.rolling(Duration.ofHours(1))))
        .hasMessageContaining("'No' is not a topic name");
    assertThatThrownBy(() -> new CommunicationLimits(List.of(rule("a", Set.of(), 1, "DAY"), rule("a", Set.of(), 2, "DAY"))))
        .hasMessageContaining("two limit rules are named 'a'");
  }
}
