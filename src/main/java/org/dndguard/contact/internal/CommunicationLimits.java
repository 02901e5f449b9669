package org.dndguard.contact.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.dndguard.contact.InvalidDndInputException;

/**
 * The communication limits in force: several rules apply together, and the most restrictive one
 * decides, i.e. of the rules a communication would exceed, the one whose place frees last.
 */
public final class CommunicationLimits {

  private final List<LimitRule> rules;

  /**
   * @throws InvalidDndInputException when two rules have the same name
   */
  public CommunicationLimits(List<LimitRule> rules) {
    Set<String> names = new HashSet<>();
    for (LimitRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new InvalidDndInputException("name", "two limit rules are named '" + rule.name() + "'; give each"
            + " rule its own name");
      }
    }
    this.rules = List.copyOf(rules);
  }

  public static CommunicationLimits none() {
    return new CommunicationLimits(List.of());
  }

  public List<LimitRule> rules() {
    return rules;
  }

  /** Whether any rule limits a communication on the channel about the topic. */
  public boolean limits(Channel channel, String topic) {
    return rules.stream().anyMatch(rule -> rule.applies(channel, topic));
  }

  /**
   * The first instant any rule counts at {@code now}: older communications do not matter.
   *
   * @return {@code now} when there are no rules
   */
  public Instant lookback(Instant now, List<ZoneId> zones) {
    return rules.stream().map(rule -> rule.window().start(now, zones)).min(Comparator.naturalOrder()).orElse(now);
  }

  /**
   * The first instant any rule can count at {@code now} in any time zone ({@link
   * LimitWindow#earliestStart}): reading from there finds everything {@link #check} needs, before
   * the contact's zone is known.
   *
   * @return {@code now} when there are no rules
   */
  public Instant earliestLookback(Instant now) {
    return rules.stream().map(rule -> rule.window().earliestStart(now)).min(Comparator.naturalOrder()).orElse(now);
  }

  /** Whether a rule counts calendar periods, which need the contact's time zone. */
  public boolean needsZones() {
    return rules.stream().anyMatch(rule -> rule.window().calendar() != null);
  }

  /**
   * Whether a new communication on the channel about the topic would exceed a rule, given what
   * went out before; of several, the one whose place frees last. Empty when it may go.
   */
  public Optional<LimitBreach> check(Channel channel, String topic, List<Communication> history, Instant now,
      List<ZoneId> zones) {
    return rules.stream()
        .flatMap(rule -> rule.breach(channel, topic, history, now, zones).stream())
        .max(Comparator.comparing(LimitBreach::freesAt).thenComparing(breach -> breach.rule().name(),
            Comparator.reverseOrder()));
  }

  /**
   * Each rule's use for a contact: for a per-topic rule, the topic that used most of it.
   */
  public List<LimitUse> use(List<Communication> history, Instant now, List<ZoneId> zones) {
    return rules.stream().map(rule -> use(rule, history, now, zones)).toList();
  }

  private static LimitUse use(LimitRule rule, List<Communication> history, Instant now, List<ZoneId> zones) {
    Set<String> topics = new HashSet<>();
    if (rule.perTopic()) {
      history.forEach(past -> topics.add(past.topic()));
    } else {
      topics.add(null);
    }
    LimitUse most = new LimitUse(rule, 0, null, null);
    for (String topic : topics) {
      List<Instant> counted = rule.counted(history, topic, now, zones);
      if (counted.size() > most.used() || most.used() == 0 && !counted.isEmpty()) {
        Instant frees = counted.size() >= rule.count() ? rule.window().freesAt(counted, rule.count(), now, zones)
            : null;
        most = new LimitUse(rule, counted.size(), rule.perTopic() ? topic : null, frees);
      }
    }
    return most;
  }

  /**
   * How much of a rule a contact used.
   *
   * @param rule the rule
   * @param used how many communications its window counts now
   * @param topic for a per-topic rule, the topic that used most of it; else null
   * @param freesAt when the rule is full, when its next place frees; null while it has a place
   */
  public record LimitUse(LimitRule rule, int used, String topic, Instant freesAt) {

    /** Whether the next communication the rule limits would be held. */
    public boolean full() {
      return used >= rule.count();
    }
  }
}
