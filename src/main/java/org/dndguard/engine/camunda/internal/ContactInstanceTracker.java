package org.dndguard.engine.camunda.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.engine.internal.ProcessInstanceContacts;
import org.dndguard.engine.internal.ProcessInstanceContacts.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the contact index in step with the engine. Two sources, because neither covers every case
 * alone:
 * <ul>
 *   <li>built-in start and end listeners on every process definition. They run on every history
 *       level, for instances started any way (start event, message or timer start event, call
 *       activity, instantiation at an activity) and for every way an instance ends: completion,
 *       cancellation, deletion, even with {@code skipCustomListeners}, since built-in listeners are
 *       never skipped;</li>
 *   <li>history events, on the levels that produce them: the process instance's start (which, unlike
 *       the start listener, is not delayed by an asynchronous start event), a business key change,
 *       and the contact variable being set later, e.g. by a timer-started instance that looks up its
 *       contact.</li>
 * </ul>
 * Both only note the change in the command's {@link PendingIndexWrites}; it is written when the
 * command flushes, in the engine's transaction.
 */
public final class ContactInstanceTracker extends AbstractBpmnParseListener implements HistoryEventHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ContactInstanceTracker.class);

  private final Supplier<ProcessInstanceContacts> contacts;
  private final ExecutionListener onStart = this::started;
  private final ExecutionListener onEnd = execution -> pending().ended(execution.getProcessInstanceId());

  /** The index is asked for when the engine runs, since a plugin without Spring builds it at postInit. */
  public ContactInstanceTracker(Supplier<ProcessInstanceContacts> contacts) {
    this.contacts = contacts;
  }

  // --- the parse listener ---

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, onEnd);
  }

  private void started(DelegateExecution execution) {
    ExecutionEntity processInstance = (ExecutionEntity) execution.getProcessInstance();
    rowOf(processInstance).ifPresent(row -> pending().put(row));
  }

  // --- the history event handler ---

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event.getProcessInstanceId() == null || !concernsContact(event)) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) {
      return;
    }
    ExecutionEntity processInstance = commandContext.getExecutionManager().findExecutionById(event.getProcessInstanceId());
    if (processInstance != null && !processInstance.isEnded()) {
      rowOf(processInstance).ifPresent(row -> pending().putUnlessUnchanged(row));
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private boolean concernsContact(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return contacts.get().contactVariable().equals(variable.getVariableName())
          && (variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
              || variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE));
    }
    return event instanceof HistoricProcessInstanceEventEntity
        && (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)
            || event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_UPDATE));
  }

  // --- both ---

  private Optional<Row> rowOf(ExecutionEntity processInstance) {
    return contactOf(processInstance).map(contactId -> new Row(processInstance.getId(), contactId,
        processInstance.getRootProcessInstanceId(), superProcessInstanceId(processInstance)));
  }

  private Optional<String> contactOf(ExecutionEntity processInstance) {
    try {
      return contacts.get().contactOf(processInstance);
    } catch (InvalidDndInputException e) {
      // a process must not fail because its contact id is unusable; it just cannot be found by contact
      LOG.warn("Process instance {} is not indexed by contact: {}", processInstance.getId(), e.getMessage());
      return Optional.empty();
    }
  }

  private static String superProcessInstanceId(ExecutionEntity processInstance) {
    ExecutionEntity superExecution = processInstance.getSuperExecution();
    return superExecution == null ? null : superExecution.getProcessInstanceId();
  }

  private static PendingIndexWrites pending() {
    return Context.getCommandContext().getSession(PendingIndexWrites.class);
  }
}
