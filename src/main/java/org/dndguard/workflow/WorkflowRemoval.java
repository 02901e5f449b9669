package org.dndguard.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.InternalApi;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.internal.ControlCharacters;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.engine.internal.EngineIdentity;
import org.dndguard.engine.internal.EngineTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a contact from all workflows: every running process instance of the contact is deleted
 * with a reason that says why, the sub-process instances of its call activities with it.
 *
 * <p>The contact's instances come from the {@link ContactInstanceIndex}. Of each call hierarchy
 * only the topmost instance of the contact is deleted, which takes its sub-process instances along;
 * an instance that another contact's (or no contact's) process called is deleted on its own, and the
 * engine cancels the call activity that waits for it, so the caller goes on.
 *
 * <p>Up to the batch threshold, each workflow is deleted in a transaction of its own, together with
 * its audit row, holding the lock of its row in the index, so that concurrent removals of one
 * workflow take turns; a workflow that is already gone is skipped, and a deletion that meets a
 * concurrent change in the engine (an optimistic locking conflict) is retried. So a removal can be
 * repeated, or run on two threads or nodes at once, and each instance ends once. Above the threshold the removal is handed to a Camunda batch
 * ({@code deleteProcessInstancesAsync}), visible in Cockpit's batch view, and audited once.
 *
 * <p>Called inside a transaction (a service task, a delivery job), the removal joins it instead: a
 * transaction of its own would need a second pooled connection while the caller's is held, which
 * deadlocks a busy pool. A conflict then fails the caller's transaction, and the caller's retry (the
 * job executor's) repeats the removal.
 */
public class WorkflowRemoval {

  /** The longest delete reason accepted; Camunda keeps it in the history. */
  public static final int MAX_REASON_LENGTH = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRemoval.class);
  private static final int QUERY_CHUNK = 500;

  private final RuntimeService runtime;
  private final ContactInstanceIndex index;
  private final EngineTransactions transactions;
  private final int batchThreshold;
  private final WorkflowDeletion deletion;
  private final EngineIdentity identity; // null: the running instances are read as whoever the thread is

  /**
   * @param transactions the transactions of the deletions (each workflow's its own, unless the caller has one)
   * @param batchThreshold above this many workflows the removal runs as a Camunda batch
   * @param retries how often one workflow's deletion is retried after an optimistic locking conflict
   */
  @InternalApi
  public WorkflowRemoval(RuntimeService runtime, RepositoryService repository, ContactInstanceIndex index,
      AuditTrail audit, EngineTransactions transactions, Clock clock, int batchThreshold, int retries) {
    this(runtime, repository, index, audit, transactions, clock, batchThreshold, retries, null);
  }

  /**
   * @param transactions the transactions of the deletions (each workflow's its own, unless the caller has one)
   * @param batchThreshold above this many workflows the removal runs as a Camunda batch
   * @param retries how often one workflow's deletion is retried after an optimistic locking conflict
   * @param identity which of the contact's instances still run is read as the engine, so that a caller
   *     authenticated in Camunda (DND Guard's API, Cockpit) who may not read an instance does not make the
   *     contact's index forget it; deleting it is still checked as the caller
   */
  @InternalApi
  public WorkflowRemoval(RuntimeService runtime, RepositoryService repository, ContactInstanceIndex index,
      AuditTrail audit, EngineTransactions transactions, Clock clock, int batchThreshold, int retries,
      EngineIdentity identity) {
    this.identity = identity;
    if (batchThreshold < 0 || retries < 0) {
      throw new IllegalArgumentException("batchThreshold and retries must be 0 or more; were " + batchThreshold
          + " and " + retries);
    }
    this.runtime = runtime;
    this.index = index;
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.batchThreshold = batchThreshold;
    this.deletion = new WorkflowDeletion(runtime, repository, index, audit, transactions, clock, retries);
  }

  /** The clock of the removal's audit rows and of the evidence its callers give. */
  public Clock clock() {
    return deletion.clock();
  }

  /**
   * Removes the contact from every workflow it runs in.
   *
   * @param deleteReason why, kept by Camunda as each instance's delete reason (at most
   *     {@value #MAX_REASON_LENGTH} characters)
   * @param evidence who asked, for the audit trail
   * @throws InvalidDndInputException when the contact id or the reason is unusable; nothing is removed
   * @throws OptimisticLockingException when a workflow kept changing through every retry; the
   *     workflows removed before it stay removed, and removing again finishes the job
   */
  public WorkflowRemovalResult removeFromAllWorkflows(String contactId, String deleteReason, Evidence evidence) {
    return remove(contactId, null, deleteReason, evidence);
  }

  /**
   * Removes the contact from every workflow except one call hierarchy, the caller's own: the
   * service task that asks must not end its own process, nor the processes that called it or that
   * it called.
   *
   * @param keptRootProcessInstanceId the root process instance of the hierarchy to keep
   * @see #removeFromAllWorkflows(String, String, Evidence)
   */
  public WorkflowRemovalResult removeFromOtherWorkflows(String contactId, String keptRootProcessInstanceId,
      String deleteReason, Evidence evidence) {
    Objects.requireNonNull(keptRootProcessInstanceId, "keptRootProcessInstanceId");
    return remove(contactId, keptRootProcessInstanceId, deleteReason, evidence);
  }

  private WorkflowRemovalResult remove(String rawContactId, String keptRoot, String deleteReason, Evidence evidence) {
    String contactId = ContactIds.require(rawContactId);
    String reason = requireReason(deleteReason);
    Objects.requireNonNull(evidence, "evidence");
    List<ProcessInstance> running = running(workflowsOf(contactId, keptRoot));
    if (running.size() > batchThreshold) {
      return batch(contactId, running.stream().map(ProcessInstance::getId).toList(), reason, evidence);
    }
    List<String> removed = new ArrayList<>();
    for (ProcessInstance instance : running) {
      if (deletion.remove(contactId, instance, reason, evidence)) {
        removed.add(instance.getId());
      }
    }
    if (!removed.isEmpty()) {
      LOG.info("Removed contact {} from {} workflows: {}", contactId, removed.size(), reason);
    }
    return WorkflowRemovalResult.removed(contactId, removed);
  }

  /** The top instance of each of the contact's call hierarchies, but the kept one, in id order. */
  private List<String> workflowsOf(String contactId, String keptRoot) {
    Map<String, IndexedInstance> instances = new LinkedHashMap<>();
    for (IndexedInstance instance : index.instancesOf(contactId)) {
      if (keptRoot == null || !keptRoot.equals(instance.rootProcessInstanceId())) {
        instances.put(instance.processInstanceId(), instance);
      }
    }
    TreeSet<String> tops = new TreeSet<>();
    for (IndexedInstance instance : instances.values()) {
      IndexedInstance top = instance;
      // bounded by the number of instances, so a corrupt row cannot make it loop
      for (int hops = 0; hops < instances.size() && instances.containsKey(top.superProcessInstanceId()); hops++) {
        top = instances.get(top.superProcessInstanceId());
      }
      tops.add(top.processInstanceId());
    }
    return List.copyOf(tops);
  }

  /**
   * The given instances that are running, in id order; rows of instances that are gone are dropped
   * from the index.
   */
  private List<ProcessInstance> running(List<String> processInstanceIds) {
    List<ProcessInstance> running = new ArrayList<>();
    for (int from = 0; from < processInstanceIds.size(); from += QUERY_CHUNK) {
      List<String> chunk = processInstanceIds.subList(from, Math.min(from + QUERY_CHUNK, processInstanceIds.size()));
      Supplier<List<ProcessInstance>> query = () -> transactions.runJoiningCaller(
          () -> runtime.createProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).list());
      running.addAll(identity == null ? query.get() : identity.asEngine(query));
    }
    Set<String> runningIds = new HashSet<>();
    running.forEach(instance -> runningIds.add(instance.getId()));
    forget(processInstanceIds.stream().filter(id -> !runningIds.contains(id)).toList());
    running.sort(Comparator.comparing(ProcessInstance::getId));
    return running;
  }

  private void forget(List<String> goneProcessInstanceIds) {
    if (!goneProcessInstanceIds.isEmpty()) {
      transactions.runJoiningCaller(() -> {
        index.forget(goneProcessInstanceIds);
        return null;
      });
    }
  }

  private WorkflowRemovalResult batch(String contactId, List<String> processInstanceIds, String reason,
      Evidence evidence) {
    Batch batch = deletion.removeAsBatch(contactId, processInstanceIds, reason, evidence);
    LOG.info("Removing contact {} from {} workflows in batch {}: {}", contactId, processInstanceIds.size(),
        batch.getId(), reason);
    return WorkflowRemovalResult.batch(contactId, batch.getId(), processInstanceIds.size());
  }

  static String requireReason(String deleteReason) {
    if (deleteReason == null || deleteReason.isBlank()) {
      throw new InvalidDndInputException("deleteReason",
          "The delete reason is blank; say why the contact leaves its workflows, e.g. \"DND on all channels\"");
    }
    String reason = ControlCharacters.refuse("deleteReason", deleteReason.strip(), true);
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidDndInputException("deleteReason", "The delete reason is " + reason.length()
          + " characters long; at most " + MAX_REASON_LENGTH + " are allowed");
    }
    return reason;
  }
}
