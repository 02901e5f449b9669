package org.dndguard.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dndguard.InternalApi;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.workflow.internal.WorkflowContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ${removeFromAllWorkflows}}: a service task that removes the workflow's contact from every
 * other workflow. The calling process goes on, and so do the processes of its call hierarchy (the
 * ones that called it and the ones it called).
 *
 * <p>The optional input parameter {@value #DELETE_REASON} is kept as each removed instance's delete
 * reason; without it the reason names the calling process. The removal joins the step's
 * transaction (a transaction of its own would need a second pooled connection while the step holds
 * one): if the step fails, the removal is undone with it, and the job's retry removes again.
 *
 * @param removal the removal; its clock dates the evidence, as it dates its audit rows
 * @param contact which contact the workflow works for
 */
public record RemoveFromAllWorkflowsDelegate(WorkflowRemoval removal, @InternalApi WorkflowContact contact)
    implements JavaDelegate {

  public static final String DELETE_REASON = "deleteReason";

  private static final Logger LOG = LoggerFactory.getLogger(RemoveFromAllWorkflowsDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    String contactId = contact.require(execution, "The step removing the contact from all workflows");
    String reason = reason(execution);
    WorkflowRemovalResult result = removal.removeFromOtherWorkflows(contactId, rootProcessInstanceId(execution),
        reason, Evidence.workflow(execution.getProcessInstanceId(), reason, removal.clock().instant()));
    LOG.debug("Process instance {} removed contact {} from {} other workflows{}", execution.getProcessInstanceId(),
        contactId, result.isBatch() ? result.batchSize() : result.removed(), result.isBatch() ? " (batch)" : "");
  }

  private static String reason(DelegateExecution execution) {
    Object given = execution.getVariableLocal(DELETE_REASON);
    String reason = given == null || given.toString().isBlank()
        ? "DND Guard: removed from all workflows by process instance " + execution.getProcessInstanceId()
            + " (activity " + execution.getCurrentActivityId() + ")"
        : given.toString();
    try {
      return WorkflowRemoval.requireReason(reason);
    } catch (InvalidDndInputException e) {
      throw new InvalidDndInputException(DELETE_REASON, "Step '" + execution.getCurrentActivityId()
          + "' of process instance " + execution.getProcessInstanceId() + ": " + e.getMessage());
    }
  }

  /** The top of the caller's call hierarchy, through the public API: each instance's super execution. */
  private static String rootProcessInstanceId(DelegateExecution execution) {
    DelegateExecution top = execution.getProcessInstance();
    while (top.getSuperExecution() != null) {
      top = top.getSuperExecution().getProcessInstance();
    }
    return top.getProcessInstanceId();
  }
}
