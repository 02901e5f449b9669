package org.dndguard.engine.camunda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.behavior.IntermediateThrowNoneEventActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.dndguard.engine.StepMark;
import org.dndguard.engine.InvalidStepException;
import org.dndguard.engine.OnBlocked;
import org.dndguard.engine.StepGuard;
import org.dndguard.engine.StepKind;

/**
 * Finds the elements marked with {@code dnd.*} properties while a BPMN file is parsed, refuses the
 * marks that cannot be honoured, and guards the marked elements once the whole file is parsed.
 *
 * <p>Guarding waits for {@link #parseRootElement}, the last callback of a parse, for two reasons:
 * other post parse listeners (Connect's) may set an element's behaviour after this listener saw
 * the element, and the catchers of {@code DND_BLOCKED} (boundary events, event sub-processes) are
 * parsed after the elements they catch for. The listener keeps no state between callbacks: the
 * parsed marks travel as a property of the activity, so concurrent deployments do not meet.
 */
final class DndParseListener extends AbstractBpmnParseListener {

  private static final String MARK = "dndGuard.mark";
  private static final String MESSAGE_EVENT_DEFINITION = "messageEventDefinition";
  private static final String GUARDED_ELEMENTS = "DND Guard guards only service, send, script, business rule"
      + " and user tasks, and message intermediate throw and end events with an implementation; mark the step"
      + " that sends instead";

  private final Supplier<StepGuard> stepGuard;

  DndParseListener(Supplier<StepGuard> stepGuard) {
    this.stepGuard = stepGuard;
  }

  /** A marked element's step and its expressions, compiled once at deployment. */
  private record Mark(StepMark step, Map<String, Expression> expressions) {
  }

