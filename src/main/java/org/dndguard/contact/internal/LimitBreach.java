package org.dndguard.contact.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * A limit rule that a communication would exceed.
 *
 * @param rule the rule
 * @param used how many communications its window counts now
 * @param freesAt when its next place frees
 */
public record LimitBreach(LimitRule rule, int used, Instant freesAt) {

  public LimitBreach {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(freesAt, "freesAt");
  }

  /** E.g. "limit sms-daily (SMS, 2 per DAY) is used 2 of 2 for contact c-42; a place frees at ...". */
  public String explanation(String contactId) {
    return "limit " + rule.name() + " (" + rule.describe() + ") is used " + used + " of " + rule.count()
        + " for contact " + contactId + "; a place frees at " + freesAt;
  }
}
