package org.dndguard.engine.camunda.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.dndguard.engine.OnBlocked;
import org.dndguard.engine.OnLimited;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.engine.internal.StepMark;

/**
 * The second half of {@link DndParseListener}: once every mark of a parsed file is read and
 * accepted (each kept as a property of its activity), the marked activities are guarded, now that
 * every behaviour and every catcher of {@code DND_BLOCKED} is known.
 */
final class MarkedActivities {

  private static final String MARK = "dndGuard.mark";

  /** A marked element's step and its expressions, compiled once at deployment. */
  private record Mark(StepMark step, Map<String, Expression> expressions) {
  }

  private final Supplier<StepGuard> stepGuard;

  MarkedActivities(Supplier<StepGuard> stepGuard) {
    this.stepGuard = stepGuard;
  }

  /** Keeps the activity's mark for {@link #guardAll}. */
  static void mark(ActivityImpl activity, StepMark step, Map<String, Expression> expressions) {
    activity.setProperty(MARK, new Mark(step, expressions));
  }

  /** Guards every marked activity of the definitions parsed from the root element. */
  void guardAll(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
    for (ProcessDefinitionEntity definition : processDefinitions) {
      guardActivities(rootElement, definition, definition);
    }
  }

  private void guardActivities(Element rootElement, ProcessDefinitionEntity definition, ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getProperty(MARK) instanceof Mark mark) {
        guard(rootElement, definition, activity, mark);
      }
      guardActivities(rootElement, definition, activity);
    }
  }

  private void guard(Element rootElement, ProcessDefinitionEntity definition, ActivityImpl activity, Mark mark) {
    ActivityBehavior behavior = activity.getActivityBehavior();
    if (behavior == null || behavior instanceof GuardedActivityBehavior
        || behavior instanceof GuardedUserTaskActivityBehavior) {
      // null: the parse itself reports the missing implementation; guarded: a second plugin instance
      return;
    }
    StepMark step = mark.step();
    refuseUncaught(rootElement, definition, activity, step, step.onBlocked() == OnBlocked.ERROR,
        StepMark.ON_BLOCKED, StepMark.BLOCKED_ERROR_CODE, "'skip'");
    refuseUncaught(rootElement, definition, activity, step, step.onLimited() == OnLimited.ERROR,
        StepMark.ON_LIMITED, StepMark.LIMITED_ERROR_CODE, "'defer' or 'skip'");
    GuardedActivity guarded = new GuardedActivity(step, mark.expressions(), stepGuard);
    if (behavior instanceof UserTaskActivityBehavior userTask) {
      if (userTask.getClass() != UserTaskActivityBehavior.class) {
        throw new BpmnParseException(step.refusal() + "its user task behaviour is " + userTask.getClass().getName()
            + ", set by another engine plugin, and DND Guard guards only the engine's own user task",
            find(rootElement, activity.getId()));
      }
      // subclassed, not wrapped: the engine's history and the Spring Boot starter cast to UserTaskActivityBehavior
      activity.setActivityBehavior(new GuardedUserTaskActivityBehavior(userTask, guarded));
    } else {
      activity.setActivityBehavior(new GuardedActivityBehavior(behavior, guarded));
    }
  }

  private static void refuseUncaught(Element rootElement, ProcessDefinitionEntity definition, ActivityImpl activity,
      StepMark step, boolean throwsError, String property, String errorCode, String otherwise) {
    if (throwsError && !catchesError(definition, activity, errorCode)) {
      throw new BpmnParseException(step.refusal() + property + " is 'error' but nothing in scope"
          + " catches the BPMN error " + errorCode + "; attach an error boundary event with"
          + " error code " + errorCode + " to the element or to a sub-process around it, add"
          + " an error event sub-process for it, or use " + property + " " + otherwise,
          find(rootElement, activity.getId()));
    }
  }

  /**
   * Whether a BPMN error with the code thrown by the activity is caught in its process: the scopes
   * are searched from the activity outwards, as the engine does when the error is thrown.
   */
  private static boolean catchesError(ProcessDefinitionEntity definition, ActivityImpl activity, String errorCode) {
    ScopeImpl scope = activity;
    while (scope != null) {
      List<ErrorEventDefinition> catchers = scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS);
      for (ErrorEventDefinition catcher : catchers) {
        ActivityImpl handler = definition.findActivity(catcher.getHandlerActivityId());
        // an error event sub-process does not catch what is thrown inside itself
        boolean rethrowing = handler != null && handler.isAncestorFlowScopeOf(activity);
        if (!rethrowing && catcher.catchesError(errorCode)) {
          return true;
        }
      }
      scope = scope instanceof ActivityImpl nested ? nested.getFlowScope() : null;
    }
    return false;
  }

  /** The element with the id, for the line number of a refusal; null when it cannot be found. */
  private static Element find(Element element, String id) {
    if (id.equals(element.attribute("id"))) {
      return element;
    }
    for (Element child : element.elements()) {
      Element found = find(child, id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
