package org.dndguard.engine.internal;

import java.time.Instant;
import java.util.Objects;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.internal.LimitBreach;
import org.dndguard.contact.TopicEntry;
import org.dndguard.engine.StepOutcome;

/**
 * What DND Guard decided for one execution of a step.
 *
 * @param outcome ran, skipped or routed
 * @param channel the step's channel
 * @param contactId the contact the step would reach
 * @param blockedBy the DND entry that blocked the step; null when it ran or DND did not block it
 * @param leftTopic the topic the contact left, when that blocked the step; else null
 * @param windowOpens when the channel's window opens in the contact's zone, when quiet hours
 *     deferred or skipped the step, or when a place frees when a communication limit deferred it; else null
 * @param limited the communication limit that held the step back; else null
 */
public record Verdict(StepOutcome outcome, Channel channel, String contactId, DndEntry blockedBy,
    TopicEntry leftTopic, Instant windowOpens, LimitBreach limited) {

  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(contactId, "contactId");
    boolean held = blockedBy != null || leftTopic != null || windowOpens != null || limited != null;
    if ((outcome == StepOutcome.RAN) == held) {
      throw new IllegalArgumentException("A step is held back exactly when it did not run");
    }
    if (outcome == StepOutcome.DEFERRED && windowOpens == null) {
      throw new IllegalArgumentException("A deferred step needs the time its window opens");
    }
  }

  /** A step that ran, or one that DND blocked. */
  public Verdict(StepOutcome outcome, Channel channel, String contactId, DndEntry blockedBy) {
    this(outcome, channel, contactId, blockedBy, null, null, null);
  }

  /** A step that DND, a topic or quiet hours held back. */
  public Verdict(StepOutcome outcome, Channel channel, String contactId, DndEntry blockedBy, TopicEntry leftTopic,
      Instant windowOpens) {
    this(outcome, channel, contactId, blockedBy, leftTopic, windowOpens, null);
  }

  /** A step that a communication limit held back: deferred until its place frees, skipped or routed. */
  public static Verdict limited(StepOutcome outcome, Channel channel, String contactId, LimitBreach breach) {
    return new Verdict(outcome, channel, contactId, null, null,
        outcome == StepOutcome.DEFERRED ? breach.freesAt() : null, breach);
  }

  /**
   * Why the step was held back, for skip records and BPMN error messages, e.g. "SMS is in DND for
   * contact c-42 since 2026-11-27T08:00:00Z, set by the opt-out keyword STOP (SMS_OPT_OUT)".
   */
  public String explanation() {
    if (limited != null) {
      return limited.explanation(contactId) + (outcome == StepOutcome.DEFERRED
          ? ", when the step runs if DND, quiet hours and the limits still allow it"
          : outcome == StepOutcome.SKIPPED ? " (dnd.onLimited=skip)" : " (dnd.onLimited=error)");
    }
    if (blockedBy == null && leftTopic != null) {
      return "contact " + contactId + " left the topic " + leftTopic.topic() + " on " + leftTopic.since()
          + ", by " + leftTopic.setBy() + " (" + leftTopic.reason() + ")";
    }
    if (blockedBy == null && windowOpens != null) {
      return channel + " is in quiet hours for contact " + contactId + "; its window opens at " + windowOpens
          + (outcome == StepOutcome.DEFERRED ? ", when the step runs if DND still allows it"
              : " (dnd.quietHours=skip)");
    }
    if (blockedBy == null) {
      return channel + " is not in DND for contact " + contactId;
    }
    String what = blockedBy.target() == DndTarget.ALL ? "every channel (ALL), so " + channel + ", is" : channel + " is";
    return what + " in DND for contact " + contactId + " since " + blockedBy.since() + ", set by "
        + blockedBy.setBy() + " (" + blockedBy.reason() + ")";
  }
}
