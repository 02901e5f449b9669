package org.dndguard.workflow.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.internal.JsonDeliveryHandler;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.store.DndChangedEvent;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.IndexedInstance;
import org.dndguard.workflow.WorkflowRemoval;

/**
 * The "Contact DND" trigger: a committed DND change becomes the BPMN message {@value #MESSAGE},
 * with the variables {@code contactId}, {@code channel}, {@code active}, {@code reason} and
 * {@code status}. It wakes the contact's instances that wait for the message (found through the
 * {@link ContactInstanceIndex}) and starts the process whose message start event waits for it, with
 * the contact id as business key. Camunda allows one process definition per tenant with a given
 * start message, so with tenants there can be one per tenant; each is started.
 *
 * <p>Durably: {@link #schedule} records a {@value #KIND} delivery in the change's own transaction,
 * so a change that commits is delivered, at least once, by the job executor of any node, also when
 * this node stops right after the commit. The delivery runs in a job of its own and:
 * <ol>
 *   <li>applies the automatic removal policy first, when the change asked for it, so that the
 *       removal does not end an instance the message starts, and no removed instance is woken;
 *   <li>finds the targets: the contact's instances waiting for the message, and the processes it
 *       starts. One target is delivered right there; several are fanned out, one job each, so that
 *       one failing process does not keep the message from the others or make them get it twice.
 *       A suspended instance gets its message when an operator activates it.
 * </ol>
 * Each wake or start happens in the transaction that deletes its job, so no instance is woken twice
 * and no process started twice for one change. A job that fails (an optimistic locking conflict
 * with a busy instance, a failing next step) is tried again with a back-off; one that keeps failing
 * becomes an incident (Cockpit) and counts in the metric {@code dnd.deliveries}.
 */
public class DndChangedTrigger extends JsonDeliveryHandler<DndChangedTrigger.Payload> {

  /** The name of the BPMN message. */
  public static final String MESSAGE = "DndChanged";
  /** The kind of DND Guard's delivery job that carries it. */
  public static final String KIND = "dnd-changed";

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ContactInstanceIndex index;
  private final WorkflowContact contact;
  private final WorkflowRemoval removal;

  /** @param engine wakes and starts the workflows waiting for DndChanged */
  public DndChangedTrigger(ProcessEngine engine, ContactInstanceIndex index, WorkflowContact contact,
      WorkflowRemoval removal, DeliveryQueue deliveries) {
    super(KIND, Payload.class, "a " + KIND + " delivery", deliveries);
    this.runtime = engine.getRuntimeService();
    this.repository = engine.getRepositoryService();
    this.index = index;
    this.contact = contact;
    this.removal = removal;
  }

  /**
   * What one delivery is about: the change, what to do with it, and, for a fanned-out job, its one
   * target.
   */
  record Payload(String contactId, DndTarget target, boolean active, DndReason reason, DndStatus status,
      Evidence evidence, boolean remove, boolean correlate, String wake, String start, String topic) {

    static Payload of(DndChangedEvent event, boolean remove, boolean correlate) {
      // the contact's reply stays on the change's own audit row: a job keeps at most 3,900 characters
      return new Payload(event.contactId(), event.target(), event.active(), event.reason(), event.status(),
          event.evidence().withReply(null), remove, correlate, null, null, event.topic());
    }

    Payload waking(String processInstanceId) {
      return new Payload(contactId, target, active, reason, status, evidence, false, true, processInstanceId, null,
          topic);
    }

    Payload starting(String processDefinitionId) {
      return new Payload(contactId, target, active, reason, status, evidence, false, true, null, processDefinitionId,
          topic);
    }
  }

  /**
   * Records the change's delivery in the caller's transaction, the change's own.
   *
   * @param removeFromAllWorkflows whether the delivery first removes the contact from all workflows
   *     (the policy {@code dnd.workflows.remove-when-fully-blocked}, for a change to status ON)
   * @param correlate whether the delivery correlates the message
   */
  public void schedule(DndChangedEvent event, boolean removeFromAllWorkflows, boolean correlate) {
    scheduleDelivery(Payload.of(event, removeFromAllWorkflows, correlate), null);
  }

  @Override
  protected void deliver(Payload payload) {
    if (payload.wake() != null) {
      if (!deferredWhileSuspended(payload.wake(), payload)) {
        wake(payload.wake(), payload);
      }
    } else if (payload.start() != null) {
      start(payload.start(), payload);
    } else {
      deliverChange(payload);
    }
  }

