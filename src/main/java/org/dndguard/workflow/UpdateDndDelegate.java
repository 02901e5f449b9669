package org.dndguard.workflow;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dndguard.InternalApi;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.internal.DndRules;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.DndService;
import org.dndguard.workflow.internal.WorkflowContact;

/**
 * The "DND Contact" action, {@code ${updateDnd}}: a service task that turns the workflow contact's
 * DND on or off, by the same rules as a user, with the process instance as the actor.
 *
 * <p>Input parameters of the task:
 * <table>
 *   <caption>updateDnd input parameters</caption>
 *   <tr><th>name</th><th>value</th></tr>
 *   <tr><td>{@value #CHANNELS}</td><td>a channel, a comma-separated text or a list of channels, or
 *       {@code ALL} (required)</td></tr>
 *   <tr><td>{@value #DND}</td><td>{@code on} or {@code off} (required)</td></tr>
 *   <tr><td>{@value #DIRECTION}</td><td>{@code outbound} (default) or {@code inbound} (CALL and SMS
 *       only; {@code ALL} means both)</td></tr>
 *   <tr><td>{@value #NOTE}</td><td>a note for the audit trail (optional)</td></tr>
 *   <tr><td>{@value #ON_REFUSED}</td><td>{@code fail} (default): a refused clear fails the step
 *       with the rule's message; {@code error}: it throws the BPMN error {@value #REFUSED_ERROR_CODE}
 *       for a boundary event to route</td></tr>
 *   <tr><td>{@value #CONTACT}</td><td>the contact id, when it is not the workflow's contact
 *       (optional)</td></tr>
 * </table>
 * The task's local variable {@value #STATUS_OUTPUT} holds the contact's status afterwards, for an
 * output parameter.
 *
 * <p>A clear of several channels is all or nothing: when one of them may not be cleared, nothing
 * is changed and the refusal is audited.
 *
 * @param dnd the DND service; its clock dates the evidence, as it dates every DND timestamp
 * @param contact which contact the workflow works for
 */
public record UpdateDndDelegate(DndService dnd, @InternalApi WorkflowContact contact) implements JavaDelegate {

  public static final String CHANNELS = "channels";
  public static final String DND = "dnd";
  public static final String DIRECTION = "direction";
  public static final String NOTE = "note";
  public static final String ON_REFUSED = "onRefused";
  public static final String CONTACT = "contact";
  public static final String STATUS_OUTPUT = "dndStatus";
  /** The BPMN error code a refused clear throws when {@value #ON_REFUSED} is {@code error}. */
  public static final String REFUSED_ERROR_CODE = "DND_REFUSED";

  @Override
  public void execute(DelegateExecution execution) {
    Step step = Step.read(execution, contact);
    Evidence evidence = Evidence.workflow(execution.getProcessInstanceId(), step.note(), dnd.clock().instant());
    DndRecord after = step.on() ? set(step, evidence) : clear(execution, step, evidence);
    execution.setVariableLocal(STATUS_OUTPUT, after.status().name());
  }

  private DndRecord set(Step step, Evidence evidence) {
    DndRecord after = null;
    for (DndTarget target : step.targets()) {
      after = dnd.set(step.contactId(), target, evidence);
    }
    return after;
  }

  private DndRecord clear(DelegateExecution execution, Step step, Evidence evidence) {
    // judge every target before changing any, so that a refusal leaves all of them as they were
    DndRecord before = dnd.record(step.contactId());
    // a routed refusal leaves the step through its boundary event, whose output mapping may read the status
    execution.setVariableLocal(STATUS_OUTPUT, before.status().name());
    for (DndTarget target : step.targets()) {
      if (DndRules.decide(before, new DndCommand.Clear(target, evidence)).isRefused()) {
        clearOrRefuse(step, target, evidence);
      }
    }
    DndRecord after = before;
    for (DndTarget target : step.targets()) {
      after = clearOrRefuse(step, target, evidence);
    }
    return after;
  }

