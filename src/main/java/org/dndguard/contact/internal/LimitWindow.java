package org.dndguard.contact.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dndguard.contact.InvalidDndInputException;

/**
 * The period over which a communication limit counts: rolling (the last {@code PT24H}, {@code P7D},
 * up to {@link #MAX_ROLLING}) or calendar ({@code DAY}, {@code WEEK} from Monday), the calendar
 * ones in the contact's time zone as quiet hours resolve it.
 *
 * @param rolling the rolling length, or null for a calendar window
 * @param calendar {@code DAY} or {@code WEEK}, or null for a rolling window
 */
public record LimitWindow(Duration rolling, Calendar calendar) {

  /** The longest rolling window: a count over more than a month belongs in a report, not a guard. */
  public static final Duration MAX_ROLLING = Duration.ofDays(30);

  /** A calendar period in the contact's zone. */
  public enum Calendar {
    /** From the contact's midnight to the next. */
    DAY,
    /** From the contact's Monday midnight to the next (ISO weeks). */
    WEEK
  }

  public LimitWindow {
    if ((rolling == null) == (calendar == null)) {
      throw new IllegalArgumentException("A window is either rolling or calendar");
    }
    if (rolling != null && (rolling.isNegative() || rolling.isZero() || rolling.compareTo(MAX_ROLLING) > 0)) {
      throw new InvalidDndInputException("window", "a rolling window of " + rolling + " is not between one"
          + " second and " + MAX_ROLLING + " (P30D); give e.g. PT24H or P7D, or DAY or WEEK");
    }
  }

  public static LimitWindow rolling(Duration length) {
    return new LimitWindow(Objects.requireNonNull(length, "length"), null);
  }

  public static LimitWindow calendar(Calendar period) {
    return new LimitWindow(null, Objects.requireNonNull(period, "period"));
  }

  /**
   * Reads {@code DAY}, {@code WEEK} (any case) or an ISO-8601 duration such as {@code PT24H} or {@code P7D}.
   *
   * @throws InvalidDndInputException naming the accepted forms
   */
  public static LimitWindow parse(String text) {
    String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (Calendar period : Calendar.values()) {
      if (period.name().equals(value)) {
        return calendar(period);
      }
    }
    try {
      return rolling(Duration.parse(value));
    } catch (DateTimeParseException e) {
      throw new InvalidDndInputException("window", "'" + (text == null ? "" : text.trim()) + "' is not a window;"
          + " give DAY or WEEK (calendar, in the contact's time zone) or an ISO-8601 duration up to P30D such as"
          + " PT24H or P7D (rolling)");
    }
  }

  /**
   * The first instant the window counts at {@code now}: rolling, {@code now} minus its length;
   * calendar, the start of the current day or week in the zone where it started first (a contact
   * whose number spans two zones is held to the stricter count).
   */
  public Instant start(Instant now, List<ZoneId> zones) {
    if (rolling != null) {
      return now.minus(rolling);
    }
    return zones(zones).stream().map(zone -> periodStart(now, zone)).min(Comparator.naturalOrder()).orElseThrow();
  }

  /**
   * The earliest instant the window can start at {@code now} in any time zone: for reading a
   * contact's communications before its zone is known. Rolling, {@link #start}; calendar, two days
   * back (nine for a week): more than a period, any zone's offset and a daylight-saving change add.
   */
  public Instant earliestStart(Instant now) {
    if (rolling != null) {
      return now.minus(rolling);
    }
    return now.minus(Duration.ofDays(calendar == Calendar.WEEK ? 9 : 2));
  }

  /**
   * When a place frees in a full window: rolling, when the oldest communication that keeps it full
   * leaves it; calendar, when the next period starts (in the zone where it starts last).
   *
   * @param counted the instants the window counts now, oldest first; at least {@code count} of them
   * @param count the rule's count
   */
  public Instant freesAt(List<Instant> counted, int count, Instant now, List<ZoneId> zones) {
    if (counted.size() < count) {
      throw new IllegalArgumentException("The window is not full: " + counted.size() + " of " + count);
    }
    if (rolling != null) {
      // with n counted, the window has a place once n - count + 1 of them have left it
      return counted.get(counted.size() - count).plus(rolling);
    }
    return zones(zones).stream().map(zone -> nextPeriodStart(now, zone)).max(Comparator.naturalOrder()).orElseThrow();
  }

  private Instant periodStart(Instant now, ZoneId zone) {
    LocalDate day = now.atZone(zone).toLocalDate();
    if (calendar == Calendar.WEEK) {
      day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    return day.atStartOfDay(zone).toInstant();
  }

  private Instant nextPeriodStart(Instant now, ZoneId zone) {
    LocalDate day = now.atZone(zone).toLocalDate();
    LocalDate next = calendar == Calendar.WEEK ? day.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) : day.plusDays(1);
    // atStartOfDay: the first valid local time of the day, also where a DST gap swallows midnight
    return next.atStartOfDay(zone).toInstant();
  }

  private static List<ZoneId> zones(List<ZoneId> zones) {
    if (zones == null || zones.isEmpty()) {
      throw new DateTimeException("A calendar window needs the contact's time zone");
    }
    return zones;
  }

  /** As written in properties and the API: {@code DAY}, {@code WEEK} or an ISO-8601 duration. */
  @Override
  public String toString() {
    return rolling != null ? rolling.toString() : calendar.name();
  }
}
