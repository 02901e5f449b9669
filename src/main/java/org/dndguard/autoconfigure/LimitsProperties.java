package org.dndguard.autoconfigure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dndguard.InternalApi;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.CommunicationLimits;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.contact.internal.LimitWindow;
import org.dndguard.store.internal.CommunicationCounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Communication limits, under {@code dnd.limits}: how often a contact may be reached, across all
 * workflows and manual sends. Every rule applies; the most restrictive one decides. Operators add
 * more at run time through the API ({@code /api/limits/rules/{name}}).
 *
 * @param enabled whether communications are counted and limited at all; defaults to {@code true}
 *     (with no rule nothing is held back, but every communication is counted, so a rule added later
 *     sees the past)
 * @param countExempt whether a step or message marked {@code dnd.limit=exempt} (transactional: never
 *     limited) still counts against the limits of the others; defaults to {@code false}
 * @param rules the rules, e.g. {@code dnd.limits.rules[0].channels=SMS},
 *     {@code dnd.limits.rules[0].count=2}, {@code dnd.limits.rules[0].window=DAY}; none by default
 */
public record LimitsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("false") boolean countExempt,
    @DefaultValue List<Rule> rules) {

  public LimitsProperties {
    rules = rules == null ? List.of() : List.copyOf(rules);
    // a wrong rule stops the start, naming the property, rather than letting a contact be flooded
    limitRules(rules);
  }

  /** The rules as DND Guard applies them; with {@code enabled=false}, none. */
  @InternalApi
  public List<LimitRule> limitRules() {
    return enabled ? limitRules(rules) : List.of();
  }

  /**
   * The counts that the guard, the outbox, its worker and Cockpit count and limit by; none when
   * limits are off. When they are on, a missing counts bean stops the start rather than letting
   * communications out uncounted.
   */
  CommunicationCounts counts(ObjectProvider<CommunicationCounts> counts) {
    return enabled ? counts.getObject() : null;
  }

  private static List<LimitRule> limitRules(List<Rule> rules) {
    List<LimitRule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      try {
        parsed.add(rules.get(i).toRule(i));
      } catch (InvalidDndInputException e) {
        throw new IllegalArgumentException("dnd.limits.rules[" + i + "]." + e.field() + ": " + e.getMessage(), e);
      }
    }
    try {
      new CommunicationLimits(parsed);
    } catch (InvalidDndInputException e) {
      throw new IllegalArgumentException("dnd.limits.rules: " + e.getMessage(), e);
    }
    return List.copyOf(parsed);
  }

  /**
   * One rule.
   *
   * @param name the rule's name in skip records, metrics and the API (lower case letters, digits and
   *     dashes); defaults to {@code rule-1}, {@code rule-2}, ... by position
   * @param channels the channels it counts and limits; empty (the default) for every channel
   * @param topics the topics it counts and limits; empty (the default) for any topic
   * @param perTopic whether each topic is counted on its own (Florida's "on the same subject");
   *     defaults to {@code false}
   * @param count how many communications the window allows; required, at least 1
   * @param window {@code DAY} or {@code WEEK} (calendar, in the contact's time zone) or an ISO-8601
   *     duration up to {@code P30D} such as {@code PT24H} (rolling); required
   */
  public record Rule(String name, List<String> channels, List<String> topics,
      @DefaultValue("false") boolean perTopic, Integer count, String window) {

    LimitRule toRule(int index) {
      String ruleName = name == null || name.isBlank() ? "rule-" + (index + 1) : name;
      Set<Channel> parsed = EnumSet.noneOf(Channel.class);
      for (String channel : channels == null ? List.<String>of() : channels) {
        try {
          parsed.add(Channel.parse(channel));
        } catch (InvalidDndInputException e) {
          throw new InvalidDndInputException("channels", e.getMessage());
        }
      }
      if (count == null) {
        throw new InvalidDndInputException("count", "rule '" + ruleName + "' has no count; give how many"
            + " communications its window allows, e.g. 2");
      }
      if (window == null || window.isBlank()) {
        throw new InvalidDndInputException("window", "rule '" + ruleName + "' has no window; give DAY, WEEK or an"
            + " ISO-8601 duration such as PT24H");
      }
      return new LimitRule(ruleName, parsed, new LinkedHashSet<>(topics == null ? List.of() : topics), perTopic,
          count, LimitWindow.parse(window));
    }
  }
}
