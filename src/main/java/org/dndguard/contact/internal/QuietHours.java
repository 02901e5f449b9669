package org.dndguard.contact.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.dndguard.contact.Channel;
import org.dndguard.contact.InvalidDndInputException;

/**
 * When messages on each channel may reach a contact, in the contact's local time (47 CFR
 * 64.1200(c)(1): not before 8 a.m. nor after 9 p.m.). A channel without a window may be used at
 * any time. When the contact's number maps to several zones, the window must be open in all of
 * them.
 */
public final class QuietHours {

  /** How far ahead {@link #nextOpening} looks for a time that is open in every zone. */
  private static final int DAYS_AHEAD = 3;

  private final Map<Channel, Window> windows;

  public QuietHours(Map<Channel, Window> windows) {
    Map<Channel, Window> copy = new EnumMap<>(Channel.class);
    copy.putAll(windows);
    this.windows = Map.copyOf(copy);
  }

  /** No window on any channel: every channel may be used at any time. */
  public static QuietHours none() {
    return new QuietHours(Map.of());
  }

  /** The window of the channel, if it has one. */
  public Optional<Window> window(Channel channel) {
    return Optional.ofNullable(windows.get(channel));
  }

  /**
   * When the channel's window next opens in every one of the zones, or empty when it is open now
   * (or the channel has no window).
   *
   * @throws InvalidDndInputException when the zones' windows never overlap, so no time would do
   */
  public Optional<Instant> nextOpening(Channel channel, List<ZoneId> zones, Instant now) {
    Window window = windows.get(channel);
    if (window == null || zones.isEmpty() || isOpen(window, zones, now)) {
      return Optional.empty();
    }
    TreeSet<Instant> candidates = new TreeSet<>();
    for (ZoneId zone : zones) {
      LocalDate today = now.atZone(zone).toLocalDate();
      for (int day = 0; day <= DAYS_AHEAD; day++) {
        // a window opening in a DST gap opens at the first valid local time after it
        Instant opening = ZonedDateTime.of(today.plusDays(day), window.from(), zone).toInstant();
        if (opening.isAfter(now)) {
          candidates.add(opening);
        }
      }
    }
    for (Instant candidate : candidates) {
      if (isOpen(window, zones, candidate)) {
        return Optional.of(candidate);
      }
    }
    throw new InvalidDndInputException("quietHours", channel + "'s window " + window + " is never open in all of "
        + zones + " at once; give the contact a single timeZone");
  }

  /** Whether the channel may be used at the instant in every one of the zones. */
  public boolean isOpen(Channel channel, List<ZoneId> zones, Instant at) {
    Window window = windows.get(channel);
    return window == null || isOpen(window, zones, at);
  }

  private static boolean isOpen(Window window, List<ZoneId> zones, Instant at) {
    return zones.stream().allMatch(zone -> window.contains(at.atZone(zone).toLocalTime()));
  }

  @Override
  public String toString() {
    return windows.toString();
  }

  /**
   * A daily window of local time in which a channel may be used, from (inclusive) to (exclusive);
   * it may span midnight ({@code 22:00-06:00}).
   */
  public record Window(LocalTime from, LocalTime to) {

    public Window {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.equals(to)) {
        throw new InvalidDndInputException("quietHours", "A window from " + from + " to " + to + " is empty; leave"
            + " the channel's window blank to allow it at any time");
      }
    }

    /**
     * Parses {@code HH:mm-HH:mm}, e.g. {@code 08:00-21:00}.
     *
     * @throws InvalidDndInputException with the expected form when the text is not one
     */
    public static Window parse(String text) {
      String value = text == null ? "" : text.trim();
      int dash = value.indexOf('-');
      try {
        if (dash < 0) {
          throw new DateTimeParseException("no dash", value, 0);
        }
        return new Window(LocalTime.parse(value.substring(0, dash).trim()),
            LocalTime.parse(value.substring(dash + 1).trim()));
      } catch (DateTimeParseException e) {
        throw new InvalidDndInputException("quietHours", "'" + value + "' is not a window; write it as"
            + " HH:mm-HH:mm in the contact's local time, e.g. 08:00-21:00");
      }
    }

    public boolean contains(LocalTime time) {
      if (from.isBefore(to)) {
        return !time.isBefore(from) && time.isBefore(to);
      }
      return !time.isBefore(from) || time.isBefore(to);
    }

    @Override
    public String toString() {
      return from + "-" + to;
    }
  }

  /** The windows of a map of channel names (any case) to {@code HH:mm-HH:mm}; blank means always. */
  public static QuietHours of(Map<String, String> windowsByChannel) {
    Map<Channel, Window> parsed = new EnumMap<>(Channel.class);
    windowsByChannel.forEach((name, window) -> {
      if (window != null && !window.isBlank()) {
        parsed.put(Channel.parse(name), Window.parse(window));
      }
    });
    return new QuietHours(parsed);
  }
}
