package org.dndguard.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.engine.internal.StepMark;

/**
 * One execution of a communication step that DND Guard held back: skipped, or routed to the
 * catcher of {@value StepMark#BLOCKED_ERROR_CODE}. Written in the step's transaction.
 *
 * @param id the record's id, in the order records were written; null before it is stored
 * @param processInstanceId the process instance
 * @param processDefinitionId the process definition the instance runs
 * @param activityId the step's element id
 * @param activityInstanceId the execution of the step (one per multi-instance item)
 * @param channel the step's channel
 * @param contactId the contact the step would have reached
 * @param outcome {@link StepOutcome#SKIPPED}, {@link StepOutcome#ROUTED} or {@link StepOutcome#DEFERRED}
 * @param blockedBy the DND entry's target: the channel itself or ALL; null when a topic or quiet
 *     hours held the step back
 * @param reason the DND entry's (or the left topic's) reason; null for quiet hours
 * @param blockedSince since when the entry is on (or the topic was left); null for quiet hours
 * @param detail why, in words, e.g. "SMS is in DND for contact c-42 since ..., set by the opt-out keyword STOP"
 * @param recordedAt when the step was held back
 * @param topic the topic the contact left, when that held the step back; else null
 * @param runAt for a deferred step, when it will run (its channel's window opens, a limit's place frees); else null
 * @param limitRule the communication limit rule that held the step back (its cause is then
 *     {@code LIMITED}); else null
 */
public record SkipRecord(Long id, String processInstanceId, String processDefinitionId, String activityId,
    String activityInstanceId, Channel channel, String contactId, StepOutcome outcome, DndTarget blockedBy,
    DndReason reason, Instant blockedSince, String detail, Instant recordedAt, String topic, Instant runAt,
    String limitRule) {

  /** The cause of a record whose step a communication limit held back. */
  public static final String LIMITED = "LIMITED";

  public SkipRecord {
    if (outcome != StepOutcome.SKIPPED && outcome != StepOutcome.ROUTED && outcome != StepOutcome.DEFERRED) {
      throw new IllegalArgumentException("A skip record is for a skipped, routed or deferred step, not " + outcome);
    }
    if (outcome == StepOutcome.DEFERRED && runAt == null) {
      throw new IllegalArgumentException("A deferred step's record says when it will run");
    }
  }

  /** The record of a step that DND skipped or routed. */
  public SkipRecord(Long id, String processInstanceId, String processDefinitionId, String activityId,
      String activityInstanceId, Channel channel, String contactId, StepOutcome outcome, DndTarget blockedBy,
      DndReason reason, Instant blockedSince, String detail, Instant recordedAt) {
    this(id, processInstanceId, processDefinitionId, activityId, activityInstanceId, channel, contactId, outcome,
        blockedBy, reason, blockedSince, detail, recordedAt, null, null, null);
  }

  /**
   * What held the step back: {@code DND}, {@code TOPIC}, {@code QUIET_HOURS} or {@value #LIMITED}
   * (then {@link #limitRule} names the rule).
   */
  @JsonProperty("cause")
  public String cause() {
    if (limitRule != null) {
      return LIMITED;
    }
    if (blockedBy != null) {
      return "DND";
    }
    return topic != null ? "TOPIC" : "QUIET_HOURS";
  }
}
