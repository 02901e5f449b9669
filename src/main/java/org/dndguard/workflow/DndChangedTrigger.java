package org.dndguard.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.dndguard.store.DndChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The "Contact DND" trigger: a committed DND change becomes the BPMN message {@value #MESSAGE},
 * with the variables {@code contactId}, {@code channel}, {@code active}, {@code reason} and
 * {@code status}. It wakes the contact's instances that wait for the message (found through the
 * {@link ContactInstanceIndex}) and starts the process whose message start event waits for it, with
 * the contact id as business key. Camunda allows one process definition per tenant with a given
 * start message, so with tenants there can be one per tenant; each is started.
 *
 * <p>Each delivery runs in a transaction of its own and a failure is logged, never thrown: the
 * change has already committed and must stand, and one failing process must not keep the message
 * from the others. A delivery that meets a concurrent change of the instance (a job of it running on
 * this or another node) is tried again, with the instance as it now is: on a busy instance that
 * conflict is common, and the message would otherwise be lost.
 */
public class DndChangedTrigger {

  /** The name of the BPMN message. */
  public static final String MESSAGE = "DndChanged";

  private static final Logger LOG = LoggerFactory.getLogger(DndChangedTrigger.class);
  /** How often one instance's delivery is tried when it keeps meeting concurrent changes. */
  static final int ATTEMPTS = 10;

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ContactInstanceIndex index;
  private final WorkflowContact contact;
  private final SeparateTransactions transactions;

  public DndChangedTrigger(RuntimeService runtime, RepositoryService repository, ContactInstanceIndex index,
      WorkflowContact contact, PlatformTransactionManager transactionManager) {
    this.runtime = runtime;
    this.repository = repository;
    this.index = index;
    this.contact = contact;
    this.transactions = new SeparateTransactions(transactionManager);
  }

  /**
   * Correlates the message for one committed change.
   *
   * @return how many waiting executions woke and how many process instances started
   */
  public Outcome correlate(DndChangedEvent event) {
    Map<String, Object> variables = variables(event);
    // wake before starting, so that an instance this very message starts is not woken by it too
    List<IndexedInstance> waiting = index.instancesOf(event.contactId());
    int woken = 0;
    for (IndexedInstance instance : waiting) {
      woken += wake(instance.processInstanceId(), event, variables);
    }
    int started = 0;
    for (ProcessDefinition definition : startableDefinitions()) {
      started += start(definition, event, variables);
    }
    return new Outcome(woken, started);
  }

  /**
   * Delivers the message to the instance's executions that wait for it. Not a correlation by
   * process instance id: a correlation would also start every process with a DndChanged start
   * event, once per woken instance.
   */
  private int wake(String processInstanceId, DndChangedEvent event, Map<String, Object> variables) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.run(() -> {
          List<Execution> waiting = runtime.createExecutionQuery()
              .processInstanceId(processInstanceId)
              .messageEventSubscriptionName(MESSAGE)
              .list();
          for (Execution execution : waiting) {
            runtime.messageEventReceived(MESSAGE, execution.getId(), variables);
          }
          return waiting.size();
        });
      } catch (RuntimeException e) {
        if (isConflict(e) && attempt < ATTEMPTS && pause(attempt)) {
          continue;
        }
        LOG.warn("{} for contact {} ({} {}) could not wake process instance {}; the DND change stands", MESSAGE,
            event.contactId(), event.target(), event.active() ? "on" : "off", processInstanceId, e);
        return 0;
      }
    }
  }

  /** An optimistic locking conflict, or a deadlock the database broke: the instance changed meanwhile. */
  private static boolean isConflict(RuntimeException e) {
    return e instanceof OptimisticLockingException
        || e instanceof ProcessEngineException engine && engine.getCode() == BuiltinExceptionCode.DEADLOCK.getCode();
  }

  /**
   * Waits before the next attempt, longer after each, at random within bounds so that the delivery
   * and the job it met do not meet again; false when interrupted, and then there is no next attempt.
   */
  private static boolean pause(int attempt) {
    long ceiling = Math.min(500, 20L << Math.min(attempt, 5));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private List<ProcessDefinition> startableDefinitions() {
    try {
      return transactions.run(() -> repository.createProcessDefinitionQuery()
          .messageEventSubscriptionName(MESSAGE)
          .active()
          .list());
    } catch (RuntimeException e) {
      LOG.warn("Could not look up the processes that start on {}; none started", MESSAGE, e);
      return List.of();
    }
  }

  private int start(ProcessDefinition definition, DndChangedEvent event, Map<String, Object> variables) {
    try {
      transactions.run(() -> runtime.startProcessInstanceByMessageAndProcessDefinitionId(MESSAGE,
          definition.getId(), event.contactId(), startVariables(variables)));
      return 1;
    } catch (RuntimeException e) {
      LOG.warn("{} for contact {} ({} {}) could not start process {}; the DND change stands", MESSAGE,
          event.contactId(), event.target(), event.active() ? "on" : "off", definition.getKey(), e);
      return 0;
    }
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

  static Map<String, Object> variables(DndChangedEvent event) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("contactId", event.contactId());
    // a topic counts on every channel, so a topic change has no channel
    variables.put("channel", event.target() == null ? null : event.target().name());
    variables.put("active", event.active());
    variables.put("reason", event.reason().name());
    variables.put("status", event.status().name());
    variables.put("topic", event.topic());
    return variables;
  }

  /**
   * What one correlation did.
   *
   * @param woken how many waiting executions of the contact's instances received the message
   * @param started how many process instances the message started
   */
  public record Outcome(int woken, int started) {
  }
}