  /**
   * Delivers one change in the caller's transaction: the removal policy, then the message, to one
   * target here or to several by a job each.
   *
   * @return how many waiting executions woke and instances started here, and how many jobs were scheduled
   */
  Outcome deliverChange(Payload payload) {
    if (payload.remove()) {
      removal.removeFromAllWorkflows(payload.contactId(), "DND Guard: contact " + payload.contactId()
          + " is in DND on every channel (" + payload.target().displayName() + " "
          + (payload.active() ? "set" : "cleared") + ", reason " + payload.reason()
          + "; policy dnd.workflows.remove-when-fully-blocked)", payload.evidence());
    }
    if (!payload.correlate()) {
      return new Outcome(0, 0, 0);
    }
    // wake before starting, so that an instance this very message starts is not woken by it too
    List<String> waiting = index.instancesOf(payload.contactId()).stream()
        .map(IndexedInstance::processInstanceId)
        .distinct()
        .filter(this::waitsForTheMessage)
        .toList();
    List<ProcessDefinition> startable = repository.createProcessDefinitionQuery()
        .messageEventSubscriptionName(MESSAGE)
        .active()
        .list();
    if (waiting.size() + startable.size() <= 1) {
      if (!waiting.isEmpty() && deferredWhileSuspended(waiting.get(0), payload)) {
        return new Outcome(0, 0, 1);
      }
      int woken = waiting.isEmpty() ? 0 : wake(waiting.get(0), payload);
      // the definition was just found active in this transaction: no second query for it
      int started = startable.isEmpty() ? 0 : startActive(startable.get(0).getId(), payload);
      return new Outcome(woken, started, 0);
    }
    for (String processInstanceId : waiting) {
      scheduleDelivery(payload.waking(processInstanceId), processInstanceId);
    }
    for (ProcessDefinition definition : startable) {
      scheduleDelivery(payload.starting(definition.getId()), null);
    }
    return new Outcome(0, 0, waiting.size() + startable.size());
  }

  /**
   * A suspended instance takes no message (Camunda refuses it): its wake becomes a delivery of its own,
   * which waits with the instance's jobs and runs once an operator activates the instance, instead of
   * failing into an incident now.
   *
   * @return whether the wake was deferred
   */
  private boolean deferredWhileSuspended(String processInstanceId, Payload payload) {
    boolean suspended = runtime.createProcessInstanceQuery()
        .processInstanceId(processInstanceId)
        .suspended()
        .count() > 0;
    if (suspended) {
      scheduleDelivery(payload.waking(processInstanceId), processInstanceId);
    }
    return suspended;
  }

  private boolean waitsForTheMessage(String processInstanceId) {
    return runtime.createExecutionQuery()
        .processInstanceId(processInstanceId)
        .messageEventSubscriptionName(MESSAGE)
        .count() > 0;
  }

  /**
   * Delivers the message to the instance's executions that wait for it. Not a correlation by
   * process instance id: a correlation would also start every process with a DndChanged start
   * event, once per woken instance. An instance that ended meanwhile gets nothing.
   */
  private int wake(String processInstanceId, Payload payload) {
    List<Execution> waiting = runtime.createExecutionQuery()
        .processInstanceId(processInstanceId)
        .messageEventSubscriptionName(MESSAGE)
        .list();
    for (Execution execution : waiting) {
      runtime.messageEventReceived(MESSAGE, execution.getId(), variables(payload));
    }
    return waiting.size();
  }

  /** Starts the process, unless its definition was suspended or deleted meanwhile. */
  private int start(String processDefinitionId, Payload payload) {
    boolean startable = repository.createProcessDefinitionQuery()
        .processDefinitionId(processDefinitionId)
        .active()
        .count() > 0;
    if (!startable) {
      return 0;
    }
    return startActive(processDefinitionId, payload);
  }

  /** Starts the process, whose definition the caller has just found active in this transaction. */
  private int startActive(String processDefinitionId, Payload payload) {
    runtime.startProcessInstanceByMessageAndProcessDefinitionId(MESSAGE, processDefinitionId, payload.contactId(),
        startVariables(variables(payload)));
    return 1;
  }

  /** The message's variables; the started instance also gets the contact under the configured variable name. */
  private Map<String, Object> startVariables(Map<String, Object> variables) {
    if (contact.variableName().equals("contactId")) {
      return variables;
    }
    Map<String, Object> withContact = new LinkedHashMap<>(variables);
    withContact.put(contact.variableName(), variables.get("contactId"));
    return withContact;
  }

  static Map<String, Object> variables(Payload payload) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("contactId", payload.contactId());
    // a topic counts on every channel, so a topic change has no channel
    variables.put("channel", payload.target() == null ? null : payload.target().name());
    variables.put("active", payload.active());
    variables.put("reason", payload.reason().name());
    variables.put("status", payload.status().name());
    variables.put("topic", payload.topic());
    return variables;
  }

  /**
   * What one delivery of a change did.
   *
   * @param woken how many waiting executions of the contact's instances received the message
   * @param started how many process instances the message started
   * @param scheduled how many targets were handed to jobs of their own
   */
  public record Outcome(int woken, int started, int scheduled) {
  }
}
