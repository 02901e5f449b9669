package org.dndguard.test;

import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.engine.internal.StepMark;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SkipRecords;
import org.dndguard.engine.StepOutcome;

/**
 * Assertions on the steps DND Guard held back in one process instance. "Skipped" means skipped
 * with {@code dnd.onBlocked=skip}; "routed" means the step threw {@code DND_BLOCKED} with
 * {@code dnd.onBlocked=error}.
 */
public class DndProcessInstanceAssert extends AbstractAssert<DndProcessInstanceAssert, ProcessInstance> {

  private final SkipRecords skipRecords;

  DndProcessInstanceAssert(ProcessEngine processEngine, ProcessInstance processInstance) {
    super(processInstance, DndProcessInstanceAssert.class);
    this.skipRecords = SkipRecords.reading(processEngine.getProcessEngineConfiguration().getDataSource());
  }

  /** Verifies that DND Guard skipped each of the steps (at least once) for DND. */
  public DndProcessInstanceAssert hasSkipped(String... activityIds) {
    return held(activityIds, StepOutcome.SKIPPED, true);
  }

  /** Verifies that DND Guard skipped none of the steps. */
  public DndProcessInstanceAssert hasNotSkipped(String... activityIds) {
    return held(activityIds, StepOutcome.SKIPPED, false);
  }

  /** Verifies that each of the steps threw DND_BLOCKED (at least once) because of DND. */
  public DndProcessInstanceAssert hasRouted(String... activityIds) {
    return held(activityIds, StepOutcome.ROUTED, true);
  }

  /** Verifies that none of the steps threw DND_BLOCKED. */
  public DndProcessInstanceAssert hasNotRouted(String... activityIds) {
    return held(activityIds, StepOutcome.ROUTED, false);
  }

  /** DND Guard deferred each of the steps for quiet hours at least once. */
  public DndProcessInstanceAssert hasDeferred(String... activityIds) {
    return held(activityIds, StepOutcome.DEFERRED, true);
  }

  /** DND Guard deferred none of the steps. */
  public DndProcessInstanceAssert hasNotDeferred(String... activityIds) {
    return held(activityIds, StepOutcome.DEFERRED, false);
  }

  /** Verifies that DND Guard held back no step of the instance at all. */
  public DndProcessInstanceAssert hasNoSkipRecords() {
    isNotNull();
    List<SkipRecord> records = skipRecords.ofProcessInstance(actual.getId());
    if (!records.isEmpty()) {
      failWithMessage("Expecting DND Guard to have held back no step of process instance '%s', but it held back: %s",
          actual.getId(), describe(records));
    }
    return this;
  }

  /** The instance's skip records, oldest first, for checks of your own. */
  public List<SkipRecord> skipRecords() {
    isNotNull();
    return skipRecords.ofProcessInstance(actual.getId());
  }

  private DndProcessInstanceAssert held(String[] activityIds, StepOutcome outcome, boolean expected) {
    isNotNull();
    if (activityIds == null || activityIds.length == 0) {
      throw new IllegalArgumentException("Name at least one step (the element id), e.g. hasSkipped(\"sendSms\")");
    }
    List<SkipRecord> records = skipRecords.ofProcessInstance(actual.getId());
    String verb = switch (outcome) {
      case SKIPPED -> "skipped";
      case DEFERRED -> "deferred (quiet hours)";
      default -> "routed " + StepMark.BLOCKED_ERROR_CODE + " from";
    };
    for (String activityId : activityIds) {
      List<SkipRecord> matching = records.stream()
          .filter(r -> r.activityId().equals(activityId) && r.outcome() == outcome).toList();
      if (expected && matching.isEmpty()) {
        failWithMessage("Expecting DND Guard to have %s step '%s' in process instance '%s', but it did not. %s"
            + " Please make sure the step is marked with dnd.channel, that the instance's contact is registered"
            + " and in DND on that channel (or its quiet hours) when the step runs, and that %s.",
            verb, activityId, actual.getId(), heldBack(records),
            outcome == StepOutcome.DEFERRED ? "dnd.quietHours is 'defer' and dnd.quiet-hours.enabled is true"
                : "dnd.onBlocked is '" + (outcome == StepOutcome.SKIPPED ? "skip" : "error") + "'");
      }
      if (!expected && !matching.isEmpty()) {
        failWithMessage("Expecting DND Guard not to have %s step '%s' in process instance '%s', but it did: %s",
            verb, activityId, actual.getId(), describe(matching));
      }
    }
    return this;
  }

  private static String heldBack(List<SkipRecord> records) {
    return records.isEmpty() ? "It held back no step of this instance."
        : "It held back: " + describe(records) + ".";
  }

  private static String describe(List<SkipRecord> records) {
    return records.stream()
        .map(r -> "'" + r.activityId() + "' " + r.outcome().tag()
            + " (" + r.detail() + ")")
        .collect(Collectors.joining("; "));
  }
}
