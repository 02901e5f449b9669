package org.dndguard.engine.camunda.internal;

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

  /**
   * A deferred user task is created when its channel's window opens (a call task is not put in
   * anyone's list at 23:00); any other signal is the engine's own.
   */
  @Override
  public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
    if (GuardedActivity.isWindowOpened(signalName)) {
      guarded.perform(execution, super::performExecution, this::leave);
    } else {
      super.signal(execution, signalName, signalData);
    }
  }

  @Override
  public void doLeave(ActivityExecution execution) {
    GuardedActivity.forgetCheck(execution);
    if (guarded.isSkipping(execution)) {
      bpmnActivityBehavior.performDefaultOutgoingBehavior(execution);
    } else {
      super.doLeave(execution);
    }
  }
}
