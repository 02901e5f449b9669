package org.dndguard.engine.camunda.internal;

import java.util.HashMap;
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
import org.dndguard.engine.internal.StepMark;
import org.dndguard.engine.internal.InvalidStepException;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.engine.internal.StepKind;

/**
 * Finds the elements marked with {@code dnd.*} properties in a parsed BPMN file, refuses the marks
 * that cannot be honoured, and guards the marked elements.
 *
 * <p>All of it waits for {@link #parseRootElement}, the last callback of a parse, for two reasons:
 * other post parse listeners (Connect's) may set an element's behaviour after the engine parsed
 * the element, and the catchers of {@code DND_BLOCKED} (boundary events, event sub-processes) are
 * parsed after the elements they catch for. The listener keeps no state between parses: the marks
 * travel as a property of their activity ({@link MarkedActivities}), so concurrent deployments do
 * not meet.
 */
public final class DndParseListener extends AbstractBpmnParseListener {

  private static final String MESSAGE_EVENT_DEFINITION = "messageEventDefinition";
  /** The tasks DND Guard guards, by their BPMN element. */
  private static final Map<String, StepKind> GUARDED_TASKS = Map.of(
      "serviceTask", StepKind.SERVICE_TASK,
      "sendTask", StepKind.SEND_TASK,
      "scriptTask", StepKind.SCRIPT_TASK,
      "businessRuleTask", StepKind.BUSINESS_RULE_TASK,
      "userTask", StepKind.USER_TASK);
  /** The events DND Guard guards when they have a message event definition. */
  private static final Map<String, StepKind> MESSAGE_EVENTS = Map.of(
      "intermediateThrowEvent", StepKind.MESSAGE_INTERMEDIATE_THROW_EVENT,
      "endEvent", StepKind.MESSAGE_END_EVENT);
  /** The elements DND Guard cannot guard, as a refusal names them. */
  private static final Map<String, String> UNGUARDED = Map.ofEntries(
      Map.entry("intermediateThrowEvent", "intermediate throw event"),
      Map.entry("endEvent", "end event"),
      Map.entry("startEvent", "start event"),
      Map.entry("exclusiveGateway", "exclusive gateway"),
      Map.entry("inclusiveGateway", "inclusive gateway"),
      Map.entry("parallelGateway", "parallel gateway"),
      Map.entry("eventBasedGateway", "event-based gateway"),
      Map.entry("task", "task"),
      Map.entry("manualTask", "manual task"),
      Map.entry("receiveTask", "receive task"),
      Map.entry("subProcess", "sub-process"),
      Map.entry("transaction", "transaction"),
      Map.entry("callActivity", "call activity"),
      Map.entry("intermediateCatchEvent", "intermediate catch event"),
      Map.entry("boundaryEvent", "boundary event"));
  private static final String GUARDED_ELEMENTS = "DND Guard guards only service, send, script, business rule"
      + " and user tasks, and message intermediate throw and end events with an implementation; mark the step"
      + " that sends instead";

  private final MarkedActivities markedActivities;

  public DndParseListener(Supplier<StepGuard> stepGuard) {
    this.markedActivities = new MarkedActivities(stepGuard);
  }

  // --- the end of the parse: every element, behaviour and catcher is known ---

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
    Map<String, Element> elements = new HashMap<>();
    collectById(rootElement, elements);
    for (ProcessDefinitionEntity definition : processDefinitions) {
      markActivities(elements, definition);
    }
    markedActivities.guardAll(rootElement, processDefinitions);
  }

  private void markActivities(Map<String, Element> elements, ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      // a multi-instance body has no element of its own; the activity inside it has
      Element element = elements.get(activity.getId());
      if (element != null) {
        markOrRefuse(element, activity);
      }
      markActivities(elements, activity);
    }
  }

  /** Marks an element DND Guard guards; refuses a mark on one it cannot guard rather than ignore it. */
  private void markOrRefuse(Element element, ActivityImpl activity) {
    String tag = element.getTagName();
    if (GUARDED_TASKS.containsKey(tag)) {
      mark(element, activity, GUARDED_TASKS.get(tag));
    } else if (MESSAGE_EVENTS.containsKey(tag) && element.element(MESSAGE_EVENT_DEFINITION) != null) {
      markMessageEvent(element, activity, MESSAGE_EVENTS.get(tag));
    } else if (UNGUARDED.containsKey(tag)) {
      refuseIfMarked(element, activity, UNGUARDED.get(tag));
    }
  }

  private static void collectById(Element element, Map<String, Element> elements) {
    String id = element.attribute("id");
    if (id != null) {
      elements.putIfAbsent(id, element);
    }
    for (Element child : element.elements()) {
      collectById(child, elements);
    }
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
