package org.dndguard.engine.camunda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.behavior.IntermediateThrowNoneEventActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.dndguard.engine.StepMark;
import org.dndguard.engine.InvalidStepException;
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
 * parsed marks travel as a property of the activity ({@link MarkedActivities}), so concurrent
 * deployments do not meet.
 */
final class DndParseListener extends AbstractBpmnParseListener {

  private static final String MESSAGE_EVENT_DEFINITION = "messageEventDefinition";
  private static final String GUARDED_ELEMENTS = "DND Guard guards only service, send, script, business rule"
      + " and user tasks, and message intermediate throw and end events with an implementation; mark the step"
      + " that sends instead";

  private final MarkedActivities markedActivities;

  DndParseListener(Supplier<StepGuard> stepGuard) {
    this.markedActivities = new MarkedActivities(stepGuard);
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
    markedActivities.guardAll(rootElement, processDefinitions);
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
    step.ifPresent(s -> MarkedActivities.mark(activity, s, expressions(s, element)));
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
}