  /** DndService audits the refusal and throws; the designer decides whether that fails or routes. */
  private DndRecord clearOrRefuse(Step step, DndTarget target, Evidence evidence) {
    try {
      return dnd.clear(step.contactId(), target, evidence);
    } catch (DndChangeRefusedException refused) {
      if (step.routeRefusal()) {
        throw new BpmnError(REFUSED_ERROR_CODE, refused.getMessage());
      }
      throw refused;
    }
  }

  /** The task's input parameters, checked. */
  private record Step(String contactId, List<DndTarget> targets, boolean on, String note, boolean routeRefusal) {

    static Step read(DelegateExecution execution, WorkflowContact contact) {
      String where = "DND Contact step '" + execution.getCurrentActivityId() + "' of process instance "
          + execution.getProcessInstanceId() + ": ";
      try {
        boolean inbound = choice(execution, DIRECTION, "outbound", "outbound", "inbound");
        boolean on = onOff(execution.getVariableLocal(DND));
        List<DndTarget> targets = targets(execution.getVariableLocal(CHANNELS), inbound);
        boolean routeRefusal = choice(execution, ON_REFUSED, "fail", "fail", "error");
        Object note = execution.getVariableLocal(NOTE);
        String contactId = WorkflowContact.fromValue(execution.getVariableLocal(CONTACT))
            .orElseGet(() -> contact.require(execution, "The DND Contact step"));
        return new Step(contactId, targets, on, note == null ? null : note.toString(), routeRefusal);
      } catch (InvalidDndInputException e) {
        throw new InvalidDndInputException(e.field(), where + e.getMessage());
      }
    }

    private static boolean onOff(Object value) {
      if (value instanceof Boolean flag) {
        return flag;
      }
      String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
      return switch (text) {
        case "on", "true" -> true;
        case "off", "false" -> false;
        default -> throw new InvalidDndInputException(DND, value == null
            ? "the input parameter '" + DND + "' is missing; set it to on or off"
            : "the input parameter '" + DND + "' is '" + value + "'; set it to on or off");
      };
    }

    /** Whether the parameter has the second of its two values; a missing parameter has the default. */
    private static boolean choice(DelegateExecution execution, String name, String defaultValue, String first,
        String second) {
      Object value = execution.getVariableLocal(name);
      String text = value == null ? defaultValue : value.toString().trim().toLowerCase(Locale.ROOT);
      if (text.equals(first) || text.equals(second)) {
        return text.equals(second);
      }
      throw new InvalidDndInputException(name,
          "the input parameter '" + name + "' is '" + value + "'; set it to " + first + " or " + second);
    }

    private static List<DndTarget> targets(Object value, boolean inbound) {
      List<String> names = names(value);
      if (names.isEmpty()) {
        throw new InvalidDndInputException(CHANNELS, "the input parameter '" + CHANNELS + "' is missing or empty;"
            + " name the channels (e.g. SMS, a list, or ALL)");
      }
      Set<DndTarget> targets = new LinkedHashSet<>();
      for (String name : names) {
        if (!inbound) {
          targets.add(DndTarget.parseOutbound(name));
        } else if (name.equalsIgnoreCase("ALL")) {
          targets.add(DndTarget.INBOUND_CALL);
          targets.add(DndTarget.INBOUND_SMS);
        } else {
          targets.add(DndTarget.inbound(InboundChannel.parse(name)));
        }
      }
      return List.copyOf(targets);
    }

    private static List<String> names(Object value) {
      if (value instanceof Collection<?> list) {
        return list.stream().filter(item -> item != null && !item.toString().isBlank())
            .map(item -> item.toString().trim()).toList();
      }
      if (value == null) {
        return List.of();
      }
      return Arrays.stream(value.toString().split("[,;\\s]+")).filter(name -> !name.isBlank()).toList();
    }
  }
}
