package org.dndguard.workflow;

import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.internal.EngineTransactions;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletions for {@link WorkflowRemoval}, each with its audit row: of one workflow, holding its
 * row of the contact index, retried after a conflict with a concurrent change (suspending a busy
 * workflow first), and activated again if it could not be removed after all; or of many workflows
 * as one Camunda batch.
 */
final class WorkflowDeletion {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowDeletion.class);

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ContactInstanceIndex index;
  private final AuditTrail audit;
  private final EngineTransactions transactions;
  private final Clock clock;
  private final int retries;

  WorkflowDeletion(RuntimeService runtime, RepositoryService repository, ContactInstanceIndex index, AuditTrail audit,
      EngineTransactions transactions, Clock clock, int retries) {
    this.runtime = runtime;
    this.repository = repository;
    this.index = index;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.retries = retries;
  }

  /** The clock of the removal's audit rows. */
  Clock clock() {
    return clock;
  }

  /**
   * Deletes the workflows with a Camunda batch (visible in Cockpit's batch view), with one audit
   * row that names it, in the caller's transaction when there is one.
   */
  Batch removeAsBatch(String contactId, List<String> processInstanceIds, String reason, Evidence evidence) {
    return transactions.runJoiningCaller(() -> {
      Batch created = runtime.deleteProcessInstancesAsync(processInstanceIds, null, reason, false, false);
      audit.append(AuditRecord.of(contactId, AuditAction.WORKFLOW_REMOVAL, evidence,
          "Removal from " + processInstanceIds.size() + " workflows runs as Camunda batch " + created.getId()
              + " (Cockpit, Batches): " + reason, clock.instant()));
      return created;
    });
  }

  /**
   * Deletes one workflow with its audit row; false when it was already gone.
   *
   * <p>The instance is not looked up again inside the transaction: its row in the index, locked
   * there, is deleted in the transaction that ends the instance, so while the row is there the
   * instance runs. Only an instance that ended where DND Guard's plugin did not run leaves its row
   * behind; Camunda then refuses the deletion and the instance is found gone. A lookup would cost a
   * query per workflow (with Camunda's process instance query, mostly the building of its SQL) for
   * that rare case.
   *
   * <p>A workflow whose jobs keep running (on this node or another) changes faster than a deletion
   * can read and remove it, so after a conflict it is suspended first: Camunda suspends with bulk
   * updates that no concurrent change can fail, and no job executor then starts its jobs. If the
   * removal fails all the same, the workflow is activated again and goes on as before.
   */
  boolean remove(String contactId, ProcessInstance instance, String reason, Evidence evidence) {
    String processInstanceId = instance.getId();
    if (transactions.callerHasTransaction()) {
      // no retry inside the caller's transaction: a conflict has doomed it, and its own retry repeats the removal
      return deleteWorkflow(contactId, instance, reason, evidence);
    }
    boolean suspended = false;
    for (int attempt = 0; ; attempt++) {
      try {
        return transactions.runSeparately(() -> deleteWorkflow(contactId, instance, reason, evidence));
      } catch (ProcessEngineException e) {
        if (isGone(processInstanceId)) {
          // another removal, or the end of the process, came first: the engine then reports whatever
          // it tripped over (not found, a vanished execution tree, a conflict); nothing is left to do
          // but drop the row of an instance that ended where DND Guard's plugin did not run
          transactions.runJoiningCaller(() -> {
            index.forget(List.of(processInstanceId));
            return null;
          });
          return false;
        }
        if (!transactions.isConflict(e) || attempt >= retries) {
          if (suspended) {
            activate(processInstanceId);
          }
          throw e;
        }
        LOG.debug("Removing process instance {} of contact {} met a concurrent change; retrying", processInstanceId,
            contactId, e);
        suspended = suspended || suspend(processInstanceId);
        if (!transactions.pauseAfterConflict(attempt + 1)) {
          throw new IllegalStateException("Interrupted while removing workflows", e);
        }
      }
    }
  }

  /** Deletes one workflow with its audit row, in the current transaction; false when it was already gone. */
  private boolean deleteWorkflow(String contactId, ProcessInstance instance, String reason, Evidence evidence) {
    String processInstanceId = instance.getId();
    // concurrent removals of this workflow wait here for each other instead of racing in the engine;
    // the row is gone when the workflow ended meanwhile, and names someone else if its contact changed
    if (!index.lock(processInstanceId).map(contactId::equals).orElse(false)) {
      return false;
    }
    runtime.deleteProcessInstance(processInstanceId, reason, false, true, false, false);
    audit.append(AuditRecord.of(contactId, AuditAction.WORKFLOW_REMOVAL, evidence,
        "Removed from workflow " + definitionKey(instance) + " (process instance " + processInstanceId
            + " and the sub-process instances it started): " + reason, clock.instant()));
    return true;
  }

  /**
   * Suspends the workflow, so that its jobs stop changing it; false when it did not (it was gone, or
   * already suspended by someone else, and then it is not activated again either).
   */
  private boolean suspend(String processInstanceId) {
    try {
      return transactions.runJoiningCaller(() -> {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
            .singleResult();
        if (instance == null || instance.isSuspended()) {
          return false;
        }
        runtime.suspendProcessInstanceById(processInstanceId);
        return true;
      });
    } catch (ProcessEngineException e) {
      // gone meanwhile, or a deadlock the database broke: the next attempt finds out
      LOG.debug("Could not suspend process instance {} before removing it", processInstanceId, e);
      return false;
    }
  }

  private void activate(String processInstanceId) {
    try {
      transactions.runJoiningCaller(() -> {
        runtime.activateProcessInstanceById(processInstanceId);
        return null;
      });
    } catch (ProcessEngineException e) {
      LOG.error("Process instance {} was suspended to be removed, but neither removed nor activated again;"
          + " activate it in Cockpit or remove it again", processInstanceId, e);
    }
  }

  private boolean isGone(String processInstanceId) {
    return transactions.runJoiningCaller(() -> runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count()) == 0;
  }

  /**
   * The key of the instance's process definition, as the query that found the instance read it.
   * Instances started before Camunda 7.23 have none stored, so their definition is looked up.
   */
  private String definitionKey(ProcessInstance instance) {
    String key = instance.getProcessDefinitionKey();
    if (key == null) {
      key = repository.getProcessDefinition(instance.getProcessDefinitionId()).getKey();
    }
    return "'" + key + "'";
  }
}
