package org.dndguard.engine;

import java.util.Objects;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndTarget;

/**
 * What DND Guard decided for one execution of a step.
 *
 * @param outcome ran, skipped or routed
 * @param channel the step's channel
 * @param contactId the contact the step would reach
 * @param blockedBy the DND entry that blocked the step; null when it ran
 */
public record Verdict(StepOutcome outcome, Channel channel, String contactId, DndEntry blockedBy) {

  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(contactId, "contactId");
    if ((outcome == StepOutcome.RAN) != (blockedBy == null)) {
      throw new IllegalArgumentException("A step is blocked exactly when it did not run");
    }
  }

  /**
   * Why the step was held back, for skip records and BPMN error messages, e.g. "SMS is in DND for
   * contact c-42 since 2026-11-27T08:00:00Z, set by the opt-out keyword STOP (SMS_OPT_OUT)".
   */
  public String explanation() {
    if (blockedBy == null) {
      return channel + " is not in DND for contact " + contactId;
    }
    String what = blockedBy.target() == DndTarget.ALL ? "every channel (ALL), so " + channel + ", is" : channel + " is";
    return what + " in DND for contact " + contactId + " since " + blockedBy.since() + ", set by "
        + blockedBy.setBy() + " (" + blockedBy.reason() + ")";
  }
}
