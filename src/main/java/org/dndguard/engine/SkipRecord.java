package org.dndguard.engine;

import java.time.Instant;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;

/**
 * One execution of a communication step that DND Guard held back: skipped, or routed to the
 * catcher of {@value GuardedStep#BLOCKED_ERROR_CODE}. Written in the step's transaction.
 *
 * @param id the record's id, in the order records were written; null before it is stored
 * @param processInstanceId the process instance
 * @param processDefinitionId the process definition the instance runs
 * @param activityId the step's element id
 * @param activityInstanceId the execution of the step (one per multi-instance item)
 * @param channel the step's channel
 * @param contactId the contact the step would have reached
 * @param outcome {@link StepOutcome#SKIPPED} or {@link StepOutcome#ROUTED}
 * @param blockedBy the DND entry's target: the channel itself or ALL
 * @param reason the DND entry's reason
 * @param blockedSince since when the entry is on
 * @param detail why, in words, e.g. "SMS is in DND for contact c-42 since ..., set by the opt-out keyword STOP"
 * @param recordedAt when the step was held back
 */
public record SkipRecord(Long id, String processInstanceId, String processDefinitionId, String activityId,
    String activityInstanceId, Channel channel, String contactId, StepOutcome outcome, DndTarget blockedBy,
    DndReason reason, Instant blockedSince, String detail, Instant recordedAt) {

  public SkipRecord {
    if (outcome != StepOutcome.SKIPPED && outcome != StepOutcome.ROUTED) {
      throw new IllegalArgumentException("A skip record is for a skipped or routed step, not " + outcome);
    }
  }
}
