package org.dndguard.engine.camunda;

import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * The behaviour of a guarded user task (a manual step such as calling the contact): the task is
 * created only when the contact is not in DND on the step's channel. A subclass rather than a
 * wrapper, because the engine's history and the Spring Boot starter cast a user task's behaviour
 * to {@link UserTaskActivityBehavior}; it shares the original's task decorator, so task listeners
 * registered on it by other parse listeners stay in place.
 */
final class GuardedUserTaskActivityBehavior extends UserTaskActivityBehavior {

  private final GuardedActivity guarded;

  GuardedUserTaskActivityBehavior(UserTaskActivityBehavior original, GuardedActivity guarded) {
    super(original.getTaskDecorator());
    this.guarded = guarded;
  }

  @Override
  public void performExecution(ActivityExecution execution) throws Exception {
    guarded.perform(execution, super::performExecution, this::leave);
  }

  @Override
  public void doLeave(ActivityExecution execution) {
    if (guarded.isSkipping(execution)) {
      bpmnActivityBehavior.performDefaultOutgoingBehavior(execution);
    } else {
      super.doLeave(execution);
    }
  }
}
