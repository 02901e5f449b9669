package org.dndguard.contact.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dndguard.contact.Channel;
import org.dndguard.contact.InvalidDndInputException;

/**
 * How often a contact may be reached: at most {@code count} communications per {@code window} on
 * the rule's channels (all when none are named) and, when it names topics, about those topics.
 * {@code perTopic} counts each topic on its own, as Florida's rule does (three calls or texts per
 * 24 hours on the same subject, Fla. Stat. 501.616(6)).
 *
 * @param name the rule's name (lower case letters, digits and dashes), e.g. {@code sms-daily}
 * @param channels the channels it counts and limits; empty for every channel
 * @param topics the topics it counts and limits; empty for any topic (and none)
 * @param perTopic whether each topic is counted on its own
 * @param count how many communications the window allows, at least 1
 * @param window the period counted
 */
public record LimitRule(String name, Set<Channel> channels, Set<String> topics, boolean perTopic, int count,
    LimitWindow window) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  /** The longest rule name. */
  public static final int MAX_NAME_LENGTH = 64;

  public LimitRule {
    name = requireName(name);
    channels = channels == null || channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    if (topics == null) {
      topics = Set.of();
    }
    for (String topic : topics) {
      if (!Topics.isValid(topic)) {
        throw new InvalidDndInputException("topics", "rule '" + name + "': '" + topic + "' is not a topic name; use"
            + " lower case letters, digits and single dashes, e.g. newsletter");
      }
    }
    topics = Set.copyOf(new TreeSet<>(topics));
    if (count < 1) {
      throw new InvalidDndInputException("count", "rule '" + name + "': count " + count + " allows nothing; give"
          + " at least 1 (to stop a channel altogether, set DND on it)");
    }
    Objects.requireNonNull(window, "window");
  }

  /**
   * A rule's name as written in properties and API paths.
   *
   * @throws InvalidDndInputException when it is not lower case letters, digits and dashes
   */
  public static String requireName(String name) {
    String value = name == null ? "" : name.trim();
    if (value.length() > MAX_NAME_LENGTH || !NAME.matcher(value).matches()) {
      throw new InvalidDndInputException("name", "'" + value + "' is not a rule name; use up to " + MAX_NAME_LENGTH
          + " lower case letters, digits and single dashes, e.g. sms-daily");
    }
    return value;
  }

  /** Whether a communication on the channel about the topic (or none) is one this rule limits. */
  public boolean applies(Channel channel, String topic) {
    return (channels.isEmpty() || channels.contains(channel)) && (topics.isEmpty() || topic != null && topics.contains(topic));
  }

  /** Whether a past communication counts against a new one on the channel about the topic. */
  boolean countsAgainst(Communication past, String topic) {
    return applies(past.channel(), past.topic()) && (!perTopic || Objects.equals(past.topic(), topic));
  }

  /**
   * Whether a new communication on the channel about the topic would exceed this rule, given what
   * went out before; empty when it may go.
   */
  public Optional<LimitBreach> breach(Channel channel, String topic, List<Communication> history,
      Instant now, List<ZoneId> zones) {
    if (!applies(channel, topic)) {
      return Optional.empty();
    }
    List<Instant> counted = counted(history, topic, now, zones);
    if (counted.size() < count) {
      return Optional.empty();
    }
    return Optional.of(new LimitBreach(this, counted.size(), window.freesAt(counted, count, now, zones)));
  }

  /**
   * The instants this rule counts now for a communication about the topic, oldest first. One
   * recorded a moment after {@code now} counts too: another step, whose clock read later, may have
   * taken its place while this one waited for the contact's lock.
   */
  List<Instant> counted(List<Communication> history, String topic, Instant now, List<ZoneId> zones) {
    Instant start = window.start(now, zones);
    return history.stream()
        .filter(past -> countsAgainst(past, topic))
        .map(Communication::at)
        .filter(at -> !at.isBefore(start) && (window.rolling() == null || at.isAfter(start)))
        .sorted()
        .toList();
  }

  /** E.g. "SMS, 2 per DAY" or "CALL and SMS per topic, 3 per PT24H". */
  public String describe() {
    String on = channels.isEmpty() ? "any channel" : String.join(" and ", new TreeSet<>(channels.stream()
        .map(Channel::name).toList()));
    String about = topics.isEmpty() ? "" : " about " + String.join(", ", topics);
    return on + about + (perTopic ? " per topic" : "") + ", " + count + " per " + window;
  }
}
