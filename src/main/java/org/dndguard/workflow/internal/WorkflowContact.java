package org.dndguard.workflow.internal;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dndguard.contact.internal.ContactIds;

/**
 * Which contact a workflow works for: the process variable named by {@code dnd.contact-variable}
 * (default {@code contactId}), else the business key. The one place that says so for the index and
 * the workflow actions.
 */
public final class WorkflowContact {

  private final String variableName;

  public WorkflowContact(String variableName) {
    if (variableName == null || variableName.isBlank()) {
      throw new IllegalArgumentException("dnd.contact-variable is blank; name the process variable that holds"
          + " a workflow's contact id, e.g. contactId");
    }
    this.variableName = variableName.trim();
  }

  public String variableName() {
    return variableName;
  }

  /** The contact of the process instance itself: its own contact variable, else its business key. */
  public Optional<String> ofProcessInstance(DelegateExecution processInstance) {
    return first(processInstance.getVariableLocal(variableName), processInstance.getProcessBusinessKey());
  }

  /**
   * The contact as a step sees it: the contact variable as visible from the step's scope, else the
   * business key.
   */
  public Optional<String> of(DelegateExecution execution) {
    return first(execution.getVariable(variableName), execution.getProcessBusinessKey());
  }

  /**
   * The contact of a step, or an exception that says how to give the workflow one.
   *
   * @throws IllegalStateException when the workflow has no contact
   */
  public String require(DelegateExecution execution, String action) {
    return of(execution).orElseThrow(() -> new IllegalStateException(action + " in process instance "
        + execution.getProcessInstanceId() + " (activity " + execution.getCurrentActivityId()
        + ") has no contact: set the process variable '" + variableName
        + "' or start the instance with the contact id as its business key"));
  }

  /**
   * A contact id from a variable's value: text or a number, trimmed; blank counts as absent.
   *
   * @throws org.dndguard.contact.InvalidDndInputException when the value is not a usable contact id
   */
  public static Optional<String> fromValue(Object value) {
    if (!(value instanceof CharSequence) && !(value instanceof Number)) {
      return Optional.empty();
    }
    String text = value.toString();
    return text.isBlank() ? Optional.empty() : Optional.of(ContactIds.require(text));
  }

  private static Optional<String> first(Object variableValue, String businessKey) {
    Optional<String> fromVariable = fromValue(variableValue);
    return fromVariable.isPresent() ? fromVariable : fromValue(businessKey);
  }
}