  // --- the elements DND Guard guards ---

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    mark(element, activity, StepKind.SERVICE_TASK);
  }

  @Override
  public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    mark(element, activity, StepKind.SEND_TASK);
  }

  @Override
  public void parseScriptTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    mark(element, activity, StepKind.SCRIPT_TASK);
  }

  @Override
  public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    mark(element, activity, StepKind.BUSINESS_RULE_TASK);
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    mark(element, activity, StepKind.USER_TASK);
  }

  @Override
  public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (element.element(MESSAGE_EVENT_DEFINITION) == null) {
      refuseIfMarked(element, activity, "intermediate throw event");
    } else {
      markMessageEvent(element, activity, StepKind.MESSAGE_INTERMEDIATE_THROW_EVENT);
    }
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (element.element(MESSAGE_EVENT_DEFINITION) == null) {
      refuseIfMarked(element, activity, "end event");
    } else {
      markMessageEvent(element, activity, StepKind.MESSAGE_END_EVENT);
    }
  }

  // --- elements that cannot be guarded: a mark on them is refused rather than silently ignored ---

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "start event");
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "exclusive gateway");
  }

  @Override
  public void parseInclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "inclusive gateway");
  }

  @Override
  public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "parallel gateway");
  }

  @Override
  public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "event-based gateway");
  }

  @Override
  public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "task");
  }

  @Override
  public void parseManualTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "manual task");
  }

  @Override
  public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "receive task");
  }

  @Override
  public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "sub-process");
  }

  @Override
  public void parseTransaction(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "transaction");
  }

  @Override
  public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "call activity");
  }

  @Override
  public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "intermediate catch event");
  }

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    refuseIfMarked(element, activity, "boundary event");
  }

  // --- the end of the parse: every behaviour and every catcher is known ---

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
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
    if (step.onBlocked() == OnBlocked.ERROR && !catchesBlockedError(definition, activity)) {
      throw new BpmnParseException(step.refusal() + StepMark.ON_BLOCKED + " is 'error' but nothing in scope"
          + " catches the BPMN error " + StepMark.BLOCKED_ERROR_CODE + "; attach an error boundary event with"
          + " error code " + StepMark.BLOCKED_ERROR_CODE + " to the element or to a sub-process around it, add"
          + " an error event sub-process for it, or use " + StepMark.ON_BLOCKED + " 'skip'",
          find(rootElement, activity.getId()));
    }
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

  /**
   * Whether a BPMN error DND_BLOCKED thrown by the activity is caught in its process: the scopes
   * are searched from the activity outwards, as the engine does when the error is thrown.
   */
  private static boolean catchesBlockedError(ProcessDefinitionEntity definition, ActivityImpl activity) {
    ScopeImpl scope = activity;
    while (scope != null) {
      List<ErrorEventDefinition> catchers = scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS);
      for (ErrorEventDefinition catcher : catchers) {
        ActivityImpl handler = definition.findActivity(catcher.getHandlerActivityId());
        // an error event sub-process does not catch what is thrown inside itself
        boolean rethrowing = handler != null && handler.isAncestorFlowScopeOf(activity);
        if (!rethrowing && catcher.catchesError(StepMark.BLOCKED_ERROR_CODE)) {
          return true;
        }
      }
      scope = scope instanceof ActivityImpl nested ? nested.getFlowScope() : null;
    }
    return false;
  }

  // --- marks ---

  private void markMessageEvent(Element element, ActivityImpl activity, StepKind kind) {
    if (activity.getActivityBehavior() instanceof IntermediateThrowNoneEventActivityBehavior) {
      // the engine gives a message event without an implementation a behaviour that does nothing
      refuseIfMarked(element, activity, kind.displayName() + " without an implementation",
          "it sends nothing to guard; give its message event definition camunda:class, camunda:expression,"
          + " camunda:delegateExpression or camunda:type=\"external\"");
      return;
    }
    mark(element, activity, kind);
  }

  private void mark(Element element, ActivityImpl activity, StepKind kind) {
    Optional<StepMark> step;
    try {
      step = StepMark.parse(processKey(activity), activity.getId(), kind, properties(element));
    } catch (InvalidStepException e) {
      throw new BpmnParseException(e.getMessage(), element);
    }
    step.ifPresent(s -> activity.setProperty(MARK, new Mark(s, expressions(s, element))));
  }

  private Map<String, Expression> expressions(StepMark step, Element element) {
    Map<String, Expression> expressions = new LinkedHashMap<>();
    if (step.hasChannelExpression()) {
      expressions.put(step.channelValue(), compile(step, StepMark.CHANNEL, step.channelValue(), element));
    }
    if (step.contactExpression() != null) {
      expressions.put(step.contactExpression(), compile(step, StepMark.CONTACT, step.contactExpression(), element));
    }
    if (step.hasTopicExpression()) {
      expressions.put(step.topicValue(), compile(step, StepMark.TOPIC, step.topicValue(), element));
    }
    return expressions;
  }

  private static Expression compile(StepMark step, String property, String text, Element element) {
    try {
      return Context.getProcessEngineConfiguration().getExpressionManager().createExpression(text);
    } catch (RuntimeException e) {
      throw new BpmnParseException(step.refusal() + property + " '" + text + "' is not a valid expression: "
          + e.getMessage(), element);
    }
  }

  private static void refuseIfMarked(Element element, ActivityImpl activity, String description) {
    refuseIfMarked(element, activity, description, GUARDED_ELEMENTS);
  }

  private static void refuseIfMarked(Element element, ActivityImpl activity, String description, String howToFix) {
    if (activity == null) {
      return;
    }
    try {
      StepMark.refuseIfMarked(processKey(activity), activity.getId(), description, properties(element),
          howToFix);
    } catch (InvalidStepException e) {
      throw new BpmnParseException(e.getMessage(), element);
    }
  }

  private static Map<String, String> properties(Element element) {
    return BpmnParseUtil.parseCamundaExtensionProperties(element);
  }

  private static String processKey(ActivityImpl activity) {
    return ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
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
