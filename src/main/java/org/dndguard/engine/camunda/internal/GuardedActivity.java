package org.dndguard.engine.camunda.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnExceptionHandler;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.dndguard.engine.internal.StepMark;
import org.dndguard.engine.QuietHoursMode;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.engine.StepOutcome;
import org.dndguard.engine.internal.Verdict;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What the two guarded behaviours share: the check, the skip and the routing of one marked
 * element. One instance per element, shared by every execution of it, so it keeps no per-execution
 * state beyond the set of activity instances being skipped right now.
 */
final class GuardedActivity {

  private static final List<String> CHECK_VARIABLES = List.of(StepMark.CHECKED_CONTACT_VARIABLE,
      StepMark.CHECKED_TOPIC_VARIABLE, StepMark.QUIET_HOURS_VARIABLE);

  private final StepMark step;
  private final Map<String, Expression> expressions;
  private final Supplier<StepGuard> stepGuard;
  // activity instances between skip() and their leave; the engine leaves synchronously, on this thread
  private final Set<String> skipping = ConcurrentHashMap.newKeySet();

  GuardedActivity(StepMark step, Map<String, Expression> expressions, Supplier<StepGuard> stepGuard) {
    this.step = step;
    this.expressions = Map.copyOf(expressions);
    this.stepGuard = stepGuard;
  }

  StepMark step() {
    return step;
  }

  Verdict check(ActivityExecution execution) {
    Verdict verdict = stepGuard.get().check(step, new ExecutionStepContext(execution, expressions));
    if (verdict.outcome() == StepOutcome.RAN) {
      // the step's work (e.g. ${sendSms}) must reach the contact the guard checked, also when
      // dnd.contact names another one than the contact variable; transient: never stored
      execution.setVariableLocal(StepMark.CHECKED_CONTACT_VARIABLE,
          Variables.stringValue(verdict.contactId(), true));
      Object topic = topic(execution);
      if (topic != null) {
        execution.setVariableLocal(StepMark.CHECKED_TOPIC_VARIABLE, Variables.stringValue(topic.toString(), true));
      }
      if (step.quietHours() == QuietHoursMode.IGNORE) {
        execution.setVariableLocal(StepMark.QUIET_HOURS_VARIABLE,
            Variables.stringValue(step.quietHours().value(), true));
      }
    }
    return verdict;
  }

  /**
   * Removes what {@link #check} told the step's work. Camunda runs a step without input mappings in
   * its parent's execution, so these transient variables would otherwise still be there for the next
   * step of the same command: an unguarded {@code ${sendSms}} after a guarded one would text the
   * contact the guard checked, about its topic, ignoring quiet hours. Called when a guarded step
   * leaves (a step that does not leave by its flows is a scope of its own, or its work failed and the
   * command rolls back); a persistent variable of the same name is the model's own and stays.
   */
  static void forgetCheck(ActivityExecution execution) {
    for (String name : CHECK_VARIABLES) {
      TypedValue value = execution.getVariableLocalTyped(name);
      if (value != null && value.isTransient()) {
        execution.removeVariableLocal(name);
      }
    }
  }

  private Object topic(ActivityExecution execution) {
    if (step.topicValue() == null) {
      return null;
    }
    return step.hasTopicExpression() ? expressions.get(step.topicValue()).getValue(execution) : step.topicValue();
  }

  /** The step's own work, as the behaviour that guards it runs it. */
  @FunctionalInterface
  interface Work {
    void run(ActivityExecution execution) throws Exception;
  }

  /**
   * Checks the step and then runs its work, skips it (leaving through {@code leave}) or routes
   * {@code DND_BLOCKED}: the one decision both the wrapper and the user-task subclass take.
   */
  void perform(ActivityExecution execution, Work work, Consumer<ActivityExecution> leave) throws Exception {
    Verdict verdict = check(execution);
    switch (verdict.outcome()) {
      case RAN -> work.run(execution);
      case SKIPPED -> skip(execution, leave);
      case ROUTED -> route(execution, verdict);
      // the execution waits at the step; the timer signals it when the window opens (see signal)
      case DEFERRED -> DeferredStepJobHandler.schedule(execution, verdict.windowOpens());
      default -> throw new IllegalStateException("No behaviour for " + verdict.outcome());
    }
  }

  /**
   * Leaves the activity without running its work. The engine's leave calls back into the
   * behaviour's {@code doLeave}, which asks {@link #isSkipping} and then takes the outgoing flows
   * without registering compensation for work that never ran.
   */
  void skip(ActivityExecution execution, Consumer<ActivityExecution> leave) {
    String activityInstanceId = execution.getActivityInstanceId();
    skipping.add(activityInstanceId);
    try {
      leave.accept(execution);
    } finally {
      skipping.remove(activityInstanceId);
    }
  }

  /**
   * Whether a signal is the one that wakes a deferred step; the behaviour then calls
   * {@link #perform} again, which checks DND (and the window) anew.
   */
  static boolean isWindowOpened(String signalName) {
    return DeferredStepJobHandler.SIGNAL.equals(signalName);
  }

  boolean isSkipping(ActivityExecution execution) {
    return skipping.contains(execution.getActivityInstanceId());
  }

  /**
   * Throws DND_BLOCKED (or DND_LIMITED, when a communication limit held the step back) to its
   * catcher the way the engine propagates BPMN errors from delegates.
   */
  void route(ActivityExecution execution, Verdict verdict) throws Exception {
    String code = verdict.limited() != null ? StepMark.LIMITED_ERROR_CODE : StepMark.BLOCKED_ERROR_CODE;
    BpmnExceptionHandler.propagateBpmnError(new BpmnError(code, verdict.explanation()), execution);
  }
}
